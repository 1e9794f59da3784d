import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { TranslationProvider } from 'stream-chat-react';
import { beforeAll, describe, expect, it, test } from 'vitest';
import { CallControls } from '../../../../src/react/room';
import { RoomProvider } from '../../../../src/react/room/RoomContext';
import {
  createFakeRoom,
  createHarness,
  type FakeRoom,
  HarnessProvider,
} from '../../../../stories/room/fixtures';
import { expectNoAxeViolations } from '../../../helpers/axe';

async function renderControls(
  options: { creator?: boolean; room?: FakeRoom; type?: 'audio' | 'video' } = {},
) {
  const room = options.room ?? createFakeRoom({ video: false });
  const harness = await createHarness({
    behaviour: room,
    creator: options.creator,
    type: options.type,
  });
  const session = harness.controller.session!;
  render(
    <HarnessProvider harness={harness}>
      <RoomProvider room={room} session={session}>
        <CallControls />
      </RoomProvider>
    </HarnessProvider>,
  );
  const controls = await screen.findByRole('group', { name: 'Call controls' });
  return { room, harness, session, controls };
}

/** The controls' own live region (stream-chat-react's <Chat> has others). */
const liveRegion = (controls: HTMLElement) =>
  controls.querySelector('[role="status"][aria-live="polite"]') as HTMLElement;

// jsdom has no screen capture: the browser boundary, as a desktop Chromium has it.
beforeAll(() => {
  Object.defineProperty(navigator, 'mediaDevices', {
    configurable: true,
    value: { ...navigator.mediaDevices, getDisplayMedia: async () => new MediaStream() },
  });
});

