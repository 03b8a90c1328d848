// The Normen review: for a case reference, who read the case, when and
// why (GET /api/v1/access-log?reference=R). The administrator gives a
// reason too, which is recorded with the read of the log itself.
import { html, Component } from '../html.js';
import { t } from '../i18n.js';
import { formatDateTime } from '../format.js';
import { problemText } from '../problems.js';
import { serviceName } from '../store.js';
import { accessLog } from '../admin_api.js';
import { AdminNav } from '../components/admin/admin_nav.js';
import { AccessLogTable } from '../components/admin/access_log_table.js';

export class AdminAccessLogPage extends Component {
  constructor(props) {
    super(props);
    this.state = { reference: props.reference || '', reason: '', log: null, error: null, busy: false };
  }

  componentDidMount() {
    if (this.props.reference) this.lookup();
  }

  async lookup() {
    const reference = this.state.reference.trim().toUpperCase();
    if (!reference) {
      this.setState({ error: t('admin.access.need_reference'), log: null });
      return;
    }
    this.setState({ busy: true, error: null });
    try {
      const log = await accessLog(reference, this.state.reason.trim());
      this.setState({ log, busy: false }, () => {
        const el = document.getElementById('access-result');
        if (el) el.focus();
      });
    } catch (e) {
      this.setState({ busy: false, log: null, error: e.status === 404 ? t('admin.access.not_found', { reference }) : problemText(e) });
    }
  }

  submit(ev) {
    ev.preventDefault();
    const ref = this.state.reference.trim().toUpperCase();
    // The reference goes into the address, so a reload shows the same log
    // (replaceState: no hashchange, so the page and the reason stay).
    if (ref) history.replaceState(null, '', `#/admin/access-log/${encodeURIComponent(ref)}`);
    this.lookup();
  }

  render({ routine }) {
    const { reference, reason, log, error, busy } = this.state;
    return html`<div class="admin-page">
      <${AdminNav} current="access" />
      <h1>${t('admin.access.title')}</h1>
      <p class="lead">${t('admin.access.intro')}</p>
      <form class="access-form" onSubmit=${(e) => this.submit(e)}>
        <div class="ds-field">
          <label class="ds-label" for="access-reference">${t('admin.access.reference')}</label>
          <p class="field-desc" id="access-reference-desc">${t('admin.access.reference_desc', { example: `${(routine && routine.reference_prefix) || 'BTI'}-${new Date().getFullYear()}-0001` })}</p>
          <input class="ds-input" id="access-reference" type="text" autocomplete="off" spellcheck="false" value=${reference}
            aria-invalid=${error ? 'true' : undefined} aria-describedby=${error ? 'access-reference-desc access-error' : 'access-reference-desc'}
            onInput=${(e) => this.setState({ reference: e.currentTarget.value })} />
        </div>
        <div class="ds-field">
          <label class="ds-label" for="access-reason">${t('admin.access.my_reason')}</label>
          <p class="field-desc" id="access-reason-desc">${t('admin.access.my_reason_desc')}</p>
          <input class="ds-input" id="access-reason" type="text" maxlength="200" autocomplete="off" aria-describedby="access-reason-desc" value=${reason}
            onInput=${(e) => this.setState({ reason: e.currentTarget.value })} />
        </div>
        <div class="sim-submit"><button type="submit" class="ds-button" disabled=${busy}>${t('admin.access.show')}</button></div>
      </form>
      ${error && html`<div class="ds-alert" data-color="danger" role="alert" id="access-error">${error}</div>`}
      ${log &&
      html`<section class="section" aria-labelledby="access-result" >
        <h2 class="ds-heading" data-size="xs" id="access-result" tabindex="-1">${t('admin.access.result', { reference: log.reference, n: log.entries.length })}</h2>
        <${AccessLogTable} reference=${log.reference} entries=${log.entries} serviceLabel=${(s) => serviceName(routine, s)} formatTime=${formatDateTime} />
        <p class="muted">${t('admin.access.recorded')}</p>
      </section>`}
    </div>`;
  }
}
