// Shared plumbing of the console: rendering (htm over Preact), the API client, UI strings and
// the client-side router. Worker-written text is only ever passed as a child of an element, which
// Preact inserts as a text node: never as HTML.
import { h, render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import htm from 'htm';

export const html = htm.bind(h);
export { render };

// ------------------------------------------------------------------ UI strings (vi first)

const LANG_KEY = 'ua.console.lang';
let lang = localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'vi';
let strings = {};
const langListeners = new Set();

export const currentLang = () => lang;

export async function loadStrings(next = lang) {
  const res = await fetch(`/console/i18n/${next}.json`);
  strings = await res.json();
  lang = next;
  localStorage.setItem(LANG_KEY, lang);
  document.documentElement.lang = lang;
  for (const fn of langListeners) fn(lang);
}

/** t('inbox.tabs.waiting', {n: 3}): the string at the dotted key, {{name}} replaced. */
export function t(key, vars = {}) {
  let v = strings;
  for (const part of key.split('.')) v = v && typeof v === 'object' ? v[part] : undefined;
  if (typeof v !== 'string') return key;
  return v.replace(/\{\{(\w+)\}\}/g, (_, k) => (vars[k] === undefined || vars[k] === null ? '' : String(vars[k])));
}

/** t() for a value that may have no string (an unknown status code): the value itself then. */
export function tOr(key, fallback) {
  const s = t(key);
  return s === key ? fallback : s;
}

export function useLang() {
  const [l, setL] = useState(lang);
  useEffect(() => {
    langListeners.add(setL);
    return () => langListeners.delete(setL);
  }, []);
  return l;
}

// ------------------------------------------------------------------ API

let csrfToken = null;
let onUnauthorized = () => {};
let signedOutNotice = null;
export const setCsrf = (token) => {
  csrfToken = token;
  if (token) signedOutNotice = null;
};
export const setUnauthorizedHandler = (fn) => (onUnauthorized = fn);
/** Why the console went back to the login screen by itself (the session ended), or null. */
export const signOutNotice = () => signedOutNotice;

// Requests the console makes by itself (a refetch after a live event, a fallback poll) carry
// X-Console-Background: 1. The server counts them as presence but not as the officer's activity,
// so a console left open still reaches the 2 h idle expiry.
let backgroundDepth = 0;
/** Runs fn; every api() call it starts synchronously is marked as a background request. */
export function inBackground(fn) {
  backgroundDepth++;
  try {
    return fn();
  } finally {
    backgroundDepth--;
  }
}

export class ApiError extends Error {
  constructor(status, code, body) {
    super(body?.message ?? code);
    this.status = status;
    this.code = code;
    this.body = body;
  }
}

/** Calls /api/officer<path>. Every state-changing call carries the CSRF token of the session. */
export async function api(path, { method = 'GET', body, quiet401 = false, background = false } = {}) {
  const headers = { accept: 'application/json' };
  if (background || backgroundDepth > 0) headers['x-console-background'] = '1';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`/api/officer${path}`, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status === 204) return null;
  let data = null;
  try {
    data = await res.json();
  } catch {
    data = null;
  }
  if (!res.ok) {
    if (res.status === 401 && !quiet401) {
      // a signed-in console refused: the session ran out (idle, 12 h limit, signed out elsewhere)
      if (csrfToken) signedOutNotice = t('session.ended');
      onUnauthorized();
    }
    throw new ApiError(res.status, data?.error ?? `http_${res.status}`, data);
  }
  return data;
}

/** A query string from an object, leaving out empty values. */
export function qs(params) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** A readable sentence for a failed call: the server's code translated when we know it. */
export function errorText(err) {
  if (err instanceof ApiError) {
    const known = t(`errors.${err.code}`);
    if (known !== `errors.${err.code}`) return known;
    return t('errors.generic', { status: err.status });
  }
  return t('errors.network');
}

// ------------------------------------------------------------------ routing (/console/...)

const routeListeners = new Set();
export const currentPath = () => location.pathname.replace(/^\/console\/?/, '').replace(/\/$/, '');

export function navigate(to, { replace = false } = {}) {
  const url = to.startsWith('/console') ? to : `/console/${to.replace(/^\//, '')}`;
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  for (const fn of routeListeners) fn(currentPath());
}
window.addEventListener('popstate', () => {
  for (const fn of routeListeners) fn(currentPath());
});

export function useRoute() {
  const [path, setPath] = useState(currentPath());
  useEffect(() => {
    routeListeners.add(setPath);
    return () => routeListeners.delete(setPath);
  }, []);
  return path.split('/').filter(Boolean).map(decodeURIComponent);
}

/** An in-app link: a real href (open in new tab works), history navigation on a plain click. */
export function Link({ to, children, ...rest }) {
  const href = `/console/${to.replace(/^\//, '')}`;
  const onClick = (e) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(href);
  };
  return html`<a href=${href} onClick=${onClick} ...${rest}>${children}</a>`;
}

// ------------------------------------------------------------------ formatting

const locale = () => (lang === 'en' ? 'en-GB' : 'vi-VN');

export function formatTime(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  const sameDay = d.toDateString() === new Date().toDateString();
  return new Intl.DateTimeFormat(locale(), sameDay ? { hour: '2-digit', minute: '2-digit' } : { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(d);
}

export function formatDate(iso) {
  return iso ? new Intl.DateTimeFormat(locale(), { day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date(iso)) : '';
}

/** "12 phút", "2 giờ 5 phút", "3 ngày" */
export function formatDuration(seconds) {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return t('time.seconds', { n: s });
  const m = Math.floor(s / 60);
  if (m < 60) return t('time.minutes', { n: m });
  const hrs = Math.floor(m / 60);
  if (hrs < 48) return t('time.hoursMinutes', { h: hrs, m: m % 60 });
  return t('time.days', { n: Math.floor(hrs / 24) });
}

export const since = (iso, now = Date.now()) => (iso ? (now - new Date(iso).getTime()) / 1000 : 0);

/** Re-renders every `ms` (waiting times tick without refetching). */
export function useTick(ms = 30_000) {
  const [, set] = useState(0);
  useEffect(() => {
    const id = setInterval(() => set((n) => n + 1), ms);
    return () => clearInterval(id);
  }, [ms]);
}
