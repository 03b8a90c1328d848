// A free-text field with the PII guard speaking while the user types.
//
// Below the field, each finding says in plain words what to remove, and a
// copy of the text marks the span (<mark>), since a textarea cannot
// highlight part of itself. "Vis i teksten" selects the span in the field,
// so a keyboard user can delete it at once. The findings are announced
// politely (aria-live) and never block typing. The text itself is owned by
// the parent and is never cleared here.
import { html, Component, createRef } from '../html.js';
import { t, pick } from '../i18n.js';
import { PiiChecker, splitBySpans } from '../pii.js';

function findingText(f) {
  if (f.message) return pick(f.message);
  return t(`pii.kind.${f.kind}`);
}

export class PiiTextarea extends Component {
  constructor(props) {
    super(props);
    this.ref = createRef();
    this.state = { findings: [], checkedText: '' };
    this.checker = new PiiChecker((text, findings) => this.setState({ findings, checkedText: text }));
  }

  componentDidMount() {
    if (this.props.value) this.checker.check(this.props.value);
  }

  componentWillUnmount() {
    this.checker.stop();
  }

  input(ev) {
    const value = ev.currentTarget.value;
    this.props.onInput(value);
    this.checker.check(value);
  }

  select(f) {
    const el = this.ref.current;
    if (!el) return;
    el.focus();
    el.setSelectionRange(f.start, f.end);
  }

  render({ id, label, description, value, error, rows = 6, required }) {
    const { findings, checkedText } = this.state;
    // Findings stay shown while a new check runs, as long as their span
    // still holds the same characters.
    const current = findings.filter((f) => value.slice(f.start, f.end) === checkedText.slice(f.start, f.end));
    const descIds = [description ? `${id}-desc` : '', current.length ? `${id}-pii` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
    return html`<div class="ds-field pii-field">
      <label class="ds-label" for=${id}>${label}${required ? '' : html` <span class="muted">${t('form.optional')}</span>`}</label>
      ${description && html`<p class="ds-paragraph field-desc" data-size="sm" id=${`${id}-desc`}>${description}</p>`}
      <textarea class="ds-input" id=${id} ref=${this.ref} rows=${rows} value=${value}
        aria-invalid=${error || current.length ? 'true' : undefined}
        aria-describedby=${descIds || undefined}
        onInput=${(e) => this.input(e)}></textarea>
      ${error && html`<p class="ds-validation-message" data-color="danger" id=${`${id}-error`}>${error}</p>`}
      <div aria-live="polite" class="pii-live">
        ${current.length > 0 &&
        html`<div class="pii-findings ds-alert" data-color="warning" id=${`${id}-pii`}>
          <p><strong>${t('pii.heading')}</strong></p>
          <ul class="ds-list">
            ${current.map(
              (f) => html`<li>
                «<span class="pii-span">${value.slice(f.start, f.end)}</span>»: ${findingText(f)}
                <button type="button" class="ds-button link-button" data-variant="tertiary" data-size="sm" onClick=${() => this.select(f)}>
                  ${t('pii.select')}
                </button>
              </li>`,
            )}
          </ul>
          <p class="pii-preview" aria-hidden="true">
            ${splitBySpans(value, current).map((part) => (part.finding ? html`<mark>${part.text}</mark>` : part.text))}
          </p>
        </div>`}
      </div>
    </div>`;
  }
}
