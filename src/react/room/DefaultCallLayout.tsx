import { type ComponentType, forwardRef, type HTMLAttributes } from 'react';
import { AudioLayout } from './AudioLayout';
import { GridLayout } from './GridLayout';
import type { CallLayout } from './layout';
import { OneOnOneLayout } from './OneOnOneLayout';
import { ParticipantTile, type ParticipantTileProps } from './ParticipantTile';
import { ScreenShareLayout } from './ScreenShareLayout';
import { SpeakerLayout } from './SpeakerLayout';
import { useCallLayoutKind } from './useCallLayoutKind';

/**
 * What `CallRoom` gives its `Layout`: the user's grid / speaker pick and the tile to render
 * participants with. A custom layout reads the room with the room hooks (`useParticipants`,
 * `useCallLayoutKind`, `useSpotlight`…) and renders `Tile` for each participant it shows, so an
 * app's `Tile` override keeps working in it.
 */
export interface CallLayoutProps extends HTMLAttributes<HTMLDivElement> {
  /** The user's pick for group video calls (the room's layout switch). Default `'grid'`. */
  layout?: CallLayout;
  /** Renders one participant's camera or screen. Default {@link ParticipantTile}. */
  Tile?: ComponentType<ParticipantTileProps>;
}

/**
 * The stage of the call room: the layout people expect for the call as it is now — a screen
 * share on the stage, large avatars in an audio call, "Waiting for others to join" alone, the
 * other person large with yourself in a movable corner in a call of two, else the grid or the
 * speaker view as the user picked. Its root carries `data-layout` with the layout it shows.
 *
 * @example
 * // Keep the kit's layouts but restyle every tile:
 * <CallRoom Tile={MyTile} />
 * // Or replace the stage and fall back to the kit's for the rest:
 * function MyLayout(props: CallLayoutProps) {
 *   const kind = useCallLayoutKind(props.layout);
 *   return kind === 'grid' ? <MyGrid Tile={props.Tile} /> : <DefaultCallLayout {...props} />;
 * }
 * <CallRoom Layout={MyLayout} />
 */
export const DefaultCallLayout = forwardRef<HTMLDivElement, CallLayoutProps>(
  function DefaultCallLayout({ layout = 'grid', Tile = ParticipantTile, ...rest }, ref) {
    const kind = useCallLayoutKind(layout);
    const props = { ref, Tile, 'data-layout': kind, ...rest };
    switch (kind) {
      case 'audio':
        return <AudioLayout {...props} />;
      case 'screen-share':
        return <ScreenShareLayout {...props} />;
      // One component for both: the user's tile (and video) stays as someone joins or leaves.
      case 'waiting':
      case 'one-on-one':
        return <OneOnOneLayout {...props} />;
      case 'speaker':
        return <SpeakerLayout {...props} />;
      default:
        return <GridLayout {...props} />;
    }
  },
);
