// Canned responses in scope: read by every officer; unit admins add and delete their unit's own.
import { useState } from 'preact/hooks';
import { html, api, t, errorText } from './lib.js';
import { useData, ErrorBox, Loading, ActionButton } from './ui.js';
import { forgetCanned } from './reply.js';

const ADMIN_ROLES = ['unit_admin', 'federation_admin', 'system_admin'];

export function CannedScreen({ officer }) {
  const list = useData(() => api('/canned').then((d) => d.canned), []);
  const admin = ADMIN_ROLES.includes(officer.role);
  const [form, setForm] = useState({ shortcut: '/', locale: 'vi', text: '' });
  const [error, setError] = useState(null);
  const changed = async () => {
    forgetCanned();
    await list.reload();
  };
  const add = async (e) => {
    e.preventDefault();
    setError(null);
    try {
      await api('/canned', { method: 'POST', body: form });
      setForm({ shortcut: '/', locale: form.locale, text: '' });
      await changed();
    } catch (err) {
      setError(err);
    }
  };

  return html`<section>
    <div class="toolbar"><h1>${t('canned.title')}</h1></div>
    <p class="muted">${t('canned.help')}</p>
    <${ErrorBox} error=${list.error} />
    ${list.loading && !list.data ? html`<${Loading} />` : null}
    <ul class="rows canned-list" data-testid="canned-list">
      ${(list.data ?? []).map(
        (c) => html`<li>
          <div class="row"><strong>${c.shortcut}</strong> <span class="badge">${c.locale}</span>
            ${admin && c.editable ? html`<${ActionButton} kind="ghost" onClick=${async () => { await api(`/canned/${c.id}`, { method: 'DELETE' }); await changed(); }}>${t('canned.delete')}</${ActionButton}>` : null}</div>
          <p class="pre">${c.text}</p>
        </li>`,
      )}
    </ul>
    ${admin
      ? html`<form class="card" onSubmit=${add} data-testid="canned-form">
          <h3>${t('canned.add')}</h3>
          <div class="row">
            <label class="inline">${t('canned.shortcut')}<input required value=${form.shortcut} onInput=${(e) => setForm({ ...form, shortcut: e.currentTarget.value })} /></label>
            <label class="inline">${t('canned.locale')}<select value=${form.locale} onChange=${(e) => setForm({ ...form, locale: e.currentTarget.value })}><option value="vi">Tiếng Việt</option><option value="en">English</option></select></label>
          </div>
          <label>${t('canned.text')}<textarea required rows="4" value=${form.text} onInput=${(e) => setForm({ ...form, text: e.currentTarget.value })}></textarea></label>
          <button type="submit" class="primary">${t('canned.save')}</button>
          ${error ? html`<p class="error" role="alert">${errorText(error)}</p>` : null}
        </form>`
      : null}
  </section>`;
}
