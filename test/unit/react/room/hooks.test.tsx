import { act, render, renderHook, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { TranslationProvider } from 'stream-chat-react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CallKitError } from '../../../../src/core/errors';
import {
  PreJoin,
  RoomProvider,
  useActiveSpeaker,
  useCallSession,
  useDevices,
  useLocalParticipant,
  useMediaToggle,
  useParticipants,
} from '../../../../src/react/room';
import {
  createFakeRoom,
  createHarness,
  type FakeRoom,
  HarnessProvider,
} from '../../../../stories/room/fixtures';

const t = ((key: string) => key) as never;
const translation = { t, tDateTimeParser: (() => null) as never, userLanguage: 'en' as const };

function roomWrapper(room: FakeRoom) {
  return ({ children }: { children: ReactNode }) => (
    <TranslationProvider value={translation}>
      <RoomProvider room={room}>{children}</RoomProvider>
    </TranslationProvider>
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('room hooks', { timeout: 20_000 }, () => {
  it('useParticipants keeps the same list until someone joins or leaves', () => {
    const room = createFakeRoom({ count: 2, video: false });
    const { result } = renderHook(() => useParticipants(), { wrapper: roomWrapper(room) });
    const first = result.current;
    expect(first).toEqual(['p0', 'p1']);
    act(() => room.store.setAudioLevels(new Map([['p1', 0.5]])));
    expect(result.current).toBe(first);
    act(() => room.store.upsertParticipant('p2', { userId: 'u2' }));
    expect(result.current).toEqual(['p0', 'p1', 'p2']);
  });

  it('useActiveSpeaker follows the loudest participant', () => {
    const room = createFakeRoom({ count: 3, video: false });
    const { result } = renderHook(() => useActiveSpeaker(), { wrapper: roomWrapper(room) });
    expect(result.current).toBeUndefined();
    act(() =>
      room.store.setAudioLevels(
        new Map([
          ['p1', 0.2],
          ['p2', 0.7],
        ]),
      ),
    );
    expect(result.current).toBe('p2');
    act(() => room.store.removeParticipant('p2'));
    expect(result.current).toBeUndefined();
  });

  it('useMediaToggle exposes pending and button props, and keeps the error', async () => {
    const room = createFakeRoom({ count: 1, video: false });
    let release!: () => void;
    room.setCameraEnabled = () =>
      new Promise<void>((_resolve, reject) => {
        release = () => reject(new CallKitError('permission-denied', 'no'));
      });
    const { result } = renderHook(() => useMediaToggle('camera'), { wrapper: roomWrapper(room) });
    expect(result.current.buttonProps).toMatchObject({
      'aria-pressed': false,
      'aria-label': 'Camera',
      disabled: false,
    });
    let pending!: Promise<void>;
    act(() => {
      pending = result.current.toggle();
    });
    expect(result.current.pending).toBe(true);
    expect(result.current.buttonProps).toMatchObject({ disabled: true, 'aria-busy': true });
    await act(async () => {
      release();
      await pending;
    });
    expect(result.current.pending).toBe(false);
    expect(result.current.error?.code).toBe('permission-denied');
    expect(result.current.enabled).toBe(false);
  });

  it('useMediaToggle does not re-render when only the local audio level changes', () => {
    const room = createFakeRoom({ count: 2, video: false });
    let renders = 0;
    const { result } = renderHook(
      () => {
        renders++;
        return useMediaToggle('microphone');
      },
      { wrapper: roomWrapper(room) },
    );
    const before = renders;
    const localId = room.store.getSnapshot().localId;
    for (const level of [0.2, 0.6, 0.9]) {
      act(() => room.store.setAudioLevels(new Map([[localId, level]])));
    }
    expect(renders).toBe(before);
    const enabled = result.current.enabled;
    act(() => room.store.upsertParticipant(localId, { audioEnabled: !enabled }));
    expect(result.current.enabled).toBe(!enabled);
    expect(renders).toBe(before + 1);
  });

  it('useDevices lists one kind and selects through the room', async () => {
    const room = createFakeRoom({ count: 1, video: false });
    const { result } = renderHook(() => useDevices('audioinput'), { wrapper: roomWrapper(room) });
    expect(result.current.devices.map((d) => d.deviceId)).toEqual(['mic-1', 'mic-2']);
    expect(result.current.selectedId).toBe('mic-1');
    await act(() => result.current.select('mic-2'));
    expect(result.current.selectedId).toBe('mic-2');
  });

  it('useLocalParticipant is undefined outside a room', () => {
    const { result } = renderHook(() => useLocalParticipant());
    expect(result.current).toBeUndefined();
  });

  it('useCallSession selects from the active session and follows its changes', async () => {
    const harness = await createHarness({ behaviour: 'pending' });
    const { result } = renderHook(() => useCallSession((s) => s?.callingState), {
      wrapper: ({ children }) => <HarnessProvider harness={harness}>{children}</HarnessProvider>,
    });
    await waitFor(() => expect(result.current).toBe('joining'));
    await act(() => harness.controller.leave());
    expect(result.current).toBe('left');
  });
});

describe('PreJoin', { timeout: 20_000 }, () => {
  function fakeTrack(kind: string) {
    return { kind, stop: vi.fn(), getSettings: () => ({ deviceId: `${kind}-1` }) };
  }

  it('previews with getUserMedia, joins with the choices, and stops its tracks when it goes away', async () => {
    // jsdom has no MediaStream and no media playback: the browser boundary is faked.
    vi.stubGlobal(
      'MediaStream',
      class {
        constructor(readonly tracks: unknown[]) {}
        getTracks() {
          return this.tracks;
        }
      },
    );
    vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
    const tracks: ReturnType<typeof fakeTrack>[] = [];
    const getUserMedia = vi.fn(async (c: MediaStreamConstraints) => {
      const track = fakeTrack(c.audio ? 'audio' : 'video');
      tracks.push(track);
      return { getTracks: () => [track] };
    });
    Object.defineProperty(navigator, 'mediaDevices', {
      configurable: true,
      value: {
        getUserMedia,
        enumerateDevices: async () => [
          { deviceId: 'audio-1', kind: 'audioinput', label: 'Mic' },
          { deviceId: 'video-1', kind: 'videoinput', label: 'Cam' },
        ],
        addEventListener: vi.fn(),
        removeEventListener: vi.fn(),
      },
    });
    const onJoin = vi.fn();
    const view = render(
      <TranslationProvider value={translation}>
        <PreJoin onJoin={onJoin} />
      </TranslationProvider>,
    );
    await waitFor(() => expect(tracks).toHaveLength(2));
    expect(await screen.findByRole('combobox', { name: 'Choose camera' })).toHaveValue('video-1');
    expect(screen.getByLabelText('Microphone level').tagName).toBe('METER');
    expect(screen.getByLabelText('Camera preview').tagName).toBe('VIDEO');
    // Turning the camera off in the preview releases it at once.
    await userEvent.click(screen.getByRole('button', { name: 'Camera' }));
    const camera = tracks.find((x) => x.kind === 'video')!;
    expect(camera.stop).toHaveBeenCalledTimes(1);
    expect(screen.getByText('Camera is off')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Join' }));
    expect(onJoin).toHaveBeenCalledWith({
      audio: true,
      video: false,
      audioDeviceId: undefined,
      videoDeviceId: undefined,
    });
    view.unmount();
    for (const track of tracks) expect(track.stop).toHaveBeenCalledTimes(1);
  });
});
