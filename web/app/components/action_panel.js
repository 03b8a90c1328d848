// Every action the caller may take now, as a button; the chosen one opens
// its form right below the buttons. What the user types lives in the case
// page's drafts, so reloading the case (after a 412) keeps it.
import { html, Component, createRef } from '../html.js';
import { t } from '../i18n.js';
import { FieldInput } from './field_input.js';

export class ActionPanel extends Component {
  constructor() {
    super();
    this.formRef = createRef();
  }

  componentDidUpdate(prev) {
    if (this.props.open && this.props.open !== prev.open && this.formRef.current) {
      const first = this.formRef.current.querySelector('input, select, textarea, button[type=submit]');
      if (first) first.focus();
    }
  }

  render({ actions, open, drafts, errors, general, busy, routine, onOpen, onChange, onSubmit, onCancel }) {
    if (!actions.length) return html`<p class="muted">${t('actions.none')}</p>`;
    const action = actions.find((a) => a.key === open);
    const values = (action && drafts[action.key]) || {};
    const fieldErrors = (action && errors[action.key]) || {};
    return html`<div class="actions">
      <ul class="action-buttons">
        ${actions.map(
          (a) => html`<li>
            <button type="button" class="ds-button" data-variant=${a.key === open ? 'primary' : 'secondary'}
              aria-expanded=${a.key === open ? 'true' : 'false'} aria-controls="action-form"
              onClick=${() => onOpen(a.key === open ? null : a.key)}>${a.label}</button>
          </li>`,
        )}
      </ul>
      ${action &&
      html`<form id="action-form" class="action-form ds-card stack" ref=${this.formRef} novalidate
          aria-labelledby="action-form-heading" onSubmit=${(e) => { e.preventDefault(); onSubmit(action); }}>
        <h3 class="ds-heading" data-size="xs" id="action-form-heading">${action.label}</h3>
        ${action.to && html`<p class="muted">${t('actions.leads_to', { step: action.toTitle || action.to })}</p>`}
        ${action.requires.length === 0 && html`<p>${t('actions.no_fields')}</p>`}
        ${action.requires.map(
          (f) => html`<${FieldInput} key=${f.name} field=${f} idPrefix=${`f-${action.key.replace(/[^a-z0-9_-]/gi, '-')}`}
            value=${values[f.name]} error=${fieldErrors[f.name]} routine=${routine}
            onChange=${(v) => onChange(action.key, f.name, v)} />`,
        )}
        ${general && html`<div class="ds-alert" data-color="danger" role="alert"><p>${general}</p></div>`}
        <div class="button-row">
          <button type="submit" class="ds-button" data-variant="primary" disabled=${busy}>${t('actions.submit', { action: action.label })}</button>
          <button type="button" class="ds-button" data-variant="tertiary" onClick=${onCancel}>${t('common.cancel')}</button>
        </div>
      </form>`}
    </div>`;
  }
}
