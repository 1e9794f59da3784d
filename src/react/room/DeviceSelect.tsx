import { clsx } from 'clsx';
import { forwardRef, type SelectHTMLAttributes, useId } from 'react';
import { useTranslationContext } from 'stream-chat-react';
import type { DeviceInfo, DeviceKind } from '../../core/provider';
import { useDevices } from './useDevices';

/** The English label (an i18n key) of each kind's picker: "Choose microphone", … */
export const DEVICE_LABELS: Record<DeviceKind, string> = {
  audioinput: 'Choose microphone',
  videoinput: 'Choose camera',
  audiooutput: 'Choose speaker',
};

/** Props of {@link DevicePicker}; the rest go to its `<select>`. */
export interface DevicePickerProps
  extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'onChange'> {
  /** Microphones, cameras or speakers: it picks the label ("Choose camera"). */
  kind: DeviceKind;
  /** The choices, in order (already filtered to `kind`). */
  devices: readonly DeviceInfo[];
  /** The device in use; "Default" is shown while it is none of `devices`. */
  selectedId?: string;
  /** Called with the `deviceId` the user picks. */
  onDeviceChange(deviceId: string): void;
}

/** A labelled <select> of devices (used in the room and in the pre-join view). */
export const DevicePicker = forwardRef<HTMLSelectElement, DevicePickerProps>(function DevicePicker(
  { kind, devices, selectedId, onDeviceChange, className, id, ...rest },
  ref,
) {
  const { t } = useTranslationContext();
  const autoId = useId();
  const selectId = id ?? autoId;
  return (
    <div className={clsx('str-call__device', className)}>
      <label htmlFor={selectId}>{t(DEVICE_LABELS[kind])}</label>
      <select
        ref={ref}
        id={selectId}
        value={selectedId ?? ''}
        disabled={devices.length === 0}
        onChange={(e) => onDeviceChange(e.target.value)}
        {...rest}
      >
        {!devices.some((d) => d.deviceId === selectedId) && (
          <option value="">{t('Default')}</option>
        )}
        {devices.map((d) => (
          <option key={d.deviceId} value={d.deviceId}>
            {d.label}
          </option>
        ))}
      </select>
    </div>
  );
});

/**
 * Props of {@link DeviceSelect}: those of {@link DevicePicker} but the list and the selection,
 * which come from the room in scope.
 */
export interface DeviceSelectProps
  extends Omit<DevicePickerProps, 'devices' | 'selectedId' | 'onDeviceChange'> {}

/** A device picker bound to the room in scope. */
export const DeviceSelect = forwardRef<HTMLSelectElement, DeviceSelectProps>(function DeviceSelect(
  { kind, ...rest },
  ref,
) {
  const { devices, selectedId, select } = useDevices(kind);
  return (
    <DevicePicker
      ref={ref}
      kind={kind}
      devices={devices}
      selectedId={selectedId}
      onDeviceChange={(id) => void select(id).catch(() => {})}
      {...rest}
    />
  );
});
