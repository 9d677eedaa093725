// Live updates: one EventSource on /api/officer/events for the whole page (the server forwards
// only events inside the officer's scope). Screens subscribe with useLive() and re-read what the
// event names through the API. A slow poll covers what a dropped stream missed.
import { useEffect, useRef } from 'preact/hooks';
import { api, inBackground } from './lib.js';

const listeners = new Set();
let source = null;
let retryTimer = null;
let status = 'off';
const statusListeners = new Set();

function setStatus(s) {
  status = s;
  for (const fn of statusListeners) fn(s);
}

const TYPES = ['conversation.updated', 'conversation.message', 'conversation.requeued', 'queue.changed', 'case.updated', 'registration.updated', 'broadcast.progress'];

export function startLive() {
  if (source) return;
  source = new EventSource('/api/officer/events');
  source.onopen = () => setStatus('live');
  for (const type of TYPES) {
    source.addEventListener(type, (e) => {
      let data = {};
      try {
        data = JSON.parse(e.data);
      } catch {
        return;
      }
      for (const fn of listeners) fn({ ...data, type });
    });
  }
  source.onerror = () => {
    // EventSource retries by itself after a dropped stream; a refused one (401) is CLOSED for good
    setStatus('reconnecting');
    if (source && source.readyState === EventSource.CLOSED) {
      source = null;
      clearTimeout(retryTimer);
      // EventSource does not say why it was refused: ask. A 401 (the session ended, e.g. idle)
      // takes api() to the login screen; anything else is retried.
      api('/me', { background: true }).then(
        () => (retryTimer = setTimeout(startLive, 10_000)),
        (err) => {
          if (err?.status !== 401) retryTimer = setTimeout(startLive, 10_000);
        },
      );
    }
  };
}

export function stopLive() {
  clearTimeout(retryTimer);
  source?.close();
  source = null;
  setStatus('off');
}

export function onLiveStatus(fn) {
  statusListeners.add(fn);
  fn(status);
  return () => statusListeners.delete(fn);
}

/** Every live event as it comes (no debounce, no poll). Returns the unsubscribe. */
export function onLiveEvent(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/**
 * Calls `refresh` when an event passes `match`, debounced (a burst of messages is one re-read),
 * and every `pollMs` regardless.
 */
export function useLive(match, refresh, pollMs = 30_000) {
  const ref = useRef({ match, refresh });
  ref.current = { match, refresh };
  useEffect(() => {
    let timer = null;
    // both re-reads are the console's own doing, not the officer's: marked as background
    const fire = () => {
      clearTimeout(timer);
      timer = setTimeout(() => inBackground(() => ref.current.refresh()), 150);
    };
    const fn = (e) => {
      if (ref.current.match(e)) fire();
    };
    listeners.add(fn);
    const poll = setInterval(() => {
      if (document.visibilityState === 'visible') inBackground(() => ref.current.refresh());
    }, pollMs);
    return () => {
      listeners.delete(fn);
      clearInterval(poll);
      clearTimeout(timer);
    };
  }, [pollMs]);
}
