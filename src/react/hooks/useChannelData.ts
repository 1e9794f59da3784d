import { useCallback, useSyncExternalStore } from 'react';
import type { Channel, ChannelResponse } from 'stream-chat';

/** `channel.data`, re-read on `channel.updated` (the object is replaced on each update). */
export function useChannelData(channel: Channel | undefined): ChannelResponse | undefined {
  const subscribe = useCallback(
    (listener: () => void) => {
      if (!channel) return () => {};
      const sub = channel.on('channel.updated', listener);
      const sub2 = channel.on('capabilities.changed', listener);
      return () => {
        sub.unsubscribe();
        sub2.unsubscribe();
      };
    },
    [channel],
  );
  const get = useCallback(() => channel?.data as ChannelResponse | undefined, [channel]);
  return useSyncExternalStore(subscribe, get, get);
}
