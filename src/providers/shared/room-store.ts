import type { RoomParticipant, RoomState } from '../../core/provider';
import { createStore, type ReadableStore } from '../../core/store';

export interface RoomStore extends ReadableStore<RoomState> {
  update(patch: Partial<Omit<RoomState, 'participants' | 'order'>>): void;
  /** Adds or updates one participant; other participants keep their identity. */
  upsertParticipant(id: string, patch: Partial<RoomParticipant>): void;
  removeParticipant(id: string): void;
  /** Sets audio levels for many participants at once (one notification). */
  setAudioLevels(levels: ReadonlyMap<string, number>, speakingThreshold?: number): void;
}

/** A participant's media fields before anything is known (all off, silent). */
export const EMPTY_PARTICIPANT: Omit<RoomParticipant, 'id' | 'userId' | 'isLocal'> = {
  audioEnabled: false,
  videoEnabled: false,
  screenShareEnabled: false,
  audioLevel: 0,
  speaking: false,
};

function changed<T extends object>(prev: T, patch: Partial<T>): boolean {
  for (const key of Object.keys(patch) as (keyof T)[]) {
    if (!Object.is(prev[key], patch[key])) return true;
  }
  return false;
}

/**
 * The one store a joined room exposes. Updates are immutable and minimal: a change to one
 * participant replaces only that participant's object, so selectors keyed by participant id
 * re-render only the tile that changed.
 */
export function createRoomStore(local: RoomParticipant): RoomStore {
  const store = createStore<RoomState>({
    connection: 'connecting',
    participants: { [local.id]: local },
    order: [local.id],
    localId: local.id,
    devices: [],
    selectedDevices: {},
    audioBlocked: false,
  });
  const set = store.setState;
  return {
    getSnapshot: store.getSnapshot,
    subscribe: store.subscribe,
    update(patch) {
      set((s) => (changed(s, patch) ? { ...s, ...patch } : s));
    },
    upsertParticipant(id, patch) {
      set((s) => {
        const prev = s.participants[id];
        if (prev && !changed(prev, patch)) return s;
        const next: RoomParticipant = prev
          ? { ...prev, ...patch }
          : { ...EMPTY_PARTICIPANT, id, userId: id, isLocal: false, ...patch };
        return {
          ...s,
          participants: { ...s.participants, [id]: next },
          order: prev ? s.order : [...s.order, id],
        };
      });
    },
    removeParticipant(id) {
      set((s) => {
        if (!s.participants[id] || id === s.localId) return s;
        const { [id]: _removed, ...rest } = s.participants;
        return {
          ...s,
          participants: rest,
          order: s.order.filter((x) => x !== id),
          activeSpeakerId: s.activeSpeakerId === id ? undefined : s.activeSpeakerId,
        };
      });
    },
    setAudioLevels(levels, speakingThreshold = 0.05) {
      set((s) => {
        let participants: Record<string, RoomParticipant> | undefined;
        let loudest: string | undefined;
        let max = speakingThreshold;
        for (const [id, raw] of levels) {
          const prev = s.participants[id];
          if (!prev) continue;
          const level = Math.max(0, Math.min(1, raw));
          if (level > max) {
            max = level;
            loudest = id;
          }
          const speaking = level >= speakingThreshold;
          // Quantise so tiny jitter does not re-render a tile.
          const audioLevel = Math.round(level * 20) / 20;
          if (prev.audioLevel === audioLevel && prev.speaking === speaking) continue;
          participants ??= { ...s.participants };
          participants[id] = { ...prev, audioLevel, speaking };
        }
        const activeSpeakerId = loudest ?? s.activeSpeakerId;
        if (!participants && activeSpeakerId === s.activeSpeakerId) return s;
        return { ...s, participants: participants ?? s.participants, activeSpeakerId };
      });
    },
  };
}
