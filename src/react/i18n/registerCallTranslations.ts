import type { Streami18n } from 'stream-chat-react';
import { en } from './en';
import { es } from './es';
import { layoutsEn } from './layouts.en';
import { layoutsEs } from './layouts.es';
import { roomEn } from './room.en';
import { roomEs } from './room.es';
import { shellEn } from './shell.en';
import { shellEs } from './shell.es';

/** Every language the kit ships: chat-side and room strings. */
export const callTranslations: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  en: { ...en, ...roomEn, ...layoutsEn, ...shellEn },
  es: { ...es, ...roomEs, ...layoutsEs, ...shellEs },
};

const NS = 'translation';

/**
 * Adds the kit's strings to a Streami18n instance, for every language the kit ships, keeping
 * every string the instance already has (stream-chat-react's and the app's win over the kit's).
 * Streami18n's `registerTranslation` replaces a whole language, so this merges first.
 *
 * Call it before `<Chat i18nInstance={…}>` renders, or any time after: an initialised instance
 * gets the new resources too.
 */
export function registerCallTranslations(
  streami18n: Streami18n,
  translations: Record<string, Record<string, string>> = callTranslations,
): Streami18n {
  for (const [language, kit] of Object.entries(translations)) {
    const existing = (streami18n.translations[language]?.[NS] ?? {}) as Record<string, unknown>;
    const merged = { ...kit, ...existing };
    streami18n.registerTranslation(
      language as Parameters<Streami18n['registerTranslation']>[0],
      merged as Parameters<Streami18n['registerTranslation']>[1],
    );
  }
  return streami18n;
}
