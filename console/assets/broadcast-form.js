// The form for a new broadcast: content (Vietnamese required, English optional), audience,
// schedule and channel preference, shaped exactly as POST /api/officer/broadcasts takes it
// (src/broadcasts/schema.ts). The checks here mirror the server's so a mistake is shown before the
// round trip; whatever the server still refuses is shown with its message.
import { useEffect, useState } from 'preact/hooks';
import { html, api, t, qs, errorText, currentLang, formatDate } from './lib.js';
import { channelName, dateToVnLocal, isQuietHour, vnDayToDate, vnLocalToDate, formatVnTime } from './broadcast-format.js';

export const CHANNELS = ['zalo', 'messenger', 'telegram', 'webchat'];
const MEMBERSHIP = ['members', 'non_members', 'all'];
/** what the server accepts (CreateBody in src/http/officer-broadcasts.ts) */
const MAX_TITLE = 200;
const MAX_TEXT = 2000;
const MAX_UNITS = 500;
const MAX_PROVINCES = 100;
/** the create route's body limit (8 MB) with room for the rest of the form; the schema itself allows more */
const MAX_CSV_BYTES = 8_000_000;

const emptyContent = () => ({ text: '', imageUrl: '', link: '' });

function isUrl(s, httpsOnly) {
  try {
    const u = new URL(s);
    return httpsOnly ? u.protocol === 'https:' : /^[a-z][a-z0-9+.-]*:$/.test(u.protocol);
  } catch {
    return false;
  }
}

/** A custom list's values as the server reads them (parseCustomList): lines and commas, quotes, blanks and a header row left out. */
const HEADER = /^(member_?no|phone|so_?dien_?thoai|ma_?doan_?vien)$/i;
const listValues = (text) => [...new Set(text.split(/[\r\n,;]+/).map((v) => v.trim().replace(/^"|"$/g, '')).filter((v) => v && !HEADER.test(v)))];

/** The request body, or the first problem with the form (a translated sentence). */
export function buildBody(f, now = new Date()) {
  const title = f.title.trim();
  if (!title) return { error: t('broadcasts.form.errors.title') };
  if (title.length > MAX_TITLE) return { error: t('broadcasts.form.errors.titleLong', { n: MAX_TITLE }) };
  const content = {};
  for (const lang of ['vi', 'en']) {
    const c = f.content[lang];
    const text = c.text.trim();
    const imageUrl = c.imageUrl.trim();
    const link = c.link.trim();
    if (!text) {
      if (lang === 'vi') return { error: t('broadcasts.form.errors.textVi') };
      if (imageUrl || link) return { error: t('broadcasts.form.errors.textEn') };
      continue;
    }
    if (text.length > MAX_TEXT) return { error: t('broadcasts.form.errors.textLong', { n: MAX_TEXT }) };
    if (imageUrl && !isUrl(imageUrl, true)) return { error: t('broadcasts.form.errors.imageUrl') };
    if (link && !isUrl(link, false)) return { error: t('broadcasts.form.errors.link') };
    content[lang] = { text, ...(imageUrl ? { imageUrl } : {}), ...(link ? { link } : {}) };
  }
  const audience = { membership: f.membership };
  if (f.units.length) {
    if (f.units.length > MAX_UNITS) return { error: t('broadcasts.form.errors.units', { n: MAX_UNITS }) };
    audience.units = f.units.map((u) => u.code);
  }
  const provinces = listValues(f.provinces);
  if (provinces.length) {
    if (provinces.length > MAX_PROVINCES) return { error: t('broadcasts.form.errors.provinces', { n: MAX_PROVINCES }) };
    audience.provinces = provinces;
  }
  if (f.registeredAfter) audience.registeredAfter = vnDayToDate(f.registeredAfter).toISOString();
  if (f.contestId.trim()) audience.contestId = f.contestId.trim();
  const channels = CHANNELS.filter((c) => f.channels[c]);
  if (!channels.length) return { error: t('broadcasts.form.errors.channels') };
  if (channels.length < CHANNELS.length) audience.channels = channels;
  const quota = Number(f.proactiveQuota);
  if (!Number.isInteger(quota) || quota < 0) return { error: t('broadcasts.form.errors.quota') };
  const body = { title, content, audience, policy: { order: f.order, zalo: { proactiveQuota: quota } } };
  if (f.schedule === 'at') {
    const at = vnLocalToDate(f.at);
    if (!at || Number.isNaN(at.getTime())) return { error: t('broadcasts.form.errors.scheduleMissing') };
    if (at <= now) return { error: t('broadcasts.form.errors.schedulePast') };
    body.scheduledAt = at.toISOString();
  }
  if (f.csv) {
    if (new Blob([f.csv.text]).size > MAX_CSV_BYTES) return { error: t('broadcasts.form.errors.csvBig') };
    body.customList = f.csv.text;
  }
  return { body };
}

