import type { SVGProps } from 'react';
import { Svg } from '../internal/icons';

/** Decorative icons for the room (hidden from assistive technology; controls carry labels). */
type IconProps = SVGProps<SVGSVGElement>;

function icon(...paths: string[]) {
  // biome-ignore lint/correctness/noComponentHookFactories: icons are made once, at module scope.
  return function Icon(props: IconProps) {
    return (
      <Svg {...props}>
        {paths.map((d) => (
          <path key={d} d={d} />
        ))}
      </Svg>
    );
  };
}

export const MicIcon = icon(
  'M12 3a3 3 0 0 0-3 3v6a3 3 0 0 0 6 0V6a3 3 0 0 0-3-3z',
  'M5 11a7 7 0 0 0 14 0M12 18v3',
);
export const MicOffIcon = icon(
  'M3 3l18 18',
  'M9 9v3a3 3 0 0 0 5 2.2M15 9.3V6a3 3 0 0 0-5.7-1.3',
  'M5 11a7 7 0 0 0 11.5 5.4M19 11a7 7 0 0 1-.5 2.5M12 18v3',
);
export const CameraIcon = icon('M3 7h12v10H3z', 'M15 10l6-3v10l-6-3');
export const CameraOffIcon = icon('M3 3l18 18', 'M15 10l6-3v10l-6-3M3 7h4m4 0h4v6M15 17H3V7');
export const ScreenIcon = icon('M3 4h18v12H3z', 'M8 20h8M12 16v4');
export const ChevronLeftIcon = icon('M15 5l-7 7 7 7');
export const ChevronRightIcon = icon('M9 5l7 7-7 7');
export const LeaveIcon = icon(
  'M10 14a13 13 0 0 0 5 2l2-2 4 2v3a2 2 0 0 1-2 2A17 17 0 0 1 3 5a2 2 0 0 1 2-2h3l2 4-2 2a13 13 0 0 0 2 5',
  'M3 21L21 3',
);
export const ExpandIcon = icon('M15 3h6v6M9 21H3v-6M21 3l-7 7M3 21l7-7');
export const MinimizeIcon = icon('M4 14h6v6M20 10h-6V4M14 10l7-7M3 21l7-7');
export const GridIcon = icon('M3 3h8v8H3zM13 3h8v8h-8zM3 13h8v8H3zM13 13h8v8h-8z');
export const SpeakerIcon = icon('M3 3h18v12H3z', 'M3 19h4M10 19h4M17 19h4');
export const SettingsIcon = icon(
  'M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6z',
  'M19 12a7 7 0 0 0-.1-1.2l2-1.6-2-3.4-2.4 1a7 7 0 0 0-2-1.2L14 3h-4l-.5 2.6a7 7 0 0 0-2 1.2l-2.4-1-2 3.4 2 1.6a7 7 0 0 0 0 2.4l-2 1.6 2 3.4 2.4-1a7 7 0 0 0 2 1.2L10 21h4l.5-2.6a7 7 0 0 0 2-1.2l2.4 1 2-3.4-2-1.6c.1-.4.1-.8.1-1.2z',
);
export const PeopleIcon = icon(
  'M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM2 21a7 7 0 0 1 14 0',
  'M16 3.5a4 4 0 0 1 0 7.5M18 14a6 6 0 0 1 4 6',
);
export const ChatIcon = icon('M4 4h16v12H8l-4 4z');
export const ChevronUpIcon = icon('M6 15l6-6 6 6');
/** Three dots: more options. */
export const MoreIcon = icon('M5 12h.01M12 12h.01M19 12h.01');
export const CloseIcon = icon('M6 6l12 12M18 6L6 18');
