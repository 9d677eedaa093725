// Membership registrations: the pending ones in scope, one opened (its personal data read is
// audited server-side), approve (member number + digital card) or reject with a reason.
import { useState } from 'preact/hooks';
import { html, api, t, tOr, qs, Link, navigate, formatTime, errorText } from './lib.js';
import { useLive } from './live.js';
import { useData, ErrorBox, Loading, ExportButtons, Fields, ActionButton, Badge, ChannelBadge } from './ui.js';

const STATUSES = ['cho_duyet', 'da_duyet', 'tu_choi'];

export function RegistrationsScreen({ id }) {
  const [status, setStatus] = useState('cho_duyet');
  const list = useData(() => api(`/registrations${qs({ status, limit: 200 })}`), [status]);
  useLive((e) => e.type === 'registration.updated', list.reload, 60_000);
  const rows = list.data?.registrations ?? [];

  return html`<section class=${id ? 'split has-selection' : 'split'}>
    <div class="split-list">
      <div class="toolbar">
        <h1>${t('registrations.title')}</h1>
        <label class="inline">${t('registrations.status')}
          <select data-testid="registration-status-filter" value=${status} onChange=${(e) => setStatus(e.currentTarget.value)}>
            ${STATUSES.map((s) => html`<option value=${s}>${t(`registrations.statuses.${s}`)}</option>`)}
          </select>
        </label>
        <${ExportButtons} path="/registrations" params=${{ status }} />
      </div>
      <${ErrorBox} error=${list.error} />
      ${list.loading && !list.data ? html`<${Loading} />` : null}
      ${list.data && rows.length === 0 ? html`<p class="muted empty">${t('registrations.empty')}</p>` : null}
      <ul class="rows" data-testid="registration-list">
        ${rows.map(
          (r) => html`<li class=${r.id === id ? 'selected' : ''} data-testid="registration-item">
            <${Link} to=${`registrations/${r.id}`}>
              <div class="row"><strong>${r.code ?? r.referenceCode ?? r.id.slice(0, 8)}</strong>
                <${Badge} kind=${`st-${r.status}`}>${tOr(`registrations.statuses.${r.status}`, r.status)}</${Badge}>
                ${r.channel ? html`<${ChannelBadge} channel=${r.channel} />` : null}</div>
              <div class="row meta">
                ${r.unit ? html`<span>${r.unit.name ?? r.unit}</span>` : null}
                ${r.employer ? html`<span class="muted">${r.employer}</span>` : null}
                <time class="muted">${formatTime(r.createdAt ?? r.submittedAt)}</time>
              </div>
            </${Link}>
          </li>`,
        )}
      </ul>
    </div>
    <div class="split-detail">
      ${id ? html`<${RegistrationView} key=${id} id=${id} onChanged=${list.reload} />` : html`<p class="muted empty hide-narrow">${t('registrations.pick')}</p>`}
    </div>
  </section>`;
}

const HIDDEN = new Set(['id', 'history', 'cardUrl', 'memberNo', 'status', 'code', 'referenceCode', 'member', 'locale', 'decidedBy']);
const DATES = new Set(['createdAt', 'decidedAt', 'submittedAt']);

function RegistrationView({ id, onChanged }) {
  const reg = useData(() => api(`/registrations/${encodeURIComponent(id)}`), [id]);
  const [result, setResult] = useState(null);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState(null);
  if (reg.error && !reg.data) return html`<div><button type="button" class="ghost back" onClick=${() => navigate('registrations')}>← ${t('common.back')}</button><${ErrorBox} error=${reg.error} /></div>`;
  if (!reg.data) return html`<${Loading} />`;
  const r = reg.data.registration ?? reg.data;
  const pending = r.status === 'cho_duyet';
  const cardUrl = result?.cardUrl ?? r.cardUrl;
  const memberNo = result?.memberNo ?? r.member?.memberNo ?? r.memberNo;

  const approve = async () => {
    const res = await api(`/registrations/${r.id}/approve`, { method: 'POST', body: {} });
    setResult(res);
    await reg.reload();
    onChanged();
  };
  const reject = async (e) => {
    e.preventDefault();
    setError(null);
    try {
      await api(`/registrations/${r.id}/reject`, { method: 'POST', body: { reason: reason.trim() } });
      setRejecting(false);
      await reg.reload();
      onChanged();
    } catch (err) {
      setError(err);
    }
  };

  const record = Object.fromEntries(Object.entries(r).filter(([k]) => !HIDDEN.has(k)).map(([k, v]) => [k, DATES.has(k) && v ? formatTime(v) : v]));
  return html`<article class="detail" data-testid="registration-view">
    <button type="button" class="ghost back" onClick=${() => navigate('registrations')}>← ${t('common.back')}</button>
    <h2>${r.code ?? r.referenceCode ?? ''} <${Badge} kind=${`st-${r.status}`}>${tOr(`registrations.statuses.${r.status}`, r.status)}</${Badge}></h2>
    <${Fields} record=${record} prefix="registrations.fields" />
    ${memberNo ? html`<p class="ok" data-testid="member-no">${t('registrations.memberNo', { no: memberNo })}</p>` : null}
    ${r.member?.card && !r.member.card.valid ? html`<p class="error">${t('registrations.cardRevoked')}</p>` : null}
    ${cardUrl ? html`<p><a href=${cardUrl} target="_blank" rel="noopener" data-testid="card-link">${t('registrations.card')}</a></p>` : null}
    ${pending
      ? html`<div class="actions">
          <${ActionButton} kind="primary" testid="approve" onClick=${approve}>${t('registrations.approve')}</${ActionButton}>
          <button type="button" data-testid="reject" onClick=${() => setRejecting(!rejecting)}>${t('registrations.reject')}</button>
        </div>`
      : null}
    ${rejecting
      ? html`<form class="card" onSubmit=${reject}>
          <label>${t('registrations.reason')}<textarea data-testid="reject-reason" required minlength="5" rows="3" value=${reason} onInput=${(e) => setReason(e.currentTarget.value)} placeholder=${t('registrations.reasonPlaceholder')}></textarea></label>
          <p class="muted">${t('registrations.reasonHint')}</p>
          <button type="submit" class="danger" data-testid="reject-confirm">${t('registrations.rejectConfirm')}</button>
          ${error ? html`<p class="error" role="alert">${errorText(error)}</p>` : null}
        </form>`
      : null}
  </article>`;
}
