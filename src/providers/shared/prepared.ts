import type { PreparedJoin, TrackRef } from '../../core/provider';

export interface Preparations<T> {
  /**
   * Wraps media a provider started on the Join click. `stop` releases it if no join takes it;
   * `preview` picks the camera to show meanwhile.
   */
  create(
    started: Promise<T>,
    stop: (media: T) => void,
    preview?: (media: T) => TrackRef | undefined | Promise<TrackRef | undefined>,
  ): PreparedJoin;
  /**
   * What `prepared` started, handed over to the caller's join: from now on the join stops it.
   * `undefined` when there is none, it was released, or another provider made it.
   */
  take(prepared: PreparedJoin | undefined): Promise<T> | undefined;
}

/** One provider's prepared joins, each taken over by one join or released, never both. */
export function preparations<T>(): Preparations<T> {
  const takers = new WeakMap<PreparedJoin, () => Promise<T> | undefined>();
  return {
    create(started, stop, preview) {
      let owner: 'prepared' | 'join' | 'released' = 'prepared';
      // Handled here: media nobody takes must not surface as an unhandled rejection.
      const settled = started.catch(() => undefined);
      const prepared: PreparedJoin = {
        preview:
          preview &&
          settled.then((media) =>
            media !== undefined && owner !== 'released' ? preview(media) : undefined,
          ),
        release() {
          if (owner !== 'prepared') return;
          owner = 'released';
          void settled.then((media) => media !== undefined && stop(media));
        },
      };
      takers.set(prepared, () => {
        if (owner !== 'prepared') return undefined;
        owner = 'join';
        return started;
      });
      return prepared;
    },
    take: (prepared) => (prepared ? takers.get(prepared)?.() : undefined),
  };
}
