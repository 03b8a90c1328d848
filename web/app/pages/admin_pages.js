// The administrator's pages behind one gate: only role admin sees them.
// Everyone else gets a page that says so (the API refuses them too, with
// 403); the top bar shows the link to administrators only.
import { html } from '../html.js';
import { t } from '../i18n.js';
import { AdminRoutinesPage } from './admin_routines_page.js';
import { AdminVersionPage } from './admin_version_page.js';
import { AdminEditorPage } from './admin_editor_page.js';
import { AdminSimulatePage } from './admin_simulate_page.js';
import { AdminNotificationsPage } from './admin_notifications_page.js';
import { AdminAccessLogPage } from './admin_access_log_page.js';
import { AdminRetentionPage } from './admin_retention_page.js';

const TITLES = {
  'admin.routines': () => t('admin.routines.title'),
  'admin.version': () => t('admin.version.title'),
  'admin.editor': () => t('admin.editor.title'),
  'admin.simulate': () => t('admin.simulate.title'),
  'admin.notifications': () => t('admin.notifications.title'),
  'admin.access': () => t('admin.access.title'),
  'admin.retention': () => t('admin.retention.title'),
};

export function adminTitle(route) {
  return (TITLES[route && route.name] || TITLES['admin.routines'])();
}

export function AdminPage({ route, session, routine, lang }) {
  if (!session || session.role !== 'admin') {
    return html`<div class="narrow">
      <h1>${t('admin.denied.title')}</h1>
      <p>${t('admin.denied.body')}</p>
      <p><a class="ds-link" href="#/">${t('admin.denied.back')}</a></p>
    </div>`;
  }
  const props = { session, routine, lang };
  switch (route.name) {
    case 'admin.routines':
      return html`<${AdminRoutinesPage} ...${props} />`;
    case 'admin.version':
      return html`<${AdminVersionPage} key=${`${route.id}/${route.version}`} id=${route.id} version=${route.version} ...${props} />`;
    case 'admin.editor':
      return html`<${AdminEditorPage} key=${route.id || 'new'} id=${route.id} ...${props} />`;
    case 'admin.simulate':
      return html`<${AdminSimulatePage} key=${route.id} id=${route.id} ...${props} />`;
    case 'admin.notifications':
      return html`<${AdminNotificationsPage} ...${props} />`;
    case 'admin.access':
      return html`<${AdminAccessLogPage} key=${route.reference} reference=${route.reference} ...${props} />`;
    case 'admin.retention':
      return html`<${AdminRetentionPage} ...${props} />`;
    default:
      return html`<div><h1>${t('notfound.title')}</h1></div>`;
  }
}
