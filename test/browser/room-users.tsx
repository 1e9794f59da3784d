/**
 * Users for the room's browser tests: each a real stream-chat client signed in to the REAL dev
 * server, its own CallController with the `local` provider, and a CallRoom placed inline in a box
 * of its own (two overlays in one page would cover each other).
 */
import { screen, within } from '@testing-library/react';
import type { CSSProperties } from 'react';
import { StreamChat } from 'stream-chat';
import { Chat, Streami18n } from 'stream-chat-react';
import { streamCallApi } from '../../src/core/api';
import { streamChannel } from '../../src/core/channel';
import { CallController } from '../../src/core/controller';
import type { CallType } from '../../src/core/types';
import { local } from '../../src/providers/local';
import { CallsContext } from '../../src/react/context/CallsContext';
import { registerCallTranslations } from '../../src/react/i18n';
import { CallRoom } from '../../src/react/room';
import { quietCallsOptions } from '../../stories/room/fixtures';
import { devServer } from './dev-server-client';

export type Cleanups = (() => Promise<unknown>)[];

export interface RoomUserOptions {
  /** GetCallToken answers only once it settles (a slow network to the service). */
  slowToken?: Promise<void>;
  /** The style of the box the room is placed in. */
  boxStyle?: CSSProperties;
}

export async function roomUser(id: string, cleanups: Cleanups, options: RoomUserOptions = {}) {
  const server = devServer();
  const res = await fetch(`${server.url}/dev/token?user_id=${id}`);
  const { token } = (await res.json()) as { token: string };
  const client = new StreamChat('dev', { baseURL: server.url });
  await client.connectUser({ id }, token);
  const api = streamCallApi(client);
  const { slowToken } = options;
  if (slowToken) {
    const getCallToken = api.getCallToken;
    api.getCallToken = async (...args) => {
      await slowToken;
      return getCallToken(...args);
    };
  }
  const controller = new CallController({
    api,
    providers: [local()],
    user: { id, name: client.user?.name as string | undefined },
    serviceURL: server.url,
    joinTimeoutMs: 10_000,
  });
  cleanups.push(() => client.disconnectUser());
  cleanups.push(() => controller.destroy());
  const i18n = registerCallTranslations(new Streami18n({ language: 'en' }));
  const ui = (
    <Chat client={client} i18nInstance={i18n}>
      <CallsContext.Provider
        value={{
          client,
          api,
          controller,
          options: quietCallsOptions({ joinTimeoutMs: 10_000 }),
        }}
      >
        <div className="str-chat" data-testid={`room-${id}`} style={options.boxStyle}>
          <CallRoom inline />
        </div>
      </CallsContext.Provider>
    </Chat>
  );
  return { client, controller, ui, room: () => within(screen.getByTestId(`room-${id}`)) };
}

export type RoomUser = Awaited<ReturnType<typeof roomUser>>;

/**
 * `user` starts a call in `messaging:general`, told by an event and without ringing. It starts
 * from the open (watched) channel, as StartCallButton's is.
 */
export async function startCall(
  user: RoomUser,
  { type = 'video', join = true }: { type?: CallType; join?: boolean } = {},
) {
  const channel = user.client.channel('messaging', 'general');
  await channel.watch();
  const started = await user.controller.start({
    channel: streamChannel(channel),
    type,
    callId: `b-${Math.random().toString(36).slice(2, 10)}`,
    notify: 'event',
    ring: false,
    join,
  });
  if (!started.ok) throw started.error;
  return started.call;
}

/** Resolves with the video's width after it rendered 3 real frames. */
export function frames(video: HTMLVideoElement): Promise<number> {
  return new Promise((resolve) => {
    let n = 0;
    const onFrame = () => {
      if (video.videoWidth > 2 && ++n >= 3) resolve(video.videoWidth);
      else video.requestVideoFrameCallback(onFrame);
    };
    video.requestVideoFrameCallback(onFrame);
  });
}
