// "Meld til barnevernet": always visible, never blocked, for every team
// role at every step (the duty to report belongs to each employee and
// overrides workflow, consent and anonymity). The report itself goes to
// child welfare outside Stafett; here the user records that and when she
// reported. Two steps, so that a stray key press records nothing.
import { html, Component, createRef } from '../html.js';
import { t } from '../i18n.js';
import { formatDateTime } from '../format.js';

export class ReportChildWelfare extends Component {
  constructor() {
    super();
    this.state = { confirming: false };
    this.confirmRef = createRef();
    this.openRef = createRef();
  }

  open() {
    this.setState({ confirming: true }, () => this.confirmRef.current && this.confirmRef.current.focus());
  }

  cancel() {
    this.setState({ confirming: false }, () => this.openRef.current && this.openRef.current.focus());
  }

  async confirm() {
    await this.props.onReport();
    this.setState({ confirming: false });
  }

  render({ kase, busy, error }) {
    const { confirming } = this.state;
    return html`<section class="report-cw" aria-labelledby="cw-heading">
      <h2 id="cw-heading" class="ds-heading" data-size="xs">${t('cw.heading')}</h2>
      <p>${t('cw.explain')}</p>
      ${kase.child_welfare_reported_at &&
      html`<p class="cw-status"><strong>${t('cw.reported_at', { at: formatDateTime(kase.child_welfare_reported_at) })}</strong></p>`}
      ${!confirming &&
      html`<button type="button" class="ds-button" data-color="danger" data-variant="primary" ref=${this.openRef} onClick=${() => this.open()}>
        ${t('cw.button')}
      </button>`}
      ${confirming &&
      html`<div class="cw-confirm" role="group" aria-labelledby="cw-confirm-text">
        <p id="cw-confirm-text">${t('cw.confirm_text')}</p>
        <div class="button-row">
          <button type="button" class="ds-button" data-color="danger" data-variant="primary" ref=${this.confirmRef}
            disabled=${busy} onClick=${() => this.confirm()}>${t('cw.confirm')}</button>
          <button type="button" class="ds-button" data-variant="tertiary" onClick=${() => this.cancel()}>${t('common.cancel')}</button>
        </div>
      </div>`}
      ${error && html`<div class="ds-alert" data-color="danger" role="alert"><p>${error}</p></div>`}
    </section>`;
  }
}
