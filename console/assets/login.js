import { useState } from 'preact/hooks';
import { html, api, t, ApiError, errorText, signOutNotice } from './lib.js';
import { LangSwitch } from './ui.js';

/** Sign-in. Wrong password, lockout and rate limit each say what happened and when to retry. */
export function LoginScreen({ onSignedIn }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const data = await api('/login', { method: 'POST', body: { username: username.trim(), password }, quiet401: true });
      onSignedIn(data);
    } catch (err) {
      setPassword('');
      if (err instanceof ApiError && err.code === 'invalid_credentials') setError(t('login.invalid'));
      else if (err instanceof ApiError && err.code === 'locked') setError(t('login.locked', { minutes: Math.max(1, Math.ceil((err.body?.retryAfterSeconds ?? 60) / 60)) }));
      else if (err instanceof ApiError && err.status === 429) setError(t('login.rateLimited', { seconds: err.body?.retryAfterSeconds ?? 60 }));
      else setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return html`<div class="login-page">
    <form class="card login" onSubmit=${submit} data-testid="login-form">
      <div class="login-head"><h1>${t('login.title')}</h1><${LangSwitch} /></div>
      <p class="muted">${t('login.subtitle')}</p>
      <label>${t('login.username')}<input name="username" autocomplete="username" required value=${username} onInput=${(e) => setUsername(e.currentTarget.value)} /></label>
      <label>${t('login.password')}<input name="password" type="password" autocomplete="current-password" required value=${password} onInput=${(e) => setPassword(e.currentTarget.value)} /></label>
      ${!error && signOutNotice() ? html`<p class="notice" role="status" data-testid="login-notice">${signOutNotice()}</p>` : null}
      ${error ? html`<p class="error" role="alert" data-testid="login-error">${error}</p>` : null}
      <button type="submit" class="primary" disabled=${busy}>${busy ? t('login.signingIn') : t('login.submit')}</button>
    </form>
  </div>`;
}
