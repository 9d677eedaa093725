// The reply box: reply to the worker or write an internal note; "/" opens the canned responses
// (vi and en) and Tab / Enter inserts the highlighted one.
import { useEffect, useRef, useState } from 'preact/hooks';
import { html, api, t, currentLang, errorText, ApiError } from './lib.js';

let cannedCache = null;
/** The canned responses in scope, read once per page (the canned screen clears it on change). */
export function cannedResponses(force = false) {
  if (force || !cannedCache) cannedCache = api('/canned').then((d) => d.canned, () => ((cannedCache = null), []));
  return cannedCache;
}
export const forgetCanned = () => (cannedCache = null);

const SHORTCUT_AT_END = /(^|\s)(\/[^\s/]*)$/;

const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();

export function ReplyBox({ conversation, mine, onSent }) {
  const [text, setText] = useState('');
  const [mode, setMode] = useState('reply');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const [canned, setCanned] = useState([]);
  const [pick, setPick] = useState(0);
  const ref = useRef(null);
  useEffect(() => void cannedResponses().then(setCanned), []);

  const w = conversation.replyWindow;
  const windowClosed = w?.state === 'closed';
  const m = SHORTCUT_AT_END.exec(text);
  const lang = currentLang();
  const suggestions = m
    ? canned
        .filter((c) => c.shortcut.startsWith(fold(m[2])))
        // the console's language first, then the other one
        .sort((a, b) => (a.locale === lang ? 0 : 1) - (b.locale === lang ? 0 : 1) || a.shortcut.localeCompare(b.shortcut))
        .slice(0, 8)
    : [];
  useEffect(() => setPick(0), [m?.[2]]);

  const insert = (c) => {
    const cut = text.length - m[2].length;
    setText(text.slice(0, cut) + c.text);
    ref.current?.focus();
  };

  const send = async () => {
    const body = text.trim();
    if (!body) return;
    setBusy(true);
    setError(null);
    try {
      if (mode === 'note') await api(`/conversations/${conversation.id}/notes`, { method: 'POST', body: { text: body } });
      else await api(`/conversations/${conversation.id}/reply`, { method: 'POST', body: { text: body } });
      setText('');
      await onSent();
    } catch (e) {
      setError(e instanceof ApiError && e.code === 'window_closed' ? t('window.sendRefused') : errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const onKeyDown = (e) => {
    if (suggestions.length) {
      if (e.key === 'ArrowDown') return e.preventDefault(), setPick((pick + 1) % suggestions.length);
      if (e.key === 'ArrowUp') return e.preventDefault(), setPick((pick + suggestions.length - 1) % suggestions.length);
      if (e.key === 'Tab' || e.key === 'Enter') return e.preventDefault(), insert(suggestions[pick]);
      if (e.key === 'Escape') return setText(text + ' ');
    }
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void send();
    }
  };

  const replyDisabled = mode === 'reply' && (windowClosed || !mine);
  return html`<div class=${`reply ${mode}`} data-testid="reply-box">
    <div class="seg">
      <button type="button" class=${mode === 'reply' ? 'active' : ''} data-testid="mode-reply" onClick=${() => setMode('reply')}>${t('reply.reply')}</button>
      <button type="button" class=${mode === 'note' ? 'active' : ''} data-testid="mode-note" onClick=${() => setMode('note')}>${t('reply.note')}</button>
    </div>
    ${mode === 'reply' && !mine ? html`<p class="muted">${t('reply.takeFirst')}</p>` : null}
    ${suggestions.length
      ? html`<ul class="canned-suggest" role="listbox" data-testid="canned-suggestions">
          ${suggestions.map((c, i) => html`<li role="option" aria-selected=${i === pick} class=${i === pick ? 'active' : ''} onMouseDown=${(e) => { e.preventDefault(); insert(c); }}>
            <strong>${c.shortcut}</strong> <span class="badge">${c.locale}</span> <span class="muted">${c.text.slice(0, 90)}${c.text.length > 90 ? '…' : ''}</span></li>`)}
        </ul>`
      : null}
    <textarea ref=${ref} rows="3" data-testid="reply-text" value=${text} placeholder=${mode === 'note' ? t('reply.notePlaceholder') : t('reply.placeholder')}
      onInput=${(e) => setText(e.currentTarget.value)} onKeyDown=${onKeyDown}></textarea>
    <div class="row">
      <span class="muted hint">${t('reply.hint')}</span>
      <button type="button" class="primary" data-testid="send" disabled=${busy || !text.trim() || replyDisabled} onClick=${send}>${mode === 'note' ? t('reply.saveNote') : t('reply.send')}</button>
    </div>
    ${error ? html`<p class="error" role="alert" data-testid="reply-error">${error}</p>` : null}
  </div>`;
}
