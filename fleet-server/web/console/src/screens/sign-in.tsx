// Sign-in: username and password to POST /api/v1/session. The server sets an HttpOnly cookie; the CSRF token
// it returns stays in memory. Wrong password and throttling are told apart, in words, next to the form.
import { useState } from 'preact/hooks';
import { ApiError, signIn, type SessionUser } from '../api/api-client';
import { useT } from '../i18n';
import { LanguageButton } from '../components/top-bar';

export function SignInScreen(props: {
  onSignedIn: (user: SessionUser) => void;
  notice?: string;
  onLanguage: () => void;
}) {
  const { t } = useT();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!username || !password) return setError(t('signIn.missing'));
    setBusy(true);
    setError(null);
    try {
      props.onSignedIn(await signIn(username, password));
    } catch (err) {
      const status = err instanceof ApiError ? err.status : 0;
      setError(status === 401 ? t('signIn.wrong') : status === 429 ? t('signIn.throttled') : t('signIn.failed'));
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" class="screen sign-in" data-screen="sign-in">
      <div class="sign-in-top">
        <LanguageButton onLanguage={props.onLanguage} />
      </div>
      <h1 tabIndex={-1}>{t('signIn.title')}</h1>
      <p>{t('signIn.intro')}</p>
      {props.notice === 'expired' && <p class="notice">{t('signIn.expired')}</p>}
      <form onSubmit={(e) => void submit(e)} noValidate>
        <label for="username">{t('signIn.username')}</label>
        <input
          id="username"
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellcheck={false}
          value={username}
          onInput={(e) => setUsername(e.currentTarget.value)}
          aria-describedby={error ? 'sign-in-error' : undefined}
        />
        <label for="password">{t('signIn.password')}</label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
          aria-describedby={error ? 'sign-in-error' : undefined}
        />
        <p id="sign-in-error" class="error" role="alert">
          {error ?? ''}
        </p>
        <button type="submit" class="primary" disabled={busy}>
          {t('signIn.submit')}
        </button>
      </form>
    </main>
  );
}
