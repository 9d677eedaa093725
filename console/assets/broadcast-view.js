// One broadcast: what it says and to whom, its plan (who is reached now, later, never and why;
// how long it takes), the start with a confirmation that repeats how many people it reaches, and
// its progress per channel, updated live from the `broadcast.progress` event.
import { useEffect, useRef } from 'preact/hooks';
import { html, api, t, navigate } from './lib.js';
import { useLive } from './live.js';
import { useData, ErrorBox, Loading, Badge, ActionButton, ConfirmButton } from './ui.js';
import { channelName, formatCount, formatLongDuration, formatVnTime, reasonText, statusText } from './broadcast-format.js';

/** the live stream may fire on every sender tick of every channel: re-read at most this often */
const REFRESH_MIN_MS = 1000;
/** while sending, a missed event (dropped stream) costs at most this long */
const SENDING_POLL_MS = 10_000;
const IDLE_POLL_MS = 60_000;
const ACTIVE = new Set(['scheduled', 'sending', 'paused']);

/** `fn` at most once per `ms`; a call inside the pause runs once at its end (the last state is never missed). */
function useThrottled(fn, ms) {
  const ref = useRef({ fn, last: 0, timer: null });
  ref.current.fn = fn;
  useEffect(() => () => clearTimeout(ref.current.timer), []);
  return () => {
    const s = ref.current;
    if (s.timer) return;
    const wait = s.last + ms - Date.now();
    const run = () => {
      s.timer = null;
      s.last = Date.now();
      s.fn();
    };
    if (wait <= 0) run();
    else s.timer = setTimeout(run, wait);
  };
}

export function BroadcastView({ id, canManage, onChanged }) {
  const d = useData(() => api(`/broadcasts/${encodeURIComponent(id)}`), [id]);
  const status = d.data?.broadcast.status;
  const refresh = useThrottled(d.reload, REFRESH_MIN_MS);
  useLive((e) => e.type === 'broadcast.progress' && e.broadcastId === id, refresh, status === 'sending' ? SENDING_POLL_MS : IDLE_POLL_MS);

  if (d.error && !d.data) return html`<div><button type="button" class="ghost back" onClick=${() => navigate('broadcasts')}>← ${t('common.back')}</button><${ErrorBox} error=${d.error} /></div>`;
  if (!d.data) return html`<${Loading} />`;
  const { broadcast: b, plan, channels, reasons } = d.data;
  const changed = async () => {
    await d.reload();
    onChanged();
  };
  const act = (action) => async () => {
    await api(`/broadcasts/${b.id}/${action}`, { method: 'POST' });
    await changed();
  };

  return html`<article class="detail broadcast" data-testid="broadcast-view" data-id=${b.id}>
    <button type="button" class="ghost back" onClick=${() => navigate('broadcasts')}>← ${t('common.back')}</button>
    <h2><span class="name">${b.title}</span> <${Badge} kind=${`bst-${b.status}`}><span data-testid="broadcast-status">${statusText(b.status)}</span></${Badge}></h2>
    <${Summary} b=${b} />
    ${canManage ? html`<${Controls} b=${b} plan=${plan} act=${act} />` : null}
    ${plan && (b.status === 'planned' || b.status === 'draft') ? html`<${PlanView} plan=${plan} quota=${b.policy?.zalo?.proactiveQuota ?? 0} />` : null}
    ${b.status !== 'draft' && b.status !== 'planned' ? html`<${ProgressView} channels=${channels} reasons=${reasons} />` : null}
    ${plan && b.status !== 'draft' && b.status !== 'planned'
      ? html`<details class="panel"><summary>${t('broadcasts.plan.title')}</summary><${PlanView} plan=${plan} quota=${b.policy?.zalo?.proactiveQuota ?? 0} /></details>`
      : null}
  </article>`;
}

