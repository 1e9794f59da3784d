import { describe, expect, it, vi } from 'vitest';
import { CallKitError } from '../../../src/core/errors';
import type { PreparedJoin, PrepareOptions, TrackRef } from '../../../src/core/provider';
import { CallSession } from '../../../src/core/session';
import type { CallToken } from '../../../src/core/types';
import { call, deferred, FakeProvider, fakeApi, flush, user } from './session-fakes';

const preview: TrackRef = {
  id: 'camera-starting',
  kind: 'video',
  source: 'camera',
  attach: () => () => {},
};

/** A provider that prepares: each `prepare` is recorded with its release count. */
class PreparingProvider extends FakeProvider {
  readonly prepares: {
    options: PrepareOptions;
    prepared: PreparedJoin;
    release: ReturnType<typeof vi.fn>;
  }[] = [];
  withPreview = true;

  prepare(options: PrepareOptions): PreparedJoin {
    const release = vi.fn();
    const prepared: PreparedJoin = {
      preview: this.withPreview ? Promise.resolve(preview) : undefined,
      release,
    };
    this.prepares.push({ options, prepared, release });
    return prepared;
  }
}

function setup() {
  const api = fakeApi();
  const provider = new PreparingProvider();
  const session = new CallSession({ api, providers: [provider], user });
  return { api, provider, session };
}

describe('CallSession: preparing on the Join click', () => {
  it('prepares before the token arrives, shows the preview while joining, and hands it to the join', async () => {
    const { api, provider, session } = setup();
    const token = deferred<CallToken>();
    api.getCallToken.mockReturnValueOnce(token.promise);
    const joined = session.join({ call, media: { audio: false } });
    // Synchronously on the click: the camera is already starting while the token is fetched.
    expect(provider.prepares).toHaveLength(1);
    expect(provider.prepares[0]?.options).toStrictEqual({
      call,
      media: { audio: false, video: true },
    });
    // The camera shows once it is on, while the token is still on its way.
    expect(session.state.preview).toBeUndefined();
    await flush();
    expect(session.state).toMatchObject({ callingState: 'joining', preview });
    expect(provider.joins).toHaveLength(0);
    token.resolve({ token: 't' });
    await joined;
    expect(provider.joins[0]?.options.prepared).toBe(provider.prepares[0]?.prepared);
    // In the room the local tile shows the camera: no preview any more.
    expect(session.state.callingState).toBe('joined');
    expect(session.state.preview).toBeUndefined();
  });

  it('releases what was prepared when the token request fails, and shows no preview', async () => {
    const { api, provider, session } = setup();
    api.getCallToken.mockRejectedValueOnce(new CallKitError('forbidden', 'not a member'));
    await session.join({ call });
    expect(session.state).toMatchObject({ callingState: 'failed', error: { code: 'forbidden' } });
    expect(session.state.preview).toBeUndefined();
    expect(provider.joins).toHaveLength(0);
    expect(provider.prepares[0]?.release).toHaveBeenCalledTimes(1);
  });

  it('releases what was prepared when the user leaves before the token arrives', async () => {
    const { api, provider, session } = setup();
    api.getCallToken.mockReturnValueOnce(deferred<CallToken>().promise);
    void session.join({ call });
    await session.leave();
    expect(session.state.callingState).toBe('left');
    expect(session.state.preview).toBeUndefined();
    expect(provider.prepares[0]?.release).toHaveBeenCalledTimes(1);
    expect(provider.joins).toHaveLength(0);
  });

  it('clears the preview when the provider join fails, and prepares afresh on retry', async () => {
    const { provider, session } = setup();
    provider.auto = false;
    const first = session.join({ call });
    await flush();
    provider.joins[0]?.deferred.reject(new CallKitError('provider-join-failed', 'no'));
    await first;
    expect(session.state).toMatchObject({ callingState: 'failed' });
    expect(session.state.preview).toBeUndefined();
    const second = session.retry();
    expect(provider.prepares).toHaveLength(2);
    await flush();
    expect(session.state.preview).toBe(preview);
    provider.joins[1]?.connect();
    await second;
    expect(session.state.callingState).toBe('joined');
  });

  it('joins without a preview when the provider has none (camera off)', async () => {
    const { provider, session } = setup();
    provider.withPreview = false;
    const joining = session.join({ call, media: { video: false } });
    expect(session.state.callingState).toBe('joining');
    expect(session.state.preview).toBeUndefined();
    await joining;
    expect(session.state.callingState).toBe('joined');
  });

  it('still joins when prepare throws (the provider captures in its join instead)', async () => {
    const { provider, session } = setup();
    provider.prepare = () => {
      throw new Error('cannot prepare');
    };
    await session.join({ call });
    expect(session.state.callingState).toBe('joined');
    expect(provider.joins[0]?.options.prepared).toBeUndefined();
  });

  it('an audio call prepares without a camera', async () => {
    const { provider, session } = setup();
    await session.join({ call: { ...call, type: 'audio' } });
    expect(provider.prepares[0]?.options.media.video).toBe(false);
  });
});
