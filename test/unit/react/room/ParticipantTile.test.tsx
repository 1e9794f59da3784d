import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Profiler, type ReactNode } from 'react';
import { TranslationProvider } from 'stream-chat-react';
import { describe, expect, it } from 'vitest';
import type { TrackRef } from '../../../../src/core/provider';
import {
  GridLayout,
  ParticipantTile,
  type ParticipantTileProps,
  RoomAudio,
  RoomProvider,
  SpeakerLayout,
} from '../../../../src/react/room';
import { createFakeRoom, type FakeRoom } from '../../../../stories/room/fixtures';
import { expectNoAxeViolations } from '../../../helpers/axe';

/** Interpolating translator like i18next's (the room keys are English sentences). */
const t = ((key: string, values?: Record<string, unknown>) =>
  key.replace(/{{\s*(\w+)\s*}}/g, (_, k) => String(values?.[k] ?? ''))) as never;

function withRoom(room: FakeRoom, ui: ReactNode) {
  return render(
    <TranslationProvider value={{ t, tDateTimeParser: (() => null) as never, userLanguage: 'en' }}>
      <RoomProvider room={room}>{ui}</RoomProvider>
    </TranslationProvider>,
  );
}

/** A TrackRef that records attach/detach on an element, as the SDKs' tracks do. */
function recordingTrack(log: string[], id = 'v1'): TrackRef {
  return {
    id,
    kind: 'video',
    source: 'camera',
    attach(el) {
      log.push(`attach ${id} ${el.tagName}`);
      return () => log.push(`detach ${id}`);
    },
  };
}

/** Counts each tile's renders (React Profiler: its subtree committed). */
const renders = new Map<string, number>();
function CountingTile(props: ParticipantTileProps) {
  return (
    <Profiler
      id={props.participantId}
      onRender={(id) => renders.set(id, (renders.get(id) ?? 0) + 1)}
    >
      <ParticipantTile {...props} />
    </Profiler>
  );
}

