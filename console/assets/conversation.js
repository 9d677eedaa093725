// One conversation: the whole history across the member's channels, the reply window, the
// member and their open cases, and the officer's actions (take, reply, note, transfer, close).
import { useEffect, useRef, useState } from 'preact/hooks';
import { html, api, t, tOr, qs, Link, formatTime, formatDuration, errorText } from './lib.js';
import { useLive } from './live.js';
import { useData, ErrorBox, Loading, Badge, ChannelBadge, ActionButton, ConfirmButton, Fields } from './ui.js';
import { reasonLabel } from './inbox.js';
import { ReplyBox } from './reply.js';

export function ConversationView({ id, officer, onBack, onChanged }) {
  const conv = useData(() => api(`/conversations/${encodeURIComponent(id)}`), [id]);
  // every read of a conversation is audited: re-read on its own events, and only slowly otherwise
  useLive((e) => e.conversationId === id, conv.reload, 60_000);
  const [transferOpen, setTransferOpen] = useState(false);
  const endRef = useRef(null);
  const count = conv.data?.messages?.length ?? 0;
  useEffect(() => endRef.current?.scrollIntoView({ block: 'end' }), [count]);

  if (conv.error && !conv.data) return html`<div class="conversation"><button type="button" class="ghost back" onClick=${onBack}>← ${t('common.back')}</button><${ErrorBox} error=${conv.error} /></div>`;
  if (!conv.data) return html`<${Loading} />`;
  const { conversation: c, messages, member, openCases } = conv.data;
  const mine = c.assignedTo?.id === officer.id;
  const changed = async () => {
    await conv.reload();
    onChanged();
  };
  const take = async () => {
    await api(`/conversations/${c.id}/take`, { method: 'POST', body: {} });
    await changed();
  };
  const close = async () => {
    await api(`/conversations/${c.id}/close`, { method: 'POST', body: {} });
    await changed();
  };

  return html`<div class="conversation" data-testid="conversation" data-id=${c.id}>
    <header class="conv-head">
      <button type="button" class="ghost back" onClick=${onBack}>← ${t('common.back')}</button>
      <div class="title">
        <h2 data-testid="conversation-name">${c.displayName || t('inbox.anonymous')}</h2>
        <div class="row meta">
          <${ChannelBadge} channel=${c.channel} />
          <${Badge} kind=${`status-${c.handoffStatus}`}>${t(`conversation.status.${c.handoffStatus}`)}</${Badge}>
          ${c.urgent ? html`<${Badge} kind="urgent">${t('inbox.urgent')}</${Badge}>` : null}
          ${c.reason ? html`<span class="muted">${reasonLabel(c.reason)}</span>` : null}
          ${c.assignedTo ? html`<span data-testid="assigned-to">${t('inbox.assignedTo', { name: c.assignedTo.name })}</span>` : null}
          ${c.escalationLevel > 0 ? html`<${Badge} kind="escalated">${t('inbox.escalated')}</${Badge}>` : null}
        </div>
      </div>
      <div class="actions">
        ${c.handoffStatus !== 'closed' && !mine ? html`<${ActionButton} kind="primary" testid="take" onClick=${take}>${t('conversation.take')}</${ActionButton}>` : null}
        ${c.handoffStatus !== 'closed' ? html`<button type="button" data-testid="transfer" onClick=${() => setTransferOpen(!transferOpen)}>${t('conversation.transfer')}</button>` : null}
        ${c.handoffStatus !== 'closed' ? html`<${ConfirmButton} testid="close" confirmText=${t('conversation.confirmClose')} onConfirm=${close}>${t('conversation.close')}</${ConfirmButton}>` : null}
      </div>
    </header>
    ${transferOpen ? html`<${TransferPanel} conversationId=${c.id} officer=${officer} onDone=${async () => { setTransferOpen(false); await changed(); }} onCancel=${() => setTransferOpen(false)} />` : null}
    <div class="conv-body">
      <div class="conv-main">
        <${WindowWarning} w=${c.replyWindow} channel=${c.channel} />
        <ol class="messages" data-testid="messages">
          ${messages.map((m) => html`<${Message} m=${m} name=${c.displayName} />`)}
          <li ref=${endRef} class="end" aria-hidden="true"></li>
        </ol>
        ${c.handoffStatus === 'closed'
          ? html`<p class="muted closed-note">${t('conversation.closedNote')}</p>`
          : html`<${ReplyBox} conversation=${c} mine=${mine} onSent=${changed} />`}
      </div>
      <aside class="conv-side">
        <${MemberPanel} member=${member} />
        <${CasesPanel} cases=${openCases} />
      </aside>
    </div>
  </div>`;
}

const AUTHOR_CLASS = { worker: 'from-worker', bot: 'from-bot', officer: 'from-officer', system: 'from-system' };

