import { useCallback } from 'react';
import type { DeviceInfo, DeviceKind, RoomState } from '../../core/provider';
import { useRoom } from './RoomContext';
import { useRoomState } from './useRoomState';
import { shallowEqualArray } from './useStoreSelector';

const NONE: readonly DeviceInfo[] = [];

/** What {@link useDevices} returns for one kind of device. */
export interface UseDevicesResult {
  /** The devices of that kind the browser lists (labels once permission was given). */
  devices: readonly DeviceInfo[];
  /** The one in use, if known. */
  selectedId: string | undefined;
  /** Switches the call to `deviceId`. */
  select(deviceId: string): Promise<void>;
}

/** The devices of one kind, the selected one, and a way to switch (hot-plug aware). */
export function useDevices(kind: DeviceKind): UseDevicesResult {
  const room = useRoom();
  const devices = useRoomState(
    (s: RoomState) => s.devices.filter((d) => d.kind === kind),
    NONE,
    shallowEqualArray,
  );
  const selectedId = useRoomState((s: RoomState) => s.selectedDevices[kind], undefined);
  const select = useCallback(
    async (deviceId: string) => {
      await room?.selectDevice(kind, deviceId);
    },
    [room, kind],
  );
  return { devices, selectedId, select };
}
