import { clsx } from 'clsx';
import { type ComponentType, forwardRef, type HTMLAttributes, type ReactNode } from 'react';
import type { ParticipantTileProps } from './ParticipantTile';
import { parseTileKey, tileElementKey } from './tiles';

export interface FocusStageProps extends HTMLAttributes<HTMLDivElement> {
  /** What takes the stage. */
  stage: ReactNode;
  /** Tile keys for the strip beside or under the stage, in order. */
  strip: readonly string[];
  /** The strip's accessible name. */
  stripLabel: string;
  localId: string;
  Tile: ComponentType<ParticipantTileProps>;
  /** Shown above the stage (the presenter's "Stop presenting"). */
  notice?: ReactNode;
}

/**
 * The speaker and screen-share layouts' frame: one thing large, the others in a strip — under it
 * on narrow stages, beside it on wide ones (a container query on the root). Internal.
 */
export const FocusStage = forwardRef<HTMLDivElement, FocusStageProps>(function FocusStage(
  { stage, strip, stripLabel, localId, Tile, notice, className, ...rest },
  ref,
) {
  return (
    <div ref={ref} className={clsx('str-call__focus', className)} {...rest}>
      {notice}
      <div className="str-call__focus-body">
        <div className="str-call__focus-main">{stage}</div>
        {strip.length > 0 && (
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a strip that scrolls: keyboard users scroll it.
          <ul className="str-call__filmstrip" aria-label={stripLabel} tabIndex={0}>
            {strip.map((key) => {
              const { id, source } = parseTileKey(key);
              return (
                <li key={tileElementKey(key, localId)}>
                  <Tile participantId={id} source={source} />
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </div>
  );
});
