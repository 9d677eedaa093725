// The inbox: waiting / mine / unit / closed, each with its count, and the open conversation.

import { useEffect, useState } from 'preact/hooks';
import { html, api, t, qs, Link, navigate, formatDuration, formatTime, since, useTick } from './lib.js';
import { onLiveEvent, useLive } from './live.js';
import { useData, ErrorBox, Loading, ExportButtons, Badge, ChannelBadge } from './ui.js';
import { ConversationView } from './conversation.js';

export const VIEWS = ['waiting', 'mine', 'unit', 'closed'];

export function InboxScreen({ officer, view, id }) {
  if (!VIEWS.includes(view)) view = 'waiting';
  useTick(30_000);
  const lists = useData(async () => {
    const all = await Promise.all(VIEWS.map((v) => api(`/conversations${qs({ view: v, limit: 200 })}`)));
    return Object.fromEntries(VIEWS.map((v, i) => [v, all[i].conversations]));
  }, []);
  useLive((e) => e.type.startsWith('conversation.') || e.type === 'queue.changed', lists.reload, 30_000);
  // a conversation of mine went back to the queue because I did not answer it in time
  const [requeued, setRequeued] = useState(0);
  useEffect(() => onLiveEvent((e) => {
    if (e.type === 'conversation.requeued' && e.officerId === officer.id) setRequeued((n) => n + 1);
  }), [officer.id]);

  const items = lists.data?.[view] ?? [];
  return html`<section class=${id ? 'inbox has-selection' : 'inbox'}>
    <div class="inbox-list">
      <div class="tabs" role="tablist">
        ${VIEWS.map(
          (v) => html`<${Link} to=${`inbox/${v}`} role="tab" aria-selected=${v === view} class=${v === view ? 'tab active' : 'tab'} data-testid=${`tab-${v}`}>
            ${t(`inbox.tabs.${v}`)} <span class="count" data-testid=${`count-${v}`}>${lists.data ? countLabel(lists.data[v].length) : '…'}</span>
          </${Link}>`,
        )}
      </div>
      ${requeued
        ? html`<p class="notice" role="status" data-testid="requeued-notice">${t('session.requeued', { n: requeued })}
            <button type="button" class="ghost" onClick=${() => setRequeued(0)}>${t('session.dismiss')}</button></p>`
        : null}
      <div class="list-tools"><${ExportButtons} path="/conversations" params=${{ view }} /></div>
      <${ErrorBox} error=${lists.error} />
      ${lists.loading && !lists.data ? html`<${Loading} />` : null}
      ${lists.data && items.length === 0 ? html`<p class="muted empty">${t(`inbox.empty.${view}`)}</p>` : null}
      <ul class="conversations" data-testid="conversation-list">
        ${items.map((c) => html`<${ConversationItem} c=${c} view=${view} selected=${c.id === id} />`)}
      </ul>
    </div>
    <div class="inbox-detail">
      ${id
        ? html`<${ConversationView} key=${id} id=${id} officer=${officer} onBack=${() => navigate(`inbox/${view}`)} onChanged=${lists.reload} />`
        : html`<p class="muted empty hide-narrow">${t('inbox.pick')}</p>`}
    </div>
  </section>`;
}

const countLabel = (n) => (n >= 200 ? '200+' : String(n));

function ConversationItem({ c, view, selected }) {
  const waiting = c.handoffStatus === 'waiting' && c.waitingSince;
  return html`<li class=${selected ? 'selected' : ''} data-testid="conversation-item" data-id=${c.id}>
    <${Link} to=${`inbox/${view}/${c.id}`}>
      <div class="row">
        <strong class="name">${c.displayName || t('inbox.anonymous')}</strong>
        ${c.urgent ? html`<${Badge} kind="urgent">${t('inbox.urgent')}</${Badge}>` : null}
        <${ChannelBadge} channel=${c.channel} />
      </div>
      <div class="row meta">
        ${waiting ? html`<span data-testid="waiting-time">${t('inbox.waitingFor', { d: formatDuration(since(c.waitingSince)) })}</span>` : null}
        ${c.queuePosition ? html`<span data-testid="queue-position">${t('inbox.position', { n: c.queuePosition })}</span>` : null}
        ${c.assignedTo ? html`<span>${t('inbox.assignedTo', { name: c.assignedTo.name })}</span>` : null}
        ${c.escalationLevel > 0 ? html`<${Badge} kind="escalated">${t('inbox.escalated')}</${Badge}>` : null}
        ${c.unit ? html`<span class="muted">${c.unit.name}</span>` : null}
        ${c.replyWindow?.state === 'closing' || c.replyWindow?.state === 'closed' ? html`<${Badge} kind=${c.replyWindow.state}>${t(`window.short.${c.replyWindow.state}`)}</${Badge}>` : null}
      </div>
      ${c.reason ? html`<div class="muted reason">${reasonLabel(c.reason)}</div>` : null}
      ${c.lastMessageAt ? html`<time class="muted">${formatTime(c.lastMessageAt)}</time>` : null}
    </${Link}>
  </li>`;
}

export function reasonLabel(reason) {
  const key = `inbox.reasons.${reason}`;
  const s = t(key);
  return s === key ? reason : s;
}

