/** One Streami18n for chat and calls: the kit's strings are merged into stream-chat-react's. */
import { registerCallTranslations } from 'stream-chat-calls';
import { Streami18n } from 'stream-chat-react';
import type { Language } from './config';

export const LANGUAGES: { value: Language; label: string }[] = [
  { value: 'en', label: 'English' },
  { value: 'es', label: 'Español' },
];

/** The demo's own strings (its chrome around the chat), merged the same way as the kit's. */
const demoStrings: Record<Language, Record<string, string>> = {
  en: {},
  es: {
    'Sign in': 'Iniciar sesión',
    'Sign out': 'Cerrar sesión',
    'Sign in as': 'Entrar como',
    'Dark theme': 'Tema oscuro',
    Language: 'Idioma',
    Channels: 'Canales',
    'Show channels': 'Mostrar canales',
    'Hide channels': 'Ocultar canales',
    'Call controls for this channel': 'Llamadas de este canal',
  },
};

export function createI18n(language: Language): Streami18n {
  const i18n = new Streami18n({ language });
  registerCallTranslations(i18n);
  for (const [lang, strings] of Object.entries(demoStrings)) {
    const current = i18n.translations[lang]?.translation ?? {};
    i18n.registerTranslation(lang, { ...current, ...strings });
  }
  return i18n;
}
