// A case's access log as a table: when, who (the person's pseudonymous id,
// service and role), what they did and the reason they gave.
import { html } from '../../html.js';
import { t } from '../../i18n.js';

function actionWord(a) {
  const base = String(a).split(' ')[0];
  const key = `admin.access.action.${base}`;
  const s = t(key);
  return s === key ? a : s;
}

export function AccessLogTable({ reference, entries, serviceLabel, formatTime }) {
  return html`<div class="table-scroll" tabindex="0" role="region" aria-label=${t('admin.access.caption', { reference })}>
    <table class="ds-table admin-table" data-border="true">
      <caption class="ds-sr-only">${t('admin.access.caption', { reference })}</caption>
      <thead><tr>
        <th scope="col">${t('admin.access.when')}</th>
        <th scope="col">${t('admin.access.person')}</th>
        <th scope="col">${t('admin.access.service')}</th>
        <th scope="col">${t('admin.access.role')}</th>
        <th scope="col">${t('admin.access.what')}</th>
        <th scope="col">${t('admin.access.reason')}</th>
      </tr></thead>
      <tbody>
        ${entries.map(
          (e) => html`<tr>
            <td>${formatTime(e.at)}</td>
            <td><code class="person-id">${e.person_id || t('admin.access.unknown_person')}</code></td>
            <td>${serviceLabel(e.service)}</td>
            <td>${t(`role.${e.role}`)}</td>
            <td>${actionWord(e.action)}</td>
            <td>${e.reason || html`<span class="muted">${t('admin.access.no_reason')}</span>`}</td>
          </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}