/** One message. Everything in it is text from the API, rendered as text nodes only. */
function Message({ m, name }) {
  const note = m.direction === 'note';
  const author =
    m.author === 'worker' ? name || t('conversation.author.worker')
    : m.author === 'officer' ? m.officerName || t('conversation.author.officer')
    : t(`conversation.author.${m.author}`);
  return html`<li class=${`msg ${note ? 'note' : m.direction} ${AUTHOR_CLASS[m.author] ?? ''}`} data-testid=${note ? 'note' : `msg-${m.direction}`}>
    <div class="msg-head">
      ${note ? html`<span class="note-label">${t('conversation.internalNote')}</span>` : null}
      <span class="author">${author}</span>
      ${m.channel ? html`<${ChannelBadge} channel=${m.channel} />` : null}
      <time>${formatTime(m.at)}</time>
    </div>
    <div class="msg-text">${m.text ?? ''}</div>
    ${m.attachments?.length ? html`<ul class="attachments">${m.attachments.map((a) => html`<li>${a.name || tOr(`attachment.${a.type}`, a.type)}</li>`)}</ul>` : null}
  </li>`;
}

/** The channel's reply window: a warning under 2 hours, a stop sign once closed. */
export function WindowWarning({ w, channel }) {
  if (!w || w.state === 'open' || w.state === 'unlimited') return null;
  const ch = tOr(`channels.${channel}`, channel);
  const left = w.closesAt ? (new Date(w.closesAt).getTime() - Date.now()) / 1000 : 0;
  if (w.state === 'closing')
    return html`<p class="window closing" role="status" data-testid="window-warning">${t('window.closing', { channel: ch, left: formatDuration(left), at: formatTime(w.closesAt) })}${w.tag === 'HUMAN_AGENT' ? ` ${t('window.humanAgent')}` : ''}</p>`;
  return html`<p class="window closed" role="alert" data-testid="window-warning">${t('window.closed', { channel: ch })}</p>`;
}

function MemberPanel({ member }) {
  return html`<section class="panel" data-testid="member-panel">
    <h3>${t('member.title')}</h3>
    ${member
      ? html`<${Fields} record=${{ fullName: member.fullName, memberNo: member.memberNo, unit: member.unit, phone: member.phone, ...Object.fromEntries(Object.entries(member).filter(([k, v]) => !['id', 'fullName', 'memberNo', 'unit', 'phone'].includes(k) && (typeof v !== 'object' || v === null))) }} prefix="member.fields" />`
      : html`<p class="muted">${t('member.unverified')}</p>`}
  </section>`;
}

function CasesPanel({ cases }) {
  return html`<section class="panel">
    <h3>${t('member.openCases')}</h3>
    ${cases?.length
      ? html`<ul class="plain">${cases.map((k) => html`<li><${Link} to=${`cases/${k.id}`}>${k.code}</${Link}> · ${tOr(`cases.status.${k.status}`, k.status)} · ${tOr(`cases.category.${k.category}`, k.category)}</li>`)}</ul>`
      : html`<p class="muted">${t('member.noCases')}</p>`}
  </section>`;
}

/** Transfer to an officer (when the role may list officers) or to a unit found by name or code. */
function TransferPanel({ conversationId, officer, onDone, onCancel }) {
  const [mode, setMode] = useState('officer');
  const [q, setQ] = useState('');
  const [error, setError] = useState(null);
  const officers = useData(() => api('/officers').then((d) => d.officers.filter((o) => o.id !== officer.id), () => null), []);
  const units = useData(() => (q.trim().length >= 2 ? api(`/units${qs({ q: q.trim(), limit: 20 })}`).then((d) => d.units) : Promise.resolve([])), [q]);
  const effectiveMode = officers.data === null && !officers.loading ? 'unit' : mode;

  const send = async (body) => {
    setError(null);
    try {
      await api(`/conversations/${conversationId}/transfer`, { method: 'POST', body });
      await onDone();
    } catch (e) {
      setError(e);
    }
  };

  return html`<div class="transfer card" data-testid="transfer-panel">
    <div class="row">
      <strong>${t('transfer.title')}</strong>
      ${officers.data !== null ? html`<span class="seg">
        <button type="button" class=${effectiveMode === 'officer' ? 'active' : ''} onClick=${() => setMode('officer')}>${t('transfer.toOfficer')}</button>
        <button type="button" class=${effectiveMode === 'unit' ? 'active' : ''} onClick=${() => setMode('unit')}>${t('transfer.toUnit')}</button>
      </span>` : null}
      <button type="button" class="ghost" onClick=${onCancel}>${t('common.cancel')}</button>
    </div>
    ${effectiveMode === 'officer'
      ? officers.loading ? html`<${Loading} />`
        : html`<ul class="picker">${(officers.data ?? []).map((o) => html`<li><button type="button" data-testid="transfer-officer" onClick=${() => send({ officerId: o.id })}>
            <span class=${o.online ? 'dot on' : 'dot'}></span> ${o.name} <span class="muted">${o.unit?.name ?? ''}</span></button></li>`)}</ul>`
      : html`<label>${t('transfer.searchUnit')}<input data-testid="transfer-unit-search" value=${q} onInput=${(e) => setQ(e.currentTarget.value)} placeholder=${t('transfer.unitPlaceholder')} /></label>
        <ul class="picker">${(units.data ?? []).map((u) => html`<li><button type="button" data-testid="transfer-unit" onClick=${() => send({ unitCode: u.code })}>${u.name} <span class="muted">${u.code}</span></button></li>`)}</ul>`}
    ${error ? html`<p class="error" role="alert">${errorText(error)}</p>` : null}
  </div>`;
}

