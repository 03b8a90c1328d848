// The error summary above a form: announced when it appears (role=alert),
// focused, and each error a link to its field.
import { html, Component, createRef } from '../html.js';
import { t } from '../i18n.js';

export class ErrorSummary extends Component {
  constructor() {
    super();
    this.ref = createRef();
  }

  componentDidUpdate(prev) {
    const had = prev.errors && prev.errors.length;
    if (!had && this.props.errors && this.props.errors.length && this.ref.current && this.props.focus !== false) {
      this.ref.current.focus();
    }
  }

  componentDidMount() {
    if (this.props.errors && this.props.errors.length && this.ref.current && this.props.focus !== false) this.ref.current.focus();
  }

  jump(ev, id) {
    ev.preventDefault();
    const el = document.getElementById(id);
    if (el) el.focus();
  }

  render({ errors }) {
    if (!errors || !errors.length) return null;
    return html`<div class="ds-error-summary" ref=${this.ref} tabindex="-1" role="alert" aria-labelledby="error-summary-heading">
      <h2 class="ds-heading" data-size="xs" id="error-summary-heading">${t('errors.summary')}</h2>
      <ul class="ds-list">
        ${errors.map((e) => html`<li><a class="ds-link" href=${`#${e.id}`} onClick=${(ev) => this.jump(ev, e.id)}>${e.text}</a></li>`)}
      </ul>
    </div>`;
  }
}
