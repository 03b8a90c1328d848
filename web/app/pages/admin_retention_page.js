// Purge and archive status (GET /api/v1/retention): how many closed cases
// are due for purging now and in the next 30 days, the purge log, and the
// archive's queue with what failed to archive and when it is tried again.
import { html, Component } from '../html.js';
import { t } from '../i18n.js';
import { formatShortDateTime } from '../format.js';
import { problemText } from '../problems.js';
import { retentionStatus } from '../admin_api.js';
import { AdminNav } from '../components/admin/admin_nav.js';

function whatWord(w) {
  const key = `admin.retention.what.${w}`;
  const s = t(key);
  return s === key ? w : s;
}

export class AdminRetentionPage extends Component {
  constructor() {
    super();
    this.state = { data: null, error: null, missing: false };
  }

  async componentDidMount() {
    try {
      this.setState({ data: await retentionStatus() });
    } catch (e) {
      if (e.status === 404) this.setState({ missing: true });
      else this.setState({ error: problemText(e) });
    }
  }

  render() {
    const { data, error, missing } = this.state;
    const a = (data && data.archive) || {};
    // due_now is per kind of data; an older server gave one number.
    const due = data && typeof data.due_now === 'object' ? data.due_now : { cases: data ? data.due_now : 0 };
    return html`<div class="admin-page">
      <${AdminNav} current="retention" />
      <h1>${t('admin.retention.title')}</h1>
      <p class="lead">${t('admin.retention.intro')}</p>
      ${error && html`<div class="ds-alert" data-color="danger" role="alert">${error}</div>`}
      ${missing && html`<div class="ds-alert" data-color="info">${t('admin.retention.missing')}</div>`}
      ${!data && !error && !missing && html`<p role="status">${t('common.loading')}</p>`}
      ${data &&
      html`<section aria-labelledby="purge-heading">
          <h2 class="ds-heading" data-size="xs" id="purge-heading">${t('admin.retention.purge')}</h2>
          <dl class="figure-grid">
            <div class=${`figure-card${due.cases ? ' warn' : ''}`}><dt>${t('admin.retention.due_now')}</dt><dd>${due.cases ?? 0}</dd></div>
            <div class="figure-card"><dt>${t('admin.retention.due_30')}</dt><dd>${data.due_next_30_days}</dd></div>
            <div class="figure-card"><dt>${t('admin.retention.due_access_log')}</dt><dd>${due.access_log ?? 0}</dd></div>
            <div class="figure-card"><dt>${t('admin.retention.due_notifications')}</dt><dd>${due.notifications ?? 0}</dd></div>
          </dl>
          <p class="muted">${t('admin.retention.due_note')}</p>
          ${(data.purged || []).length
            ? html`<div class="table-scroll" tabindex="0" role="region" aria-label=${t('admin.retention.purged_caption')}><table class="ds-table admin-table" data-border="true">
                <caption>${t('admin.retention.purged_caption')}</caption>
                <thead><tr>
                  <th scope="col">${t('admin.retention.when')}</th>
                  <th scope="col">${t('admin.retention.what')}</th>
                  <th scope="col" class="num">${t('admin.retention.count')}</th>
                </tr></thead>
                <tbody>${data.purged.map((p) => html`<tr><td>${formatShortDateTime(p.at)}</td><td>${whatWord(p.what)}</td><td class="num">${p.count}</td></tr>`)}</tbody>
              </table></div>`
            : html`<p>${t('admin.retention.none_purged')}</p>`}
        </section>
        <section class="section" aria-labelledby="archive-heading">
          <h2 class="ds-heading" data-size="xs" id="archive-heading">${t('admin.retention.archive')}</h2>
          <dl class="figure-grid">
            <div class=${`figure-card${a.pending ? ' warn' : ''}`}><dt>${t('admin.retention.archive_pending')}</dt><dd>${a.pending ?? 0}</dd></div>
            <div class=${`figure-card${a.failed ? ' bad' : ''}`}><dt>${t('admin.retention.archive_failed')}</dt><dd>${a.failed ?? 0}</dd></div>
            <div class="figure-card"><dt>${t('admin.retention.archived')}</dt><dd>${a.archived ?? 0}</dd></div>
          </dl>
          ${(a.failures || []).length > 0 &&
          html`<div class="table-scroll" tabindex="0" role="region" aria-label=${t('admin.retention.failures_caption')}>
            <table class="ds-table admin-table" data-border="true">
              <caption>${t('admin.retention.failures_caption')}</caption>
              <thead><tr>
                <th scope="col">${t('admin.notifications.reference')}</th>
                <th scope="col" class="num">${t('admin.notifications.attempts')}</th>
                <th scope="col">${t('admin.notifications.error')}</th>
                <th scope="col">${t('admin.retention.next_attempt')}</th>
              </tr></thead>
              <tbody>
                ${a.failures.map(
                  (f) => html`<tr>
                    <th scope="row">${f.reference}</th>
                    <td class="num">${f.attempts}</td>
                    <td class="error-cell">${f.last_error}</td>
                    <td>${f.status === 'failed' ? html`<strong class="danger-text">${t('admin.retention.given_up')}</strong>` : f.next_attempt_at ? formatShortDateTime(f.next_attempt_at) : '–'}</td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>`}
        </section>`}
    </div>`;
  }
}
