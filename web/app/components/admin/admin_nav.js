// The administrator's own menu, on top of every admin page: routines,
// notifications, access log, retention. The current one is marked.
import { html } from '../../html.js';
import { t } from '../../i18n.js';

const ITEMS = [
  ['routines', '#/admin', 'admin.nav.routines'],
  ['notifications', '#/admin/notifications', 'admin.nav.notifications'],
  ['access', '#/admin/access-log', 'admin.nav.access'],
  ['retention', '#/admin/retention', 'admin.nav.retention'],
];

export function AdminNav({ current }) {
  return html`<nav class="admin-nav" aria-label=${t('admin.nav.label')}>
    <ul>
      ${ITEMS.map(
        ([name, href, key]) => html`<li>
          <a class="admin-nav-link" href=${href} aria-current=${name === current ? 'page' : undefined}>${t(key)}</a>
        </li>`,
      )}
    </ul>
  </nav>`;
}
