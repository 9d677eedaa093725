// The console's entry: who is signed in (GET /me), the shell (navigation, language, queue
// summary, live status) and the screen for the current /console/<path>.
import { useEffect, useState } from 'preact/hooks';
import { html, render, api, setCsrf, setUnauthorizedHandler, loadStrings, t, useLang, useRoute, navigate, Link, currentLang } from './lib.js';
import { startLive, stopLive, onLiveStatus, useLive } from './live.js';
import { LoginScreen } from './login.js';
import { InboxScreen } from './inbox.js';
import { RegistrationsScreen } from './registrations.js';
import { CasesScreen } from './cases.js';
import { DashboardScreen } from './dashboard.js';
import { AuditScreen } from './audit.js';
import { CannedScreen } from './canned.js';
import { BroadcastsScreen } from './broadcasts.js';
import { LangSwitch } from './ui.js';

const ADMIN_ROLES = ['unit_admin', 'federation_admin', 'system_admin'];

function App() {
  useLang();
  const [session, setSession] = useState({ state: 'loading', officer: null });

  const signedIn = (data) => {
    setCsrf(data.csrfToken);
    setSession({ state: 'in', officer: data.officer });
    startLive();
  };
  const signedOut = () => {
    setCsrf(null);
    stopLive();
    setSession({ state: 'out', officer: null });
  };

  useEffect(() => {
    setUnauthorizedHandler(signedOut);
    api('/me', { quiet401: true }).then(signedIn, signedOut);
  }, []);

  if (session.state === 'loading') return html`<p class="boot">${t('common.loading')}</p>`;
  if (session.state === 'out') return html`<${LoginScreen} onSignedIn=${(d) => { signedIn(d); if (/^login/.test(location.pathname.slice(9)) || location.pathname.replace(/\/$/, '') === '/console') navigate('inbox', { replace: true }); }} />`;
  return html`<${Shell} officer=${session.officer} onSignedOut=${signedOut} />`;
}

function Shell({ officer, onSignedOut }) {
  const route = useRoute();
  const [section = 'inbox', ...rest] = route;
  const isAdmin = ADMIN_ROLES.includes(officer.role);
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [route.join('/')]);
  useEffect(() => {
    if (section === 'login' || route.length === 0) navigate('inbox', { replace: true });
  }, [section]);

  const logout = async () => {
    try {
      await api('/logout', { method: 'POST' });
    } finally {
      onSignedOut();
      navigate('login', { replace: true });
    }
  };

  const nav = [
    ['inbox', t('nav.inbox')],
    ['registrations', t('nav.registrations')],
    ['cases', t('nav.cases')],
    ['dashboard', t('nav.dashboard')],
    ['canned', t('nav.canned')],
    ['broadcasts', t('nav.broadcasts')],
    ...(isAdmin ? [['audit', t('nav.audit')]] : []),
  ];

  let screen;
  if (section === 'registrations') screen = html`<${RegistrationsScreen} id=${rest[0]} />`;
  else if (section === 'cases') screen = html`<${CasesScreen} id=${rest[0]} />`;
  else if (section === 'dashboard') screen = html`<${DashboardScreen} />`;
  else if (section === 'broadcasts') screen = html`<${BroadcastsScreen} officer=${officer} id=${rest[0]} />`;
  else if (section === 'canned') screen = html`<${CannedScreen} officer=${officer} />`;
  else if (section === 'audit' && isAdmin) screen = html`<${AuditScreen} />`;
  else screen = html`<${InboxScreen} officer=${officer} view=${rest[0] ?? 'waiting'} id=${rest[1]} />`;

  return html`<div class="shell">
    <header class="top">
      <button type="button" class="menu-toggle" aria-expanded=${menuOpen} aria-label=${t('nav.menu')} onClick=${() => setMenuOpen(!menuOpen)}>${t('nav.menuShort')}</button>
      <span class="brand">${t('app.title')}</span>
      <${QueueSummary} />
      <${LiveDot} />
      <${LangSwitch} />
      <span class="who" data-testid="officer-name" title=${officer.unit?.name ?? ''}>${officer.name}</span>
      <button type="button" class="ghost" onClick=${logout} data-testid="logout">${t('nav.logout')}</button>
    </header>
    <nav class=${menuOpen ? 'side open' : 'side'}>
      ${nav.map(([key, label]) => html`<${Link} to=${key} class=${section === key ? 'active' : ''} data-testid=${`nav-${key}`}>${label}</${Link}>`)}
      <p class="unit muted">${officer.unit?.name ?? ''}</p>
    </nav>
    <main class="content">${screen}</main>
  </div>`;
}

function QueueSummary() {
  const [q, setQ] = useState(null);
  const load = () => api('/queue').then(setQ, () => setQ(null));
  useEffect(() => void load(), []);
  useLive((e) => e.type === 'queue.changed' || e.type === 'conversation.updated', load, 20_000);
  if (!q) return null;
  return html`<span class="queue" data-testid="queue-summary">
    <span title=${t('queue.waiting')}>${t('queue.waitingN', { n: q.waiting })}</span>
    ${q.urgent ? html`<span class="badge urgent" title=${t('queue.urgent')}>${t('queue.urgentN', { n: q.urgent })}</span>` : null}
    <span class="muted hide-narrow">${t('queue.online', { n: q.officersOnline })}</span>
  </span>`;
}

function LiveDot() {
  const [s, setS] = useState('off');
  useEffect(() => onLiveStatus(setS), []);
  return html`<span class=${`live-dot ${s}`} title=${t(`live.${s}`)} aria-label=${t(`live.${s}`)}></span>`;
}

async function boot() {
  await loadStrings(currentLang());
  render(html`<${App} />`, document.getElementById('app'));
}
void boot();
