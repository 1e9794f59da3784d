/** Pick a user to sign in as. Two windows, two people: `?user=alice` and `?user=bob`. */
import { type FormEvent, useId, useState } from 'react';
import { type DemoConfig, type Language, type Theme, USER_ID } from './config';

const TEXT: Record<Language, Record<string, string>> = {
  en: {
    title: 'stream-chat-calls demo',
    lead: 'Sign in as one person here and as another in a second window, then call from a channel.',
    signInAs: 'Sign in as {{name}}',
    other: 'Another user id',
    go: 'Sign in',
    invalid: 'Use 1–64 letters, digits, @, _ or -.',
    dev: 'Dev server',
  },
  es: {
    title: 'Demo de stream-chat-calls',
    lead: 'Entra como una persona aquí y como otra en una segunda ventana, y llama desde un canal.',
    signInAs: 'Entrar como {{name}}',
    other: 'Otro id de usuario',
    go: 'Entrar',
    invalid: 'Usa de 1 a 64 letras, cifras, @, _ o -.',
    dev: 'Servidor de desarrollo',
  },
};

const capitalise = (id: string) => id.charAt(0).toUpperCase() + id.slice(1);

export interface SignInProps {
  config: DemoConfig;
  theme: Theme;
  language: Language;
  onSignIn: (userId: string) => void;
}

export function SignIn({ config, theme, language, onSignIn }: SignInProps) {
  const t = TEXT[language];
  const [other, setOther] = useState('');
  const [invalid, setInvalid] = useState(false);
  const inputId = useId();
  const errorId = useId();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const id = other.trim();
    if (!USER_ID.test(id)) {
      setInvalid(true);
      return;
    }
    onSignIn(id);
  };

  return (
    <main className={`str-chat str-chat__theme-${theme} demo-signin`}>
      <div className="demo-signin__card">
        <h1>{t.title}</h1>
        <p>{t.lead}</p>
        <ul className="demo-signin__users">
          {config.users.map((id) => (
            <li key={id}>
              <button
                type="button"
                className="demo-button demo-button--primary"
                onClick={() => onSignIn(id)}
              >
                {t.signInAs.replace('{{name}}', capitalise(id))}
              </button>
            </li>
          ))}
        </ul>
        <form className="demo-signin__other" onSubmit={submit} noValidate>
          <label htmlFor={inputId}>{t.other}</label>
          <input
            id={inputId}
            value={other}
            autoComplete="username"
            aria-invalid={invalid || undefined}
            aria-describedby={invalid ? errorId : undefined}
            onChange={(e) => {
              setOther(e.target.value);
              setInvalid(false);
            }}
          />
          <button type="submit" className="demo-button">
            {t.go}
          </button>
          {invalid && (
            <p id={errorId} role="alert" className="demo-signin__error">
              {t.invalid}
            </p>
          )}
        </form>
        <p className="demo-signin__server">
          {config.devTokens ? `${t.dev}: ` : ''}
          <code>{config.baseURL}</code>
        </p>
      </div>
    </main>
  );
}
