import { clsx } from 'clsx';
import { forwardRef, type HTMLAttributes, useEffect, useRef } from 'react';
import { useTranslationContext } from 'stream-chat-react';
import type { RoomState, TrackRef } from '../../core/provider';
import { useRoom } from './RoomContext';
import { useRoomState } from './useRoomState';
import { shallowEqualArray } from './useStoreSelector';

const NONE: readonly TrackRef[] = [];
const selectRemoteAudio = (s: RoomState) =>
  s.order.flatMap((id) => {
    const p = s.participants[id];
    return p && !p.isLocal && p.audioTrack ? [p.audioTrack] : [];
  });

function AudioTrack({
  track,
  sinkId,
  blocked,
}: {
  track: TrackRef;
  sinkId?: string;
  blocked: boolean;
}) {
  const el = useRef<HTMLAudioElement>(null);
  const latest = useRef(track);
  latest.current = track;
  const key = track.mediaStreamTrack ?? track.id;
  useEffect(() => (el.current && key ? latest.current.attach(el.current) : undefined), [key]);
  useEffect(() => {
    const audio = el.current as
      | (HTMLAudioElement & { setSinkId?: (id: string) => Promise<void> })
      | null;
    if (sinkId && audio?.setSinkId) void audio.setSinkId(sinkId).catch(() => {});
  }, [sinkId]);
  useEffect(() => {
    // After "Enable audio" (a user gesture) the elements the browser refused can play.
    if (!blocked && el.current?.srcObject) void el.current.play().catch(() => {});
  }, [blocked]);
  // biome-ignore lint/a11y/useMediaCaption: live call audio has no caption track.
  return <audio ref={el} autoPlay data-track={track.id} />;
}

/** Props of {@link RoomAudio}: its root `<div>`'s (it holds the hidden players and "Enable audio"). */
export type RoomAudioProps = HTMLAttributes<HTMLDivElement>;

/**
 * Plays every remote participant's audio through one hidden <audio> each — independent of which
 * tiles are visible (grid pages, filmstrip, docked) — and offers "Enable audio" when the browser
 * refused to autoplay it.
 */
export const RoomAudio = forwardRef<HTMLDivElement, RoomAudioProps>(function RoomAudio(
  { className, ...rest },
  ref,
) {
  const { t } = useTranslationContext();
  const room = useRoom();
  const tracks = useRoomState(selectRemoteAudio, NONE, shallowEqualArray);
  const blocked = useRoomState((s) => s.audioBlocked, false);
  const sinkId = useRoomState((s) => s.selectedDevices.audiooutput, undefined);
  return (
    <div ref={ref} className={clsx('str-call__audio', className)} {...rest}>
      <div hidden>
        {tracks.map((track) => (
          <AudioTrack key={track.id} track={track} sinkId={sinkId} blocked={blocked} />
        ))}
      </div>
      {blocked && (
        <button
          type="button"
          className="str-call__button str-call__enable-audio"
          onClick={() => void room?.unlockAudio()}
        >
          {t('Enable audio')}
        </button>
      )}
    </div>
  );
});
