// The tenant's routines with every stored version: when each was
// published, how many open cases follow it, which one new cases get.
// From here an administrator opens a version's diagram, the editor or the
// simulator.
import { html, Component } from '../html.js';
import { t, pick } from '../i18n.js';
import { formatShortDateTime } from '../format.js';
import { problemText } from '../problems.js';
import { routinesWithVersions } from '../admin_api.js';
import { AdminNav } from '../components/admin/admin_nav.js';
import { VersionTable } from '../components/admin/version_table.js';

export class AdminRoutinesPage extends Component {
  constructor() {
    super();
    this.state = { items: null, error: null };
  }

  async componentDidMount() {
    try {
      this.setState({ items: await routinesWithVersions() });
    } catch (e) {
      this.setState({ error: problemText(e), items: [] });
    }
  }

  render() {
    const { items, error } = this.state;
    return html`<div class="admin-page">
      <${AdminNav} current="routines" />
      <h1>${t('admin.routines.title')}</h1>
      <p class="lead">${t('admin.routines.intro')}</p>
      <p><a class="ds-button" data-variant="secondary" href="#/admin/editor">${t('admin.routines.new_draft')}</a></p>
      ${error && html`<div class="ds-alert" data-color="danger" role="alert">${error}</div>`}
      ${items === null && html`<p role="status">${t('common.loading')}</p>`}
      ${items &&
      items.map(
        (r) => html`<section class="admin-routine ds-card" aria-labelledby=${`routine-${r.id}`}>
          <h2 class="ds-heading" data-size="sm" id=${`routine-${r.id}`}>${pick(r.titles || r.title, r.id)} <span class="muted">(${r.id})</span></h2>
          <p class="button-row">
            <a class="ds-link" href=${`#/admin/routines/${encodeURIComponent(r.id)}/edit`}>${t('admin.routines.edit', { id: r.id })}</a>
            <a class="ds-link" href=${`#/admin/routines/${encodeURIComponent(r.id)}/simulate`}>${t('admin.routines.simulate', { id: r.id })}</a>
          </p>
          <${VersionTable} routine=${r} formatTime=${formatShortDateTime} />
        </section>`,
      )}
      ${items && !items.length && !error && html`<p>${t('admin.routines.none')}</p>`}
    </div>`;
  }
}
