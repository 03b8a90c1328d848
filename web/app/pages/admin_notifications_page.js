// Notifications that failed or still wait: the outbox's figures, filters
// (status from the server; service and event in the page), and "send
// again" for a failed one.
import { html, Component } from '../html.js';
import { t } from '../i18n.js';
import { formatShortDateTime } from '../format.js';
import { problemText } from '../problems.js';
import { stepTitle, serviceName } from '../store.js';
import { notifications, retryNotification, outboxSummary } from '../admin_api.js';
import { AdminNav } from '../components/admin/admin_nav.js';
import { OutboxFigures } from '../components/admin/outbox_figures.js';
import { NotificationTable } from '../components/admin/notification_table.js';

export class AdminNotificationsPage extends Component {
  constructor() {
    super();
    this.state = { status: 'failed', service: '', event: '', items: null, cursor: null, summary: null, error: null, busy: null, retried: {}, notice: null };
  }

  componentDidMount() {
    this.load('failed');
    this.loadSummary();
  }

  async loadSummary() {
    try {
      this.setState({ summary: await outboxSummary() });
    } catch (e) {
      this.setState({ summary: null });
    }
  }

  async load(status, cursor) {
    this.setState({ status, error: null, ...(cursor ? {} : { items: null, retried: {} }) });
    try {
      const data = await notifications(status, cursor);
      const items = cursor ? [...(this.state.items || []), ...data.items] : data.items;
      this.setState({ items, cursor: data.next_cursor });
    } catch (e) {
      this.setState({ items: [], error: problemText(e) });
    }
  }

  async retry(n) {
    this.setState({ busy: n.id, notice: null });
    try {
      await retryNotification(n.id);
      this.setState({ busy: null, retried: { ...this.state.retried, [n.id]: true }, notice: t('admin.notifications.retried_notice', { reference: (n.case && n.case.reference) || n.id }) });
      this.loadSummary();
    } catch (e) {
      this.setState({ busy: null, error: problemText(e) });
    }
  }

  render({ routine }) {
    const { status, service, event, items, cursor, summary, error, busy, retried, notice } = this.state;
    const services = [...new Set((items || []).map((n) => n.service))].sort();
    const events = [...new Set((items || []).map((n) => n.event))].sort();
    const shown = (items || []).filter((n) => (!service || n.service === service) && (!event || n.event === event));
    const svc = (s) => serviceName(routine, s);
    return html`<div class="admin-page">
      <${AdminNav} current="notifications" />
      <h1>${t('admin.notifications.title')}</h1>
      <p class="lead">${t('admin.notifications.intro')}</p>
      <section aria-labelledby="outbox-heading">
        <h2 class="ds-heading" data-size="xs" id="outbox-heading">${t('admin.outbox.heading')}</h2>
        ${summary ? html`<${OutboxFigures} summary=${summary} />` : html`<p class="muted">${t('common.loading')}</p>`}
      </section>
      <section aria-labelledby="list-heading" class="section">
        <h2 class="ds-heading" data-size="xs" id="list-heading">${t('admin.notifications.list')}</h2>
        <div class="filters">
          <div class="ds-field">
            <label class="ds-label" for="nf-status">${t('admin.notifications.status')}</label>
            <select class="ds-input" id="nf-status" onChange=${(e) => this.load(e.currentTarget.value)}>
              ${['failed', 'pending', 'delivered'].map((s) => html`<option value=${s} selected=${s === status}>${t(`admin.status.${s}`)}</option>`)}
            </select>
          </div>
          <div class="ds-field">
            <label class="ds-label" for="nf-service">${t('admin.notifications.service')}</label>
            <select class="ds-input" id="nf-service" onChange=${(e) => this.setState({ service: e.currentTarget.value })}>
              <option value="" selected=${!service}>${t('admin.notifications.all')}</option>
              ${services.map((s) => html`<option value=${s} selected=${s === service}>${svc(s)}</option>`)}
            </select>
          </div>
          <div class="ds-field">
            <label class="ds-label" for="nf-event">${t('admin.notifications.event')}</label>
            <select class="ds-input" id="nf-event" onChange=${(e) => this.setState({ event: e.currentTarget.value })}>
              <option value="" selected=${!event}>${t('admin.notifications.all')}</option>
              ${events.map((s) => html`<option value=${s} selected=${s === event}>${t(`admin.event.${s}`) === `admin.event.${s}` ? s : t(`admin.event.${s}`)}</option>`)}
            </select>
          </div>
        </div>
        <p class="status-line" role="status">${items ? t('admin.notifications.count', { n: shown.length }) : t('common.loading')}${notice ? ` ${notice}` : ''}</p>
        ${error && html`<div class="ds-alert" data-color="danger" role="alert">${error}</div>`}
        ${items && shown.length > 0 &&
        html`<${NotificationTable}
          items=${shown}
          retried=${retried}
          busy=${busy}
          onRetry=${(n) => this.retry(n)}
          stepName=${(s) => stepTitle(routine, s)}
          serviceLabel=${svc}
          formatTime=${formatShortDateTime}
        />`}
        ${items && !shown.length && html`<p class="empty">${t(`admin.notifications.none_${status}`)}</p>`}
        ${cursor && html`<p><button type="button" class="ds-button" data-variant="secondary" onClick=${() => this.load(status, cursor)}>${t('admin.notifications.more')}</button></p>`}
      </section>
    </div>`;
  }
}
