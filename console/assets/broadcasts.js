// Broadcasts (issue 8): the list, newest first and paged, beside the form for a new one or the
// chosen broadcast (plan, start, live progress, pause / resume / cancel). Every officer sees the
// broadcasts of their scope; creating and controlling are for admins (the API enforces it, the
// screen only hides what would be refused).
import { useState } from 'preact/hooks';
import { html, api, t, qs, Link, navigate } from './lib.js';
import { useLive } from './live.js';
import { useData, ErrorBox, Loading, Badge } from './ui.js';
import { statusText, formatCount, formatVnTime } from './broadcast-format.js';
import { BroadcastForm } from './broadcast-form.js';
import { BroadcastView } from './broadcast-view.js';

export const BROADCAST_ADMINS = ['unit_admin', 'federation_admin', 'system_admin'];
const PAGE = 20;

export function BroadcastsScreen({ officer, id }) {
  const canManage = BROADCAST_ADMINS.includes(officer.role);
  const [offset, setOffset] = useState(0);
  const list = useData(() => api(`/broadcasts${qs({ limit: PAGE, offset })}`), [offset]);
  // the list's counts move with every sending broadcast: a slow re-read is enough here
  useLive((e) => e.type === 'broadcast.progress', list.reload, 60_000);
  const rows = list.data?.broadcasts ?? [];
  const creating = id === 'new' && canManage;
  const selected = id && id !== 'new' ? id : null;

  return html`<section class=${id ? 'split has-selection' : 'split'} data-testid="broadcasts">
    <div class="split-list">
      <div class="toolbar">
        <h1>${t('broadcasts.title')}</h1>
        ${canManage ? html`<button type="button" class="primary" data-testid="broadcast-new" onClick=${() => navigate('broadcasts/new')}>${t('broadcasts.new')}</button>` : null}
      </div>
      <${ErrorBox} error=${list.error} />
      ${list.loading && !list.data ? html`<${Loading} />` : null}
      ${list.data && rows.length === 0 ? html`<p class="muted empty">${t('broadcasts.empty')}</p>` : null}
      <ul class="rows" data-testid="broadcast-list">
        ${rows.map((b) => html`<${ListItem} key=${b.id} b=${b} selected=${b.id === selected} />`)}
      </ul>
      ${offset > 0 || rows.length === PAGE
        ? html`<div class="list-tools pager">
            <button type="button" class="ghost" disabled=${offset === 0} data-testid="broadcast-newer" onClick=${() => setOffset(Math.max(0, offset - PAGE))}>← ${t('broadcasts.newer')}</button>
            <button type="button" class="ghost" disabled=${rows.length < PAGE} data-testid="broadcast-older" onClick=${() => setOffset(offset + PAGE)}>${t('broadcasts.older')} →</button>
          </div>`
        : null}
    </div>
    <div class="split-detail">
      ${creating
        ? html`<${BroadcastForm} onCreated=${(b) => { list.reload(); navigate(`broadcasts/${b.id}`); }} />`
        : selected
          ? html`<${BroadcastView} key=${selected} id=${selected} canManage=${canManage} onChanged=${list.reload} />`
          : html`<p class="muted empty hide-narrow">${t('broadcasts.pick')}</p>`}
    </div>
  </section>`;
}

/** Share of the recipients already settled (delivered, failed or skipped). */
function percentDone(c) {
  if (!c || !c.total) return null;
  return Math.floor(((c.sent + c.failed + c.skipped) * 100) / c.total);
}

function ListItem({ b, selected }) {
  const pct = percentDone(b.counts);
  return html`<li class=${selected ? 'selected' : ''} data-testid="broadcast-item" data-id=${b.id}>
    <${Link} to=${`broadcasts/${b.id}`}>
      <div class="row"><strong class="name">${b.title}</strong>
        <${Badge} kind=${`bst-${b.status}`}>${statusText(b.status)}</${Badge}></div>
      <div class="row meta">
        <time class="muted">${formatVnTime(b.createdAt)}</time>
        ${b.total !== null && b.total !== undefined
          ? html`<span class="muted" data-testid="broadcast-item-reach">${t('broadcasts.reachOfTotal', { now: formatCount(b.reachableNow), total: formatCount(b.total) })}</span>`
          : null}
        ${pct !== null && b.status !== 'draft' && b.status !== 'planned' ? html`<span data-testid="broadcast-item-pct">${t('broadcasts.percentDone', { pct })}</span>` : null}
      </div>
    </${Link}>
  </li>`;
}