export function BroadcastForm({ onCreated }) {
  const [f, setF] = useState(() => ({
    title: '',
    content: { vi: emptyContent(), en: emptyContent() },
    membership: 'members',
    units: [],
    provinces: '',
    registeredAfter: '',
    contestId: '',
    csv: null,
    channels: Object.fromEntries(CHANNELS.map((c) => [c, true])),
    schedule: 'now',
    at: '',
    order: [...CHANNELS],
    proactiveQuota: '0',
  }));
  const [problem, setProblem] = useState(null);
  const [busy, setBusy] = useState(false);
  const set = (k) => (e) => setF({ ...f, [k]: e.currentTarget.value });
  const setContent = (lang, k) => (e) => setF({ ...f, content: { ...f.content, [lang]: { ...f.content[lang], [k]: e.currentTarget.value } } });

  const readCsv = async (e) => {
    const file = e.currentTarget.files?.[0];
    if (!file) return setF({ ...f, csv: null });
    // read here, sent as text: the server hashes phone numbers on arrival and keeps no file
    const text = await file.text();
    setF({ ...f, csv: { name: file.name, text, count: listValues(text).length } });
  };
  const move = (i, by) => {
    const order = [...f.order];
    const j = i + by;
    if (j < 0 || j >= order.length) return;
    [order[i], order[j]] = [order[j], order[i]];
    setF({ ...f, order });
  };

  const submit = async (e) => {
    e.preventDefault();
    const built = buildBody(f);
    if (built.error) return setProblem({ text: built.error });
    setBusy(true);
    setProblem(null);
    try {
      const r = await api('/broadcasts', { method: 'POST', body: built.body });
      onCreated(r.broadcast);
    } catch (err) {
      setProblem({ text: errorText(err), detail: err?.body?.message });
    } finally {
      setBusy(false);
    }
  };

  const at = f.schedule === 'at' ? vnLocalToDate(f.at) : null;
  return html`<form class="detail broadcast-form" onSubmit=${submit} data-testid="broadcast-form" novalidate>
    <h2>${t('broadcasts.form.title')}</h2>
    <label>${t('broadcasts.form.name')}<input data-testid="bf-title" maxlength=${MAX_TITLE} value=${f.title} onInput=${set('title')} /></label>

    ${['vi', 'en'].map(
      (lang) => html`<fieldset class="card" data-testid=${`bf-content-${lang}`}>
        <legend>${t(`broadcasts.form.content.${lang}`)}</legend>
        <label>${t('broadcasts.form.text')}<textarea rows="4" maxlength=${MAX_TEXT} data-testid=${`bf-text-${lang}`} value=${f.content[lang].text} onInput=${setContent(lang, 'text')}></textarea></label>
        <span class="muted small">${t('broadcasts.form.chars', { n: f.content[lang].text.trim().length, max: MAX_TEXT })}</span>
        <label>${t('broadcasts.form.imageUrl')}<input type="url" placeholder="https://" data-testid=${`bf-image-${lang}`} value=${f.content[lang].imageUrl} onInput=${setContent(lang, 'imageUrl')} /></label>
        <label>${t('broadcasts.form.link')}<input type="url" placeholder="https://" data-testid=${`bf-link-${lang}`} value=${f.content[lang].link} onInput=${setContent(lang, 'link')} /></label>
      </fieldset>`,
    )}

    <fieldset class="card">
      <legend>${t('broadcasts.form.audience')}</legend>
      <label>${t('broadcasts.form.membership')}<select data-testid="bf-membership" value=${f.membership} onChange=${set('membership')}>
        ${MEMBERSHIP.map((m) => html`<option value=${m}>${t(`broadcasts.form.membershipOf.${m}`)}</option>`)}
      </select></label>
      <${UnitPicker} units=${f.units} onChange=${(units) => setF({ ...f, units })} />
      <label>${t('broadcasts.form.provinces')}<input data-testid="bf-provinces" placeholder=${t('broadcasts.form.provincesHint')} value=${f.provinces} onInput=${set('provinces')} /></label>
      <label>${t('broadcasts.form.registeredAfter')}<input type="date" data-testid="bf-registered-after" value=${f.registeredAfter} onInput=${set('registeredAfter')} /></label>
      <${ContestSelect} value=${f.contestId} onChange=${(contestId) => setF({ ...f, contestId })} />
      <label>${t('broadcasts.form.customList')}<input type="file" accept=".csv,.txt,text/csv,text/plain" data-testid="bf-csv" onChange=${readCsv} /></label>
      <span class="muted small" data-testid="bf-csv-count">${f.csv ? t('broadcasts.form.customListCount', { n: f.csv.count, name: f.csv.name }) : t('broadcasts.form.customListHint')}</span>
      <div class="checks" role="group" aria-label=${t('broadcasts.form.channels')}>
        <span class="muted">${t('broadcasts.form.channels')}</span>
        ${CHANNELS.map(
          (c) => html`<label class="inline"><input type="checkbox" data-testid=${`bf-channel-${c}`} checked=${f.channels[c]}
            onChange=${(e) => setF({ ...f, channels: { ...f.channels, [c]: e.currentTarget.checked } })} />${channelName(c)}</label>`,
        )}
      </div>
    </fieldset>

    <fieldset class="card">
      <legend>${t('broadcasts.form.schedule')}</legend>
      <label class="inline"><input type="radio" name="schedule" data-testid="bf-schedule-now" checked=${f.schedule === 'now'} onChange=${() => setF({ ...f, schedule: 'now' })} />${t('broadcasts.form.now')}</label>
      <label class="inline"><input type="radio" name="schedule" data-testid="bf-schedule-at" checked=${f.schedule === 'at'} onChange=${() => setF({ ...f, schedule: 'at' })} />${t('broadcasts.form.at')}</label>
      ${f.schedule === 'at'
        ? html`<label>${t('broadcasts.form.atLabel')}<input type="datetime-local" data-testid="bf-at" min=${dateToVnLocal(new Date())} value=${f.at} onInput=${set('at')} /></label>
            ${at && !Number.isNaN(at.getTime()) ? html`<span class="muted small">${t('broadcasts.form.atVn', { at: formatVnTime(at) })}</span>` : null}
            ${at && isQuietHour(at) ? html`<p class="warn" data-testid="bf-quiet-warning">${t('broadcasts.form.atQuiet')}</p>` : null}`
        : null}
      <p class="muted small">${t('broadcasts.form.quietHours')}</p>
    </fieldset>

    <fieldset class="card">
      <legend>${t('broadcasts.form.order')}</legend>
      <p class="muted small">${t('broadcasts.form.orderHint')}</p>
      <ol class="order" data-testid="bf-order">
        ${f.order.map(
          (c, i) => html`<li data-channel=${c}><span>${channelName(c)}</span>
            <button type="button" class="ghost" aria-label=${t('broadcasts.form.up', { channel: channelName(c) })} disabled=${i === 0} onClick=${() => move(i, -1)}>↑</button>
            <button type="button" class="ghost" aria-label=${t('broadcasts.form.down', { channel: channelName(c) })} disabled=${i === f.order.length - 1} onClick=${() => move(i, 1)}>↓</button></li>`,
        )}
      </ol>
      <label>${t('broadcasts.form.proactiveQuota')}<input type="number" min="0" step="1" data-testid="bf-quota" value=${f.proactiveQuota} onInput=${set('proactiveQuota')} /></label>
      <span class="muted small">${t('broadcasts.form.proactiveQuotaHint')}</span>
    </fieldset>

    ${problem
      ? html`<div class="error" role="alert" data-testid="bf-error">${problem.text}${problem.detail ? html`<div class="small mono">${problem.detail}</div>` : null}</div>`
      : null}
    <div class="actions">
      <button type="submit" class="primary" disabled=${busy} data-testid="bf-submit">${t('broadcasts.form.create')}</button>
    </div>
  </form>`;
}