describe('ParticipantTile', { timeout: 20_000 }, () => {
  it('shows the avatar and name when the camera is off, with the muted indicator', async () => {
    const room = createFakeRoom({ count: 2, video: false, mutedIds: [1] });
    withRoom(room, <ParticipantTile participantId="p1" />);
    const tile = screen.getByRole('group', { name: 'Bob Chen' });
    expect(tile).toHaveAttribute('data-muted');
    expect(tile).not.toHaveAttribute('data-video');
    expect(within(tile).getByRole('img', { name: 'Microphone off' })).toBeInTheDocument();
    expect(tile).toHaveTextContent('BC');
    await expectNoAxeViolations(tile);
  });

  it('attaches the video track in an effect and detaches it on change and unmount', () => {
    const log: string[] = [];
    const room = createFakeRoom({ count: 2, video: false });
    room.store.upsertParticipant('p1', {
      videoEnabled: true,
      videoTrack: recordingTrack(log, 'v1'),
    });
    const view = withRoom(room, <ParticipantTile participantId="p1" />);
    expect(screen.getByRole('group', { name: 'Bob Chen' })).toHaveAttribute('data-video');
    expect(log).toEqual(['attach v1 VIDEO']);
    act(() => room.store.upsertParticipant('p1', { videoTrack: recordingTrack(log, 'v2') }));
    expect(log).toEqual(['attach v1 VIDEO', 'detach v1', 'attach v2 VIDEO']);
    act(() => room.store.upsertParticipant('p1', { videoEnabled: false }));
    expect(log.at(-1)).toBe('detach v2');
    view.unmount();
    expect(log.filter((l) => l.startsWith('attach'))).toHaveLength(2);
    expect(log.filter((l) => l.startsWith('detach'))).toHaveLength(2);
  });

  it('marks the speaker with data-speaking', () => {
    const room = createFakeRoom({ count: 3, video: false });
    withRoom(room, <GridLayout />);
    act(() => room.store.setAudioLevels(new Map([['p2', 0.6]])));
    expect(screen.getByRole('group', { name: 'Carol Diaz' })).toHaveAttribute('data-speaking');
    expect(screen.getByRole('group', { name: 'Bob Chen' })).not.toHaveAttribute('data-speaking');
  });

  it('shows a screen share as its own tile, first in the grid and spotlit in speaker view', () => {
    const log: string[] = [];
    const room = createFakeRoom({ count: 3, video: false });
    act(() =>
      room.store.upsertParticipant('p2', {
        screenShareEnabled: true,
        screenTrack: { ...recordingTrack(log, 's1'), source: 'screen' },
      }),
    );
    const view = withRoom(room, <GridLayout />);
    const tiles = screen.getAllByRole('group');
    expect(tiles[0]).toHaveAccessibleName('Carol Diaz is presenting');
    expect(tiles).toHaveLength(4);
    view.unmount();
    withRoom(room, <SpeakerLayout />);
    expect(document.querySelector('.str-call__spotlight')).toHaveAccessibleName(
      'Carol Diaz is presenting',
    );
  });

  it('re-renders only the tile whose participant changed (25 participants)', () => {
    renders.clear();
    const room = createFakeRoom({ count: 25, video: false });
    withRoom(room, <GridLayout pageSize={25} Tile={CountingTile} />);
    expect(screen.getAllByRole('group')).toHaveLength(25);
    renders.clear();
    act(() => room.store.setAudioLevels(new Map([['p7', 0.4]])));
    expect([...renders]).toEqual([['p7', 1]]);
    renders.clear();
    act(() => room.store.upsertParticipant('p3', { audioEnabled: false }));
    expect([...renders]).toEqual([['p3', 1]]);
  });

  it('pages beyond the page size with previous / next, the user on every page', async () => {
    const room = createFakeRoom({ count: 20, video: false });
    withRoom(room, <GridLayout pageSize={16} />);
    const names = () => screen.getAllByRole('group').map((g) => g.getAttribute('aria-label'));
    expect(names()).toHaveLength(16);
    expect(names().at(-1)).toBe('Alice Martin (you)');
    expect(screen.getByText('Page 1 of 2')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Previous page' })).toBeDisabled();
    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    // The 4 others not yet seen, and the user again.
    expect(names()).toEqual([
      'Quinn Reyes',
      'Rosa Romero',
      'Sami Aalto',
      'Tara Singh',
      'Alice Martin (you)',
    ]);
    expect(screen.getByText('Page 2 of 2')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Next page' })).toBeDisabled();
    await userEvent.click(screen.getByRole('button', { name: 'Previous page' }));
    expect(names()[0]).toBe('Bob Chen');
  });

  it('keeps "(you)" visible apart from a long name that truncates', () => {
    const room = createFakeRoom({ count: 2, video: false });
    room.store.upsertParticipant('p0', { name: 'Maximiliana Bartholomew-Fitzgerald' });
    withRoom(room, <ParticipantTile participantId="p0" />);
    const tile = screen.getByRole('group', { name: 'Maximiliana Bartholomew-Fitzgerald (you)' });
    const name = tile.querySelector('.str-call__tile-name');
    expect(name).toHaveTextContent(/^Maximiliana Bartholomew-Fitzgerald$/);
    // "(you)" is its own element after the name: the name's ellipsis cannot cut it.
    expect(name?.nextElementSibling).toHaveTextContent('(you)');
  });
});

describe('RoomAudio', () => {
  it('plays each remote audio track in a hidden element, whichever tiles are visible', () => {
    const log: string[] = [];
    const room = createFakeRoom({ count: 3, video: false });
    const audio = (id: string): TrackRef => ({
      ...recordingTrack(log, id),
      kind: 'audio',
      source: 'microphone',
    });
    act(() => {
      room.store.upsertParticipant('p0', { audioTrack: audio('a0') });
      room.store.upsertParticipant('p1', { audioTrack: audio('a1') });
      room.store.upsertParticipant('p2', { audioTrack: audio('a2') });
    });
    withRoom(room, <RoomAudio />);
    // The local participant's own audio is never played back.
    expect(log.sort()).toEqual(['attach a1 AUDIO', 'attach a2 AUDIO']);
  });

  it('offers Enable audio when the browser blocked autoplay', async () => {
    const room = createFakeRoom({ count: 2, video: false, audioBlocked: true });
    withRoom(room, <RoomAudio />);
    await userEvent.click(screen.getByRole('button', { name: 'Enable audio' }));
    expect(room.calls).toEqual(['unlockAudio()']);
    expect(screen.queryByRole('button', { name: 'Enable audio' })).not.toBeInTheDocument();
  });
});
