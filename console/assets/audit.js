// The audit log (unit admins and above): who read or changed what, newest first.
import { useState } from 'preact/hooks';
import { html, api, t, tOr, qs, formatTime } from './lib.js';
import { useData, ErrorBox, Loading, ExportButtons } from './ui.js';

export function AuditScreen() {
  const [f, setF] = useState({ actor: '', action: '', entity: '' });
  const [pages, setPages] = useState([]);
  const first = useData(() => api(`/audit${qs({ ...f, limit: 100 })}`).then((d) => d.entries), [f.actor, f.action, f.entity]);
  const entries = [...(first.data ?? []), ...pages.flat()];
  const set = (k) => (e) => {
    setPages([]);
    setF({ ...f, [k]: e.currentTarget.value.trim() });
  };
  const more = async () => {
    const last = entries[entries.length - 1];
    const d = await api(`/audit${qs({ ...f, limit: 100, before: last?.id })}`);
    setPages([...pages, d.entries]);
  };

  return html`<section>
    <div class="toolbar">
      <h1>${t('audit.title')}</h1>
      <${ExportButtons} path="/audit" params=${f} />
    </div>
    <div class="filters">
      <input placeholder=${t('audit.actor')} aria-label=${t('audit.actor')} value=${f.actor} onChange=${set('actor')} />
      <input placeholder=${t('audit.action')} aria-label=${t('audit.action')} value=${f.action} onChange=${set('action')} />
      <input placeholder=${t('audit.entity')} aria-label=${t('audit.entity')} value=${f.entity} onChange=${set('entity')} />
    </div>
    <${ErrorBox} error=${first.error} />
    ${first.loading && !first.data ? html`<${Loading} />` : null}
    <div class="table-wrap"><table data-testid="audit-table">
      <thead><tr><th>${t('audit.at')}</th><th>${t('audit.actor')}</th><th>${t('audit.action')}</th><th>${t('audit.entity')}</th><th>${t('audit.details')}</th></tr></thead>
      <tbody>
        ${entries.map(
          (e) => html`<tr>
            <td>${formatTime(e.at)}</td>
            <td>${e.actorName ?? e.actorId} <span class="muted">${e.actorType}</span></td>
            <td>${tOr(`audit.actions.${e.action.replace(/\./g, '_')}`, e.action)}</td>
            <td>${e.entity} <span class="muted mono">${e.entityId}</span></td>
            <td class="mono small">${e.details && Object.keys(e.details).length ? JSON.stringify(e.details) : ''}</td>
          </tr>`,
        )}
      </tbody>
    </table></div>
    ${first.data && first.data.length === 100 ? html`<button type="button" onClick=${more}>${t('audit.more')}</button>` : null}
  </section>`;
}