describe('CallControls', { timeout: 20_000 }, () => {
  test.each([
    ['Microphone', 'setMicrophoneEnabled(false)', 'Microphone off', 'true'],
    ['Camera', 'setCameraEnabled(false)', 'Camera off', 'true'],
    ['Share screen', 'setScreenShareEnabled(true)', 'Screen sharing on', 'false'],
  ])('%s toggles aria-pressed and announces the change', async (name, call, spoken, before) => {
    const { room, controls } = await renderControls({ room: createFakeRoom({ video: true }) });
    const button = within(controls).getByRole('button', { name });
    expect(button).toHaveAttribute('aria-pressed', before);
    await userEvent.click(button);
    expect(room.calls).toContain(call);
    expect(button).toHaveAttribute('aria-pressed', before === 'true' ? 'false' : 'true');
    expect(liveRegion(controls)).toHaveTextContent(spoken);
  });

  it('announces a mute that came from elsewhere (e.g. the dock) too', async () => {
    const { room, controls } = await renderControls();
    await act(() => room.setMicrophoneEnabled(false));
    // The toggle announces from an effect once the room's state has changed.
    await waitFor(() => expect(liveRegion(controls)).toHaveTextContent('Microphone off'));
  });

  it('announces nothing when only the translations change (a language loading or switched)', async () => {
    const room = createFakeRoom({ video: true });
    const harness = await createHarness({ behaviour: room });
    const session = harness.controller.session!;
    const ui = (t: (key: string) => string) => (
      <HarnessProvider harness={harness}>
        <TranslationProvider
          value={{ t: t as never, tDateTimeParser: (d) => d as never, userLanguage: 'en' }}
        >
          <RoomProvider room={room} session={session}>
            <CallControls />
          </RoomProvider>
        </TranslationProvider>
      </HarnessProvider>
    );
    const { rerender } = render(ui((key) => key));
    const controls = await screen.findByRole('group', { name: 'Call controls' });
    rerender(ui((key) => `${key}.`));
    await new Promise((r) => setTimeout(r, 50));
    expect(liveRegion(controls)).toHaveTextContent('');
  });

  it('is operable with the keyboard alone', async () => {
    const { room, controls } = await renderControls();
    await userEvent.tab();
    expect(within(controls).getByRole('button', { name: 'Microphone' })).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    expect(room.calls).toEqual(['setMicrophoneEnabled(false)']);
    await userEvent.keyboard(' ');
    expect(room.calls).toEqual(['setMicrophoneEnabled(false)', 'setMicrophoneEnabled(true)']);
  });

  it('has no camera or screen toggles in an audio call', async () => {
    const { controls } = await renderControls({ type: 'audio' });
    expect(within(controls).queryByRole('button', { name: 'Camera' })).not.toBeInTheDocument();
    expect(
      within(controls).queryByRole('button', { name: 'Share screen' }),
    ).not.toBeInTheDocument();
  });

  it('offers End for everyone only to the creator', async () => {
    const { controls } = await renderControls({ creator: false });
    expect(
      within(controls).queryByRole('button', { name: 'End for everyone' }),
    ).not.toBeInTheDocument();
  });

  it('ends the call for everyone after confirmation, from the menu beside Leave', async () => {
    const { controls, harness, session } = await renderControls({ creator: true });
    await userEvent.click(within(controls).getByRole('button', { name: 'End call options' }));
    await userEvent.click(within(controls).getByRole('button', { name: 'End for everyone' }));
    const dialog = within(controls).getByRole('alertdialog', {
      name: 'End the call for everyone?',
    });
    expect(within(dialog).getByRole('button', { name: 'End call' })).toHaveFocus();
    await expectNoAxeViolations(controls);
    await userEvent.click(within(dialog).getByRole('button', { name: 'End call' }));
    await waitFor(() => expect(session.state.callingState).toBe('left'));
    expect(harness.api.count('endCall')).toBe(1);
    expect(session.state.endReason).toBe('ended');
  });

  it('backs out of ending with Escape', async () => {
    const { controls, harness } = await renderControls({ creator: true });
    await userEvent.click(within(controls).getByRole('button', { name: 'End call options' }));
    await userEvent.click(within(controls).getByRole('button', { name: 'End for everyone' }));
    await userEvent.keyboard('{Escape}');
    expect(within(controls).queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(harness.api.count('endCall')).toBe(0);
    expect(within(controls).getByRole('button', { name: 'End call options' })).toHaveAttribute(
      'aria-expanded',
      'false',
    );
  });

  it('makes Leave the one red control; a muted microphone is not red', async () => {
    const { controls } = await renderControls({ creator: true });
    await userEvent.click(within(controls).getByRole('button', { name: 'Microphone' }));
    const red = controls.querySelectorAll('.str-call__danger');
    expect([...red].map((b) => b.textContent)).toEqual(['Leave']);
  });

  it('names each action and its shortcut in a tooltip, and takes Ctrl+D and Ctrl+E', async () => {
    const { room, controls } = await renderControls({ room: createFakeRoom({ video: true }) });
    const mic = within(controls).getByRole('button', { name: 'Microphone' });
    expect(mic).toHaveAccessibleDescription('Turn off microphoneCtrl+D');
    await userEvent.keyboard('{Control>}d{/Control}');
    expect(room.calls).toEqual(['setMicrophoneEnabled(false)']);
    expect(mic).toHaveAccessibleDescription('Turn on microphoneCtrl+D');
    await userEvent.keyboard('{Control>}e{/Control}');
    expect(room.calls).toEqual(['setMicrophoneEnabled(false)', 'setCameraEnabled(false)']);
    // A plain "d" typed anywhere (the composer) is just a letter.
    await userEvent.keyboard('d');
    expect(room.calls).toHaveLength(2);
  });

  it('shows a tooltip on hover and hides it on Escape', async () => {
    const { controls } = await renderControls();
    const mic = within(controls).getByRole('button', { name: 'Microphone' });
    await userEvent.hover(mic);
    expect(screen.getByRole('tooltip')).toHaveTextContent('Turn off microphone');
    mic.focus();
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('tooltip')).not.toBeInTheDocument();
  });

  it('has no share button where the browser cannot share a screen', async () => {
    const getDisplayMedia = navigator.mediaDevices.getDisplayMedia;
    Object.assign(navigator.mediaDevices, { getDisplayMedia: undefined });
    try {
      const { controls } = await renderControls({ room: createFakeRoom({ video: true }) });
      expect(within(controls).getByRole('button', { name: 'Camera' })).toBeInTheDocument();
      expect(
        within(controls).queryByRole('button', { name: 'Share screen' }),
      ).not.toBeInTheDocument();
    } finally {
      Object.assign(navigator.mediaDevices, { getDisplayMedia });
    }
  });

  it('leaves the call, unless the app prevents it', async () => {
    const room = createFakeRoom({ video: false });
    const harness = await createHarness({ behaviour: room });
    const session = harness.controller.session!;
    let prevent = true;
    render(
      <HarnessProvider harness={harness}>
        <RoomProvider room={room} session={session}>
          <CallControls onLeave={(e) => prevent && e.preventDefault()} />
        </RoomProvider>
      </HarnessProvider>,
    );
    const leave = await screen.findByRole('button', { name: 'Leave' });
    await userEvent.click(leave);
    expect(session.state.callingState).toBe('joined');
    prevent = false;
    await userEvent.click(leave);
    await waitFor(() => expect(session.state.callingState).toBe('left'));
    expect(room.calls).toContain('leave()');
  });

  it('switches devices from the labelled device menu', async () => {
    const { room, controls } = await renderControls();
    const devices = within(controls).getByRole('button', { name: 'Devices' });
    await userEvent.click(devices);
    expect(devices).toHaveAttribute('aria-expanded', 'true');
    await userEvent.selectOptions(
      within(controls).getByRole('combobox', { name: 'Choose microphone' }),
      'USB headset',
    );
    expect(room.calls).toContain('selectDevice(audioinput, mic-2)');
    expect(within(controls).getByRole('combobox', { name: 'Choose microphone' })).toHaveValue(
      'mic-2',
    );
  });
});
