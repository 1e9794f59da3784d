/**
 * The demo's shell: sign-in (or `?user=` directly), the signed-in chat, sign-out. Theme and
 * language live here so the sign-in screen follows them too.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { ChatApp } from './ChatApp';
import { type Language, readConfig, readUrlParams, setUrlParam, type Theme } from './config';
import { SignIn } from './SignIn';

function initialTheme(): Theme {
  const fromUrl = readUrlParams(window.location.search).theme;
  if (fromUrl) return fromUrl;
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function App() {
  const config = useMemo(() => readConfig(), []);
  const [params, setParams] = useState(() => readUrlParams(window.location.search));
  const [theme, setTheme] = useState<Theme>(initialTheme);
  const [language, setLanguage] = useState<Language>(() => params.lang ?? 'en');

  // Back/forward between the sign-in screen and a signed-in user.
  useEffect(() => {
    const onPop = () => setParams(readUrlParams(window.location.search));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    document.documentElement.lang = language;
  }, [theme, language]);

  const signIn = useCallback((user: string) => {
    setUrlParam('user', user, true);
    setParams(readUrlParams(window.location.search));
  }, []);

  const signOut = useCallback(() => {
    setUrlParam('user', undefined, true);
    setParams(readUrlParams(window.location.search));
  }, []);

  const changeTheme = useCallback((next: Theme) => {
    setTheme(next);
    setUrlParam('theme', next);
  }, []);

  const changeLanguage = useCallback((next: Language) => {
    setLanguage(next);
    setUrlParam('lang', next === 'en' ? undefined : next);
  }, []);

  if (!params.user) {
    return <SignIn config={config} theme={theme} language={language} onSignIn={signIn} />;
  }
  return (
    <ChatApp
      // A new user is a new client: remount everything.
      key={params.user}
      config={config}
      userId={params.user}
      provider={params.provider}
      notify={params.notify}
      ringTimeoutMs={params.ringTimeout}
      theme={theme}
      language={language}
      onThemeChange={changeTheme}
      onLanguageChange={changeLanguage}
      onSignOut={signOut}
    />
  );
}
