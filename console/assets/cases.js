// Grievance cases: list with filters, one case with its history and evidence, change of status
// (internal note + message to the worker) and a request for information.
import { useState } from 'preact/hooks';
import { html, api, t, tOr, qs, Link, navigate, formatTime, errorText } from './lib.js';
import { useLive } from './live.js';
import { useData, ErrorBox, Loading, ExportButtons, Fields, Badge, UnitInput } from './ui.js';

export const CASE_STATUSES = ['moi', 'dang_xu_ly', 'cho_bo_sung', 'da_giai_quyet', 'chuyen_co_quan', 'dong'];
const CATEGORIES = ['wages', 'overtime', 'social_insurance', 'dismissal', 'discipline', 'safety', 'harassment', 'union_rights', 'other'];
const TRANSITIONS = {
  moi: ['dang_xu_ly', 'cho_bo_sung', 'da_giai_quyet', 'chuyen_co_quan', 'dong'],
  dang_xu_ly: ['cho_bo_sung', 'da_giai_quyet', 'chuyen_co_quan', 'dong'],
  cho_bo_sung: ['dang_xu_ly', 'da_giai_quyet', 'chuyen_co_quan', 'dong'],
  da_giai_quyet: ['dang_xu_ly'],
  chuyen_co_quan: ['dang_xu_ly'],
  dong: ['dang_xu_ly'],
};

export function CasesScreen({ id }) {
  const [f, setF] = useState({ status: '', category: '', urgency: '', unit: '' });
  const params = { ...f, limit: 200 };
  const list = useData(() => api(`/cases${qs(params)}`), [f.status, f.category, f.urgency, f.unit]);
  useLive((e) => e.type === 'case.updated', list.reload, 60_000);
  const set = (k) => (e) => setF({ ...f, [k]: e.currentTarget.value.trim() });
  const rows = list.data?.cases ?? [];

  return html`<section class=${id ? 'split has-selection' : 'split'}>
    <div class="split-list">
      <div class="toolbar">
        <h1>${t('cases.title')}</h1>
        <${ExportButtons} path="/cases" params=${f} />
      </div>
      <div class="filters" data-testid="case-filters">
        <select aria-label=${t('cases.filters.status')} data-testid="filter-status" value=${f.status} onChange=${set('status')}>
          <option value="">${t('cases.filters.anyStatus')}</option>
          ${CASE_STATUSES.map((s) => html`<option value=${s}>${t(`cases.status.${s}`)}</option>`)}
        </select>
        <select aria-label=${t('cases.filters.category')} data-testid="filter-category" value=${f.category} onChange=${set('category')}>
          <option value="">${t('cases.filters.anyCategory')}</option>
          ${CATEGORIES.map((c) => html`<option value=${c}>${t(`cases.category.${c}`)}</option>`)}
        </select>
        <select aria-label=${t('cases.filters.urgency')} data-testid="filter-urgency" value=${f.urgency} onChange=${set('urgency')}>
          <option value="">${t('cases.filters.anyUrgency')}</option>
          <option value="urgent">${t('cases.filters.urgent')}</option>
          <option value="normal">${t('cases.filters.normal')}</option>
        </select>
        <${UnitInput} value=${f.unit} placeholder=${t('cases.filters.unit')} testid="filter-unit" onCommit=${(unit) => setF({ ...f, unit })} />
      </div>
      <${ErrorBox} error=${list.error} />
      ${list.loading && !list.data ? html`<${Loading} />` : null}
      ${list.data && rows.length === 0 ? html`<p class="muted empty">${t('cases.empty')}</p>` : null}
      <ul class="rows" data-testid="case-list">
        ${rows.map(
          (c) => html`<li class=${c.id === id ? 'selected' : ''} data-testid="case-item">
            <${Link} to=${`cases/${c.id}`}>
              <div class="row"><strong>${c.code}</strong>
                ${c.urgent ? html`<${Badge} kind="urgent">${t('inbox.urgent')}</${Badge}>` : null}
                <${Badge} kind=${`st-${c.status}`}>${tOr(`cases.status.${c.status}`, c.status)}</${Badge}></div>
              <div class="row meta">
                <span>${tOr(`cases.category.${c.category}`, c.category)}</span>
                ${c.employer ? html`<span class="muted">${c.employer}</span>` : null}
                <time class="muted">${formatTime(c.updatedAt ?? c.createdAt)}</time>
              </div>
            </${Link}>
          </li>`,
        )}
      </ul>
    </div>
    <div class="split-detail">
      ${id ? html`<${CaseView} key=${id} id=${id} onChanged=${list.reload} />` : html`<p class="muted empty hide-narrow">${t('cases.pick')}</p>`}
    </div>
  </section>`;
}

const SHOWN = ['category', 'urgent', 'urgency', 'employer', 'provinceCode', 'routedTo', 'affectedCount', 'anonymous', 'channel', 'createdAt', 'updatedAt'];

