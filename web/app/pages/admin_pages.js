// The administrator's pages behind one gate: only role admin sees them.
// Everyone else gets a page that says so (the API refuses them too, with
// 403); the top bar shows the link to administrators only.
//
// The pages are loaded when first shown (import()), so that the team's
// first load carries none of them (docs/web.md: the first-load budget).
import { html, Component } from '../html.js';
import { t } from '../i18n.js';

const TITLES = {
  'admin.routines': () => t('admin.routines.title'),
  'admin.version': () => t('admin.version.title'),
  'admin.editor': () => t('admin.editor.title'),
  'admin.simulate': () => t('admin.simulate.title'),
  'admin.notifications': () => t('admin.notifications.title'),
  'admin.access': () => t('admin.access.title'),
  'admin.retention': () => t('admin.retention.title'),
};

// route name -> [module, export, key from the route (remounts the page)]
const PAGES = {
  'admin.routines': ['./admin_routines_page.js', 'AdminRoutinesPage', () => 'routines'],
  'admin.version': ['./admin_version_page.js', 'AdminVersionPage', (r) => `${r.id}/${r.version}`],
  'admin.editor': ['./admin_editor_page.js', 'AdminEditorPage', (r) => r.id || 'new'],
  'admin.simulate': ['./admin_simulate_page.js', 'AdminSimulatePage', (r) => r.id],
  'admin.notifications': ['./admin_notifications_page.js', 'AdminNotificationsPage', () => 'notifications'],
  'admin.access': ['./admin_access_log_page.js', 'AdminAccessLogPage', (r) => r.reference],
  'admin.retention': ['./admin_retention_page.js', 'AdminRetentionPage', () => 'retention'],
};
const loaded = new Map(); // route name -> component

export function adminTitle(route) {
  return (TITLES[route && route.name] || TITLES['admin.routines'])();
}

export class AdminPage extends Component {
  constructor() {
    super();
    this.state = { error: null };
  }

  componentDidMount() {
    this.load();
  }

  componentDidUpdate() {
    this.load();
  }

  async load() {
    const { route, session } = this.props;
    const entry = PAGES[route.name];
    if (!entry || !session || session.role !== 'admin' || loaded.has(route.name)) return;
    try {
      const mod = await import(entry[0]);
      loaded.set(route.name, mod[entry[1]]);
      // The placeholder's heading had the focus the shell gave it; give it
      // to the page's heading instead.
      this.setState({ error: null }, () =>
        requestAnimationFrame(() => {
          const h1 = document.querySelector('main h1');
          if (h1 && (!document.activeElement || document.activeElement === document.body)) {
            h1.setAttribute('tabindex', '-1');
            h1.focus();
          }
        }),
      );
    } catch (e) {
      this.setState({ error: e.message });
    }
  }

  render({ route, session, routine, lang }) {
    if (!session || session.role !== 'admin') {
      return html`<div class="narrow">
        <h1>${t('admin.denied.title')}</h1>
        <p>${t('admin.denied.body')}</p>
        <p><a class="ds-link" href="#/">${t('admin.denied.back')}</a></p>
      </div>`;
    }
    const entry = PAGES[route.name];
    if (!entry) return html`<div><h1>${t('notfound.title')}</h1></div>`;
    const Page = loaded.get(route.name);
    if (!Page) {
      return html`<div><h1>${adminTitle(route)}</h1><p role="status">${this.state.error ? t('problem.network') : t('common.loading')}</p></div>`;
    }
    return html`<${Page} key=${entry[2](route)} ...${route} session=${session} routine=${routine} lang=${lang} />`;
  }
}
