// Small components every screen uses.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { html, api, t, tOr, errorText, qs, useLang, loadStrings } from './lib.js';

/**
 * Loads with `fn` whenever `deps` change; `reload()` re-reads keeping the old data on screen
 * (live updates must not blank the list). Results of a stale call are dropped.
 */
export function useData(fn, deps) {
  const [state, setState] = useState({ data: null, error: null, loading: true });
  const seq = useRef(0);
  const load = useCallback(async (keep) => {
    const n = ++seq.current;
    if (!keep) setState({ data: null, error: null, loading: true });
    try {
      const data = await fn();
      if (n === seq.current) setState({ data, error: null, loading: false });
    } catch (error) {
      if (n === seq.current) setState((s) => ({ data: keep ? s.data : null, error, loading: false }));
    }
  }, deps);
  useEffect(() => {
    void load(false);
  }, [load]);
  return { ...state, reload: () => load(true) };
}

export function ErrorBox({ error }) {
  if (!error) return null;
  return html`<p class="error" role="alert">${typeof error === 'string' ? error : errorText(error)}</p>`;
}

export function Loading() {
  return html`<p class="muted">${t('common.loading')}</p>`;
}

/** CSV and XLSX download links for a list route marked [export] (the session cookie goes along). */
export function ExportButtons({ path, params = {} }) {
  return html`<span class="export">
    <a class="button ghost" data-testid="export-csv" href=${`/api/officer${path}${qs({ ...params, format: 'csv' })}`} download>${t('common.exportCsv')}</a>
    <a class="button ghost" data-testid="export-xlsx" href=${`/api/officer${path}${qs({ ...params, format: 'xlsx' })}`} download>${t('common.exportXlsx')}</a>
  </span>`;
}

/** A label: value list of whatever fields a record has, known ones translated, personal data as text. */
export function Fields({ record, keys, prefix = 'fields' }) {
  const rows = (keys ?? Object.keys(record)).filter((k) => {
    const v = record[k];
    return v !== null && v !== undefined && v !== '' && (typeof v !== 'object' || (v && (typeof v.name === 'string' || typeof v.code === 'string')));
  });
  return html`<dl class="fields">
    ${rows.map((k) => {
      const v = record[k];
      const shown = typeof v === 'object' ? [v.name, v.code].filter(Boolean).join(' · ') : typeof v === 'boolean' ? t(v ? 'common.yes' : 'common.no') : String(v);
      return html`<div><dt>${tOr(`${prefix}.${k}`, k)}</dt><dd>${shown}</dd></div>`;
    })}
  </dl>`;
}

export function Badge({ kind = '', children }) {
  return html`<span class=${`badge ${kind}`}>${children}</span>`;
}

export function ChannelBadge({ channel }) {
  return html`<span class=${`badge channel ch-${channel}`}>${tOr(`channels.${channel}`, channel)}</span>`;
}

/** A button that shows its own pending state and error, so a double click does not post twice. */
export function ActionButton({ onClick, children, kind = '', disabled, testid }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const click = async () => {
    setBusy(true);
    setError(null);
    try {
      await onClick();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return html`<span class="action">
    <button type="button" class=${kind} disabled=${disabled || busy} onClick=${click} data-testid=${testid}>${children}</button>
    ${error ? html`<span class="error inline" role="alert">${errorText(error)}</span>` : null}
  </span>`;
}

/** Vietnamese first; the switch loads the other language's strings and remembers the choice. */
export function LangSwitch() {
  const lang = useLang();
  const other = lang === 'vi' ? 'en' : 'vi';
  return html`<button type="button" class="ghost lang" data-testid="lang-switch" onClick=${() => loadStrings(other)} title=${t('nav.language')}><span class="hide-narrow">${other === 'en' ? 'English' : 'Tiếng Việt'}</span><span class="show-narrow">${other.toUpperCase()}</span></button>`;
}


/** A destructive action in two taps (no window.confirm: it blocks the page and is clumsy on phones). */
export function ConfirmButton({ onConfirm, children, confirmText, testid }) {
  const [asking, setAsking] = useState(false);
  if (!asking) return html`<button type="button" data-testid=${testid} onClick=${() => setAsking(true)}>${children}</button>`;
  return html`<span class="confirm">
    <span>${confirmText}</span>
    <${ActionButton} kind="danger" testid=${`${testid}-confirm`} onClick=${async () => { await onConfirm(); setAsking(false); }}>${t('common.confirm')}</${ActionButton}>
    <button type="button" class="ghost" onClick=${() => setAsking(false)}>${t('common.cancel')}</button>
  </span>`;
}

/**
 * A unit code field with suggestions from /units (names and codes in the officer's scope, searched
 * without diacritics server-side). Commits on change (Enter, blur or picking a suggestion).
 */
let datalistSeq = 0;
export function UnitInput({ value, onCommit, placeholder, testid }) {
  const [text, setText] = useState(value ?? '');
  const [units, setUnits] = useState([]);
  const [listId] = useState(() => `units-${++datalistSeq}`);
  useEffect(() => setText(value ?? ''), [value]);
  useEffect(() => {
    const q = text.trim();
    if (q.length < 2) return setUnits([]);
    const timer = setTimeout(() => {
      api(`/units${qs({ q, limit: 20 })}`).then((d) => setUnits(d.units ?? []), () => setUnits([]));
    }, 250);
    return () => clearTimeout(timer);
  }, [text]);
  return html`<span class="unit-input">
    <input list=${listId} value=${text} placeholder=${placeholder} aria-label=${placeholder} data-testid=${testid}
      onInput=${(e) => setText(e.currentTarget.value)} onChange=${(e) => onCommit(e.currentTarget.value.trim())} />
    <datalist id=${listId}>${units.map((u) => html`<option value=${u.code}>${u.name}</option>`)}</datalist>
  </span>`;
}