function CaseView({ id, onChanged }) {
  const c = useData(() => api(`/cases/${encodeURIComponent(id)}`), [id]);
  useLive((e) => e.type === 'case.updated' && e.caseId === id, c.reload, 60_000);
  if (c.error && !c.data) return html`<div><button type="button" class="ghost back" onClick=${() => navigate('cases')}>← ${t('common.back')}</button><${ErrorBox} error=${c.error} /></div>`;
  if (!c.data) return html`<${Loading} />`;
  const k = c.data;
  const record = Object.fromEntries(SHOWN.filter((f) => f in k).map((f) => [f, f === 'createdAt' || f === 'updatedAt' ? formatTime(k[f]) : f === 'category' ? tOr(`cases.category.${k[f]}`, k[f]) : k[f]]));
  const changed = async () => {
    await c.reload();
    onChanged();
  };

  return html`<article class="detail" data-testid="case-view">
    <button type="button" class="ghost back" onClick=${() => navigate('cases')}>← ${t('common.back')}</button>
    <h2>${k.code} <${Badge} kind=${`st-${k.status}`}><span data-testid="case-status">${tOr(`cases.status.${k.status}`, k.status)}</span></${Badge}></h2>
    <${Fields} record=${record} prefix="cases.fields" />
    <section class="panel"><h3>${t('cases.description')}</h3><p class="pre">${k.description ?? ''}</p></section>
    ${k.attachments?.length
      ? html`<section class="panel"><h3>${t('cases.attachments')}</h3><ul class="plain">
          ${k.attachments.map((a) => html`<li><a href=${`/api/officer/cases/${k.id}/attachments/${a.id}`} target="_blank" rel="noopener">${a.name || tOr(`attachment.${a.type}`, a.type)}</a>
            <span class="muted">${a.mime ?? ''} ${a.size ? `${Math.ceil(a.size / 1024)} KB` : ''}</span></li>`)}
        </ul></section>`
      : null}
    <${StatusForm} k=${k} onDone=${changed} />
    <${RequestInfoForm} k=${k} onDone=${changed} />
    <section class="panel"><h3>${t('cases.history')}</h3>
      <ol class="history" data-testid="case-history">
        ${(k.history ?? []).map(
          (e) => html`<li>
            <time class="muted">${formatTime(e.at)}</time>
            <span>${tOr(`cases.events.${e.kind}`, e.kind)}</span>
            ${e.toStatus ? html`<span> ${e.fromStatus ? `${tOr(`cases.status.${e.fromStatus}`, e.fromStatus)} → ` : ''}${tOr(`cases.status.${e.toStatus}`, e.toStatus)}</span>` : null}
            ${e.note ? html`<div class="pre note-text">${e.note}</div>` : null}
          </li>`,
        )}
      </ol>
    </section>
  </article>`;
}

function StatusForm({ k, onDone }) {
  const options = TRANSITIONS[k.status] ?? [];
  const [status, setStatus] = useState(options[0] ?? '');
  const [note, setNote] = useState('');
  const [message, setMessage] = useState('');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  if (!options.length) return null;
  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api(`/cases/${k.id}/status`, { method: 'POST', body: { status, ...(note.trim() ? { note: note.trim() } : {}), ...(message.trim() ? { message: message.trim() } : {}) } });
      setNote('');
      setMessage('');
      await onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return html`<form class="panel card" onSubmit=${submit} data-testid="status-form">
    <h3>${t('cases.changeStatus')}</h3>
    <label>${t('cases.newStatus')}<select data-testid="new-status" value=${status} onChange=${(e) => setStatus(e.currentTarget.value)}>
      ${options.map((s) => html`<option value=${s}>${t(`cases.status.${s}`)}</option>`)}
    </select></label>
    <label>${t('cases.note')}<textarea rows="2" data-testid="status-note" value=${note} onInput=${(e) => setNote(e.currentTarget.value)} placeholder=${t('cases.notePlaceholder')}></textarea></label>
    <label>${t('cases.message')}<textarea rows="2" data-testid="status-message" value=${message} onInput=${(e) => setMessage(e.currentTarget.value)} placeholder=${t('cases.messagePlaceholder')}></textarea></label>
    <button type="submit" class="primary" disabled=${busy || !status} data-testid="status-submit">${t('cases.saveStatus')}</button>
    ${error ? html`<p class="error" role="alert">${errorText(error)}</p>` : null}
  </form>`;
}

function RequestInfoForm({ k, onDone }) {
  const [question, setQuestion] = useState('');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  if (!['moi', 'dang_xu_ly', 'cho_bo_sung'].includes(k.status)) return null;
  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api(`/cases/${k.id}/request-info`, { method: 'POST', body: { question: question.trim() } });
      setQuestion('');
      await onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return html`<form class="panel card" onSubmit=${submit} data-testid="request-info-form">
    <h3>${t('cases.requestInfo')}</h3>
    <label>${t('cases.question')}<textarea rows="2" required minlength="3" data-testid="request-info-question" value=${question} onInput=${(e) => setQuestion(e.currentTarget.value)} placeholder=${t('cases.questionPlaceholder')}></textarea></label>
    <button type="submit" disabled=${busy || question.trim().length < 3}>${t('cases.sendQuestion')}</button>
    ${error ? html`<p class="error" role="alert">${errorText(error)}</p>` : null}
  </form>`;
}

