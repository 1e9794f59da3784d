import type { TFunction } from 'i18next';

/** "3 min 20 s", "1 h 5 min", "45 s" — translated. */
export function formatDuration(ms: number, t: TFunction): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (hours > 0) return t('{{ hours }} h {{ minutes }} min', { hours, minutes });
  if (minutes > 0) return t('{{ minutes }} min {{ seconds }} s', { minutes, seconds });
  return t('{{ seconds }} s', { seconds });
}

/** Milliseconds between two ISO dates, or undefined when either is missing or unreadable. */
export function durationBetween(start?: string | null, end?: string | null): number | undefined {
  if (!start || !end) return undefined;
  const ms = Date.parse(end) - Date.parse(start);
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}