function Summary({ b }) {
  const a = b.audience ?? {};
  const who = [
    t(`broadcasts.form.membershipOf.${a.membership ?? 'members'}`),
    a.units?.length ? t('broadcasts.summary.units', { list: a.units.join(', ') }) : null,
    a.provinces?.length ? t('broadcasts.summary.provinces', { list: a.provinces.join(', ') }) : null,
    a.registeredAfter ? t('broadcasts.summary.registeredAfter', { at: formatVnTime(a.registeredAfter) }) : null,
    a.contestId ? t('broadcasts.summary.contest', { id: a.contestId }) : null,
    a.memberNos?.length || a.phoneHashes?.length ? t('broadcasts.summary.customList', { n: (a.memberNos?.length ?? 0) + (a.phoneHashes?.length ?? 0) }) : null,
    a.channels?.length ? t('broadcasts.summary.channels', { list: a.channels.map(channelName).join(', ') }) : null,
  ].filter(Boolean);
  return html`<dl class="fields">
    <div><dt>${t('broadcasts.summary.text')}</dt><dd class="pre" data-testid="broadcast-text">${b.content?.vi?.text ?? ''}</dd></div>
    <div><dt>${t('broadcasts.summary.audience')}</dt><dd>${who.join(' · ')}</dd></div>
    <div><dt>${t('broadcasts.summary.schedule')}</dt><dd>${b.scheduledAt ? t('broadcasts.summary.at', { at: formatVnTime(b.scheduledAt) }) : t('broadcasts.summary.now')}</dd></div>
    <div><dt>${t('broadcasts.summary.order')}</dt><dd>${(b.policy?.order ?? []).map(channelName).join(' → ')}</dd></div>
    ${b.startedAt ? html`<div><dt>${t('broadcasts.summary.started')}</dt><dd>${formatVnTime(b.startedAt)}</dd></div>` : null}
    ${b.finishedAt ? html`<div><dt>${t('broadcasts.summary.finished')}</dt><dd>${formatVnTime(b.finishedAt)}</dd></div>` : null}
  </dl>`;
}

/** The buttons the broadcast's status allows (the server refuses the others with 409). */
function Controls({ b, plan, act }) {
  const s = b.status;
  const reach = plan ? plan.reachableNow + plan.later : 0;
  const startText = b.scheduledAt && new Date(b.scheduledAt) > new Date()
    ? t('broadcasts.confirmScheduled', { n: formatCount(reach), at: formatVnTime(b.scheduledAt), never: formatCount(plan?.never ?? 0) })
    : t('broadcasts.confirmStart', { n: formatCount(reach), never: formatCount(plan?.never ?? 0) });
  return html`<div class="actions" data-testid="broadcast-controls">
    ${s === 'draft' || s === 'planned'
      ? html`<${ActionButton} kind=${s === 'draft' ? 'primary' : ''} testid="broadcast-plan" onClick=${act('plan')}>${t(s === 'draft' ? 'broadcasts.plan.make' : 'broadcasts.plan.again')}</${ActionButton}>`
      : null}
    ${s === 'planned' ? html`<${ConfirmButton} testid="broadcast-start" confirmText=${startText} onConfirm=${act('start')}>${t('broadcasts.start')}</${ConfirmButton}>` : null}
    ${s === 'sending' || s === 'scheduled' ? html`<${ActionButton} testid="broadcast-pause" onClick=${act('pause')}>${t('broadcasts.pause')}</${ActionButton}>` : null}
    ${s === 'paused' ? html`<${ActionButton} kind="primary" testid="broadcast-resume" onClick=${act('resume')}>${t('broadcasts.resume')}</${ActionButton}>` : null}
    ${s === 'draft' || s === 'planned' || ACTIVE.has(s)
      ? html`<${ConfirmButton} testid="broadcast-cancel" confirmText=${t('broadcasts.confirmCancel')} onConfirm=${act('cancel')}>${t('broadcasts.cancel')}</${ConfirmButton}>`
      : null}
  </div>`;
}

function ReasonList({ reasons }) {
  const entries = Object.entries(reasons ?? {}).sort((a, z) => z[1] - a[1]);
  if (!entries.length) return null;
  return html`<ul class="plain reasons">${entries.map(([code, n]) => html`<li data-reason=${code}><span class="reason-n">${formatCount(n)}</span> ${reasonText(code)}</li>`)}</ul>`;
}

