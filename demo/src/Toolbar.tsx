import type { OwnUserResponse, UserResponse } from 'stream-chat';
import { useTranslationContext } from 'stream-chat-react';
import type { Language, Theme } from './config';
import { LANGUAGES } from './i18n';

export interface ToolbarProps {
  user: OwnUserResponse | UserResponse | undefined;
  theme: Theme;
  language: Language;
  navOpen: boolean;
  onNavToggle: () => void;
  onThemeChange: (theme: Theme) => void;
  onLanguageChange: (language: Language) => void;
  onSignOut: () => void;
}

/** Who is signed in, the theme and language switches, sign-out, and (phones) the channels drawer. */
export function Toolbar({
  user,
  theme,
  language,
  navOpen,
  onNavToggle,
  onThemeChange,
  onLanguageChange,
  onSignOut,
}: ToolbarProps) {
  const { t } = useTranslationContext('Toolbar');
  return (
    <header className="demo-toolbar">
      <button
        type="button"
        className="demo-button demo-toolbar__nav"
        aria-expanded={navOpen}
        aria-controls="demo-channels"
        onClick={onNavToggle}
      >
        <span aria-hidden="true" className="demo-toolbar__icon">
          ☰
        </span>
        <span className="demo-toolbar__label">
          {navOpen ? t('Hide channels') : t('Show channels')}
        </span>
      </button>
      <span className="demo-toolbar__title">stream-chat-calls</span>
      <span className="demo-toolbar__user" data-testid="signed-in-user">
        {user?.name ?? user?.id}
      </span>
      <button
        type="button"
        className="demo-button"
        aria-pressed={theme === 'dark'}
        onClick={() => onThemeChange(theme === 'dark' ? 'light' : 'dark')}
      >
        <span aria-hidden="true" className="demo-toolbar__icon">
          ☾
        </span>
        <span className="demo-toolbar__label">{t('Dark theme')}</span>
      </button>
      <label className="demo-toolbar__lang">
        <span className="demo-toolbar__label">{t('Language')}</span>
        <select value={language} onChange={(e) => onLanguageChange(e.target.value as Language)}>
          {LANGUAGES.map((l) => (
            <option key={l.value} value={l.value}>
              {l.label}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="demo-button" onClick={onSignOut}>
        {t('Sign out')}
      </button>
    </header>
  );
}
