// A routine's versions as a table: version, published, open cases, which
// one is current (new cases follow it), and a link to its diagram.
import { html } from '../../html.js';
import { t } from '../../i18n.js';

export function VersionTable({ routine, formatTime }) {
  const id = routine.id;
  return html`<div class="table-scroll" tabindex="0" role="region" aria-label=${t('admin.versions.caption', { id })}><table class="ds-table admin-table" data-border="true">
    <caption class="ds-sr-only">${t('admin.versions.caption', { id })}</caption>
    <thead>
      <tr>
        <th scope="col">${t('admin.versions.version')}</th>
        <th scope="col">${t('admin.versions.published')}</th>
        <th scope="col" class="num">${t('admin.versions.open_cases')}</th>
        <th scope="col">${t('admin.versions.status')}</th>
        <th scope="col"><span class="ds-sr-only">${t('admin.versions.diagram')}</span></th>
      </tr>
    </thead>
    <tbody>
      ${routine.versions.map(
        (v) => html`<tr class=${v.current ? 'current-version' : ''}>
          <th scope="row">${t('admin.versions.v', { version: v.version })}</th>
          <td>${v.published_at ? formatTime(v.published_at) : '–'}</td>
          <td class="num">${v.open_cases == null ? '–' : v.open_cases}</td>
          <td>${v.current ? html`<span class="ds-tag" data-color="success">${t('admin.versions.current')}</span>` : t('admin.versions.older')}</td>
          <td><a class="ds-link" href=${`#/admin/routines/${encodeURIComponent(id)}/versions/${v.version}`}>${t('admin.versions.show', { version: v.version })}</a></td>
        </tr>`,
      )}
    </tbody>
  </table></div>`;
}