/** Units of the officer's subtree (GET /units searches names and codes), chosen one by one. */
function UnitPicker({ units, onChange }) {
  const [text, setText] = useState('');
  const [found, setFound] = useState([]);
  useEffect(() => {
    const q = text.trim();
    if (q.length < 2) return setFound([]);
    const timer = setTimeout(() => {
      api(`/units${qs({ q, limit: 10 })}`).then((d) => setFound(d.units ?? []), () => setFound([]));
    }, 250);
    return () => clearTimeout(timer);
  }, [text]);
  const add = (u) => {
    if (!units.some((x) => x.code === u.code)) onChange([...units, { code: u.code, name: u.name }]);
    setText('');
    setFound([]);
  };
  return html`<div class="unit-picker">
    <label>${t('broadcasts.form.units')}<input data-testid="bf-unit-search" placeholder=${t('broadcasts.form.unitsHint')} value=${text} onInput=${(e) => setText(e.currentTarget.value)} /></label>
    ${found.length
      ? html`<ul class="picker" data-testid="bf-unit-results">${found.map((u) => html`<li><button type="button" data-testid="bf-unit-option" onClick=${() => add(u)}>${u.name} <span class="muted">${u.code}</span></button></li>`)}</ul>`
      : null}
    ${units.length
      ? html`<ul class="chips" data-testid="bf-units">${units.map(
          (u) => html`<li class="chip">${u.name}<button type="button" class="ghost" aria-label=${t('broadcasts.form.removeUnit', { name: u.name })} onClick=${() => onChange(units.filter((x) => x.code !== u.code))}>×</button></li>`,
        )}</ul>`
      : html`<span class="muted small">${t('broadcasts.form.unitsAll')}</span>`}
  </div>`;
}

/** Participants of one contest: the contests of the officer's scope and above (GET /contests). */
function ContestSelect({ value, onChange }) {
  const [contests, setContests] = useState(null);
  useEffect(() => {
    api('/contests').then((d) => setContests(d.contests ?? []), () => setContests([]));
  }, []);
  const title = (c) => (currentLang() === 'en' && c.titleEn ? c.titleEn : c.title);
  return html`<label>${t('broadcasts.form.contest')}<select data-testid="bf-contest" value=${value} onChange=${(e) => onChange(e.currentTarget.value)}>
    <option value="">${t(contests && contests.length === 0 ? 'broadcasts.form.contestNone' : 'broadcasts.form.contestAny')}</option>
    ${(contests ?? []).map((c) => html`<option value=${c.id}>${title(c)} · ${c.organizer.name} (${formatDate(c.opensAt)}–${formatDate(c.closesAt)})</option>`)}
  </select></label>`;
}
