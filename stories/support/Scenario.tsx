/**
 * Drives a story's controller through a call's life on mount (the user's clicks and the other
 * members' answers, over the offline chat), so a story shows one state of a lifecycle view.
 */
import { useEffect } from 'react';
import type { Event as StreamEvent } from 'stream-chat';
import { useChannelStateContext, useChatContext } from 'stream-chat-react';
import { streamChannel } from '../../src/core/channel';
import type { Call } from '../../src/core/types';
import { useCallsContext } from '../../src/react/context/CallsContext';
import { USERS } from './offlineChat';

export type ScenarioStep =
  | { kind: 'start'; callId?: string; type?: Call['type'] }
  | { kind: 'join'; call: Call }
  | { kind: 'event'; event: Partial<StreamEvent> };

export function Scenario({ steps }: { steps: ScenarioStep[] }) {
  const { controller } = useCallsContext();
  const { client } = useChatContext('Scenario');
  const { channel } = useChannelStateContext('Scenario');
  useEffect(() => {
    let cancelled = false;
    void (async () => {
      for (const step of steps) {
        if (cancelled) return;
        if (step.kind === 'start') {
          await controller.start({
            channel: streamChannel(channel),
            type: step.type ?? 'video',
            callId: step.callId ?? 'story-call',
          });
        } else if (step.kind === 'join') {
          await controller.join(step.call);
        } else {
          client.dispatchEvent({ cid: channel.cid, user: USERS.bob, ...step.event } as StreamEvent);
        }
        await new Promise((r) => setTimeout(r, 0));
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [controller, client, channel, steps]);
  return null;
}
