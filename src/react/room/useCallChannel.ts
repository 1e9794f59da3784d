import { useMemo } from 'react';
import type { Channel, StreamChat } from 'stream-chat';
import { useChatContext } from 'stream-chat-react';
import { CALL_ATTACHMENT_TYPE } from '../../core/attachment';
import type { ChannelRef } from '../../core/types';
import { useScopedSession } from './useScopedSession';
import { useStoreSelector } from './useStoreSelector';

/**
 * The stream-chat `Channel` of the call in scope: the one it was started or joined in, else the
 * watched channel whose messages or data announce it. Undefined when the client does not know it.
 *
 * @example
 * const channel = useCallChannel();
 * const title = useChannelDisplayName(channel); // stream-chat-react's: name, or the other person
 */
export function useCallChannel(): Channel | undefined {
  const { client } = useChatContext('useCallChannel');
  const session = useScopedSession();
  const ref = useStoreSelector(session ?? undefined, (s) => s.channel, undefined);
  const callId = useStoreSelector(session ?? undefined, (s) => s.call?.id, undefined);
  return useMemo(() => findCallChannel(client, ref, callId), [client, ref, callId]);
}

function findCallChannel(
  client: StreamChat,
  ref: ChannelRef | undefined,
  callId: string | undefined,
): Channel | undefined {
  if (ref) {
    const cid = ref.cid ?? (ref.id ? `${ref.type}:${ref.id}` : undefined);
    const known = cid ? client.activeChannels[cid] : undefined;
    if (known) return known;
    if (ref.id) return client.channel(ref.type, ref.id);
  }
  if (!callId) return undefined;
  const channels = Object.values(client.activeChannels);
  return (
    channels.find((c) => announces(c.data, callId)) ??
    channels.find((c) =>
      c.state.latestMessages.some((m) =>
        m.attachments?.some((a) => a.type === CALL_ATTACHMENT_TYPE && announces(a, callId)),
      ),
    )
  );
}

/** Whether `holder.call.id` is the call's id (channel data, a call attachment). */
function announces(holder: unknown, callId: string): boolean {
  const call = (holder as { call?: { id?: unknown } } | undefined)?.call;
  return call?.id === callId;
}
