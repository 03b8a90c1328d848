// "Go to case": a teacher types the reference she keeps beside her own
// records (DEMO-2026-0007) and lands on the case.
import { html, Component } from '../html.js';
import { t } from '../i18n.js';
import { navigate } from '../router.js';
import { findByReference } from '../worklist.js';
import { problemText } from '../problems.js';

export class ReferenceLookup extends Component {
  constructor() {
    super();
    this.state = { value: '', message: null, busy: false };
  }

  async submit(ev) {
    ev.preventDefault();
    const value = this.state.value.trim();
    if (!value) {
      this.setState({ message: t('lookup.empty') });
      return;
    }
    this.setState({ busy: true, message: null });
    try {
      const found = await findByReference(value);
      if (found) {
        navigate(`/cases/${found.id}`);
        return;
      }
      this.setState({ busy: false, message: t('lookup.not_found', { reference: value.toUpperCase() }) });
    } catch (e) {
      const msg = e.status === 422 || e.status === 404 ? t('lookup.not_found', { reference: value.toUpperCase() }) : problemText(e);
      this.setState({ busy: false, message: msg });
    }
  }

  render() {
    const { value, message, busy } = this.state;
    return html`<form class="lookup" role="search" onSubmit=${(e) => this.submit(e)} novalidate>
      <div class="ds-field">
        <label class="ds-label" for="lookup-ref">${t('lookup.label')}</label>
        <div class="inline-field">
          <input class="ds-input" id="lookup-ref" type="text" autocomplete="off" spellcheck=${false}
            placeholder="DEMO-2026-0007" value=${value}
            aria-invalid=${message ? 'true' : undefined} aria-describedby=${message ? 'lookup-msg' : undefined}
            onInput=${(e) => this.setState({ value: e.currentTarget.value })} />
          <button type="submit" class="ds-button" data-variant="primary" disabled=${busy}>${t('lookup.submit')}</button>
        </div>
        ${message && html`<p class="ds-validation-message" data-color="danger" id="lookup-msg" role="alert">${message}</p>`}
      </div>
    </form>`;
  }
}