export function PlanView({ plan, quota }) {
  const longest = Math.max(0, ...plan.channels.map((c) => c.estimatedSeconds ?? 0));
  return html`<section class="panel plan" data-testid="broadcast-plan-view">
    <h3>${t('broadcasts.plan.title')}</h3>
    <p data-testid="plan-summary"><strong>${t('broadcasts.plan.summary', { total: formatCount(plan.total), now: formatCount(plan.reachableNow), later: formatCount(plan.later), never: formatCount(plan.never) })}</strong></p>
    <div class="table-wrap"><table class="plan-table">
      <thead><tr><th>${t('broadcasts.plan.channel')}</th><th>${t('broadcasts.plan.now')}</th><th>${t('broadcasts.plan.later')}</th><th>${t('broadcasts.plan.never')}</th></tr></thead>
      <tbody>${plan.channels.map(
        (c) => html`<tr data-testid="plan-channel" data-channel=${c.channel}>
          <td>${channelName(c.channel)}<div class="muted small">${t('broadcasts.plan.people', { n: formatCount(c.total) })}</div></td>
          <td class="num" data-testid="plan-now">${formatCount(c.now)}</td>
          <td data-testid="plan-later"><span class="num">${formatCount(c.later.count)}</span>
            ${c.later.count && c.later.from ? html`<div class="muted small">${t('broadcasts.plan.fromUntil', { from: formatVnTime(c.later.from), until: formatVnTime(c.later.until ?? c.later.from) })}</div>` : null}</td>
          <td data-testid="plan-never"><span class="num">${formatCount(c.never.count)}</span><${ReasonList} reasons=${c.never.reasons} /></td>
        </tr>`,
      )}</tbody>
    </table></div>
    <dl class="fields">
      <div><dt>${t('broadcasts.plan.duration')}</dt><dd data-testid="plan-duration">${formatLongDuration(longest)}</dd></div>
      <div><dt>${t('broadcasts.plan.finish')}</dt><dd data-testid="plan-finish">${plan.estimatedFinish ? formatVnTime(plan.estimatedFinish) : t('broadcasts.plan.nothingNow')}</dd></div>
      <div><dt>${t('broadcasts.plan.quota')}</dt><dd data-testid="plan-quota">${t('broadcasts.plan.quotaOf', { used: formatCount(plan.quotaUsed?.zaloProactive ?? 0), quota: formatCount(quota) })}</dd></div>
      ${plan.quotaLeftThisMonth?.zaloProactive != null
        ? html`<div><dt>${t('broadcasts.plan.monthLeft')}</dt><dd data-testid="plan-month-left">${formatCount(plan.quotaLeftThisMonth.zaloProactive)}</dd></div>`
        : null}
    </dl>
    <p class="muted small">${t('broadcasts.plan.quietHours')}</p>
  </section>`;
}

const SEGMENTS = ['sent', 'failed', 'skipped'];

export function ProgressView({ channels, reasons }) {
  return html`<section class="panel progress" data-testid="broadcast-progress">
    <h3>${t('broadcasts.progress.title')}</h3>
    ${channels.length === 0 ? html`<p class="muted">${t('broadcasts.progress.empty')}</p>` : null}
    ${channels.map((c) => {
      const pending = c.pending + c.queued;
      const pct = (n) => (c.total ? (n * 100) / c.total : 0);
      return html`<div class="channel-progress" data-testid="progress-channel" data-channel=${c.channel}>
        <div class="row"><strong>${channelName(c.channel)}</strong>
          <span class="muted">${t('broadcasts.progress.of', { done: formatCount(c.sent + c.failed + c.skipped), total: formatCount(c.total) })}</span></div>
        <div class="bar" role="progressbar" aria-valuemin="0" aria-valuemax=${c.total} aria-valuenow=${c.sent + c.failed + c.skipped} aria-label=${channelName(c.channel)}>
          ${SEGMENTS.map((k) => html`<span class=${`seg-${k}`} style=${{ width: `${pct(c[k])}%` }}></span>`)}
        </div>
        <ul class="counts">
          <li class="c-sent">${t('broadcasts.progress.delivered')}: <b data-testid="count-delivered">${formatCount(c.sent)}</b></li>
          <li class="c-failed">${t('broadcasts.progress.failed')}: <b data-testid="count-failed">${formatCount(c.failed)}</b></li>
          <li class="c-skipped">${t('broadcasts.progress.skipped')}: <b data-testid="count-skipped">${formatCount(c.skipped)}</b></li>
          <li class="c-pending">${t('broadcasts.progress.pending')}: <b data-testid="count-pending">${formatCount(pending)}</b></li>
        </ul>
      </div>`;
    })}
    ${reasons?.length
      ? html`<div class="table-wrap"><table data-testid="progress-reasons">
          <thead><tr><th>${t('broadcasts.plan.channel')}</th><th>${t('broadcasts.progress.state')}</th><th>${t('broadcasts.progress.reason')}</th><th>${t('broadcasts.progress.count')}</th></tr></thead>
          <tbody>${reasons.map(
            (r) => html`<tr data-reason=${r.reason}><td>${channelName(r.channel)}</td><td>${t(`broadcasts.progress.${r.status === 'pending' ? 'waiting' : r.status}`)}</td><td>${reasonText(r.reason)}</td><td class="num">${formatCount(r.count)}</td></tr>`,
          )}</tbody>
        </table></div>`
      : null}
  </section>`;
}
