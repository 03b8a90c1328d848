// One form field built from a routine's field spec (`requires`): text,
// date, datetime, service, services, choice, integer, boolean. Every
// field has a label; an error sits under it and is tied to it with
// aria-describedby. Free text uses the PII guard while typing.
import { html } from '../html.js';
import { t, pick } from '../i18n.js';
import { serviceName } from '../store.js';
import { PiiTextarea } from './pii_textarea.js';

export function optionLabel(field, option) {
  if (option && typeof option === 'object') return pick(option.label_i18n || option.label, option.value || option.id);
  const key = `${field.optionPrefix || 'option.'}${option}`;
  const text = t(key);
  return text === key ? String(option).replace(/_/g, ' ') : text;
}

const optionValue = (o) => (o && typeof o === 'object' ? o.value || o.id : o);

export function FieldInput({ field, idPrefix, value, error, onChange, routine }) {
  const id = `${idPrefix}-${field.name}`;
  const errId = `${id}-error`;
  const optional = field.required ? '' : html` <span class="muted">${t('form.optional')}</span>`;
  const errorEl = error && html`<p class="ds-validation-message" data-color="danger" id=${errId}>${error}</p>`;
  const helpEl = field.help && html`<p class="ds-paragraph field-desc" data-size="sm" id=${`${id}-help`}>${field.help}</p>`;
  const described = [field.help ? `${id}-help` : '', error ? errId : ''].filter(Boolean).join(' ') || undefined;
  const invalid = error ? 'true' : undefined;

  switch (field.type) {
    case 'text':
      return html`<${PiiTextarea} id=${id} label=${field.label} value=${value || ''} error=${error}
        required=${field.required} rows=${4} onInput=${onChange} />`;
    case 'boolean':
      return html`<div class="ds-field choice">
        <input class="ds-input" type="checkbox" id=${id} checked=${Boolean(value)} aria-invalid=${invalid}
          aria-describedby=${described} onChange=${(e) => onChange(e.currentTarget.checked)} />
        <label class="ds-label" data-weight="regular" for=${id}>${field.label}</label>
        ${helpEl}${errorEl}
      </div>`;
    case 'services': {
      const chosen = value || [];
      const services = field.services || ((routine && routine.services) || []).map((s) => s.id);
      return html`<fieldset class="ds-fieldset" id=${id} tabindex="-1" aria-describedby=${described}>
        <legend class="ds-label">${field.label}${optional}</legend>
        ${helpEl}
        <div class="choice-grid">
          ${services.map(
            (s) => html`<div class="ds-field choice">
              <input class="ds-input" type="checkbox" id=${`${id}-${s}`} checked=${chosen.includes(s)} aria-invalid=${invalid}
                onChange=${(e) => onChange(e.currentTarget.checked ? [...chosen, s] : chosen.filter((x) => x !== s))} />
              <label class="ds-label" data-weight="regular" for=${`${id}-${s}`}>${serviceName(routine, s)}</label>
            </div>`,
          )}
        </div>
        ${errorEl}
      </fieldset>`;
    }
    case 'service':
    case 'choice': {
      const options = field.type === 'service' ? field.services || ((routine && routine.services) || []).map((s) => s.id) : field.options || [];
      const label = (o) => (field.type === 'service' ? serviceName(routine, o) : optionLabel(field, o));
      return html`<div class="ds-field">
        <label class="ds-label" for=${id}>${field.label}${optional}</label>
        ${helpEl}
        <select class="ds-input" id=${id} aria-invalid=${invalid} aria-describedby=${described}
          onChange=${(e) => onChange(e.currentTarget.value)}>
          <option value="" selected=${!value}>${t('form.choose')}</option>
          ${options.map((o) => html`<option value=${optionValue(o)} selected=${value === optionValue(o)}>${label(o)}</option>`)}
        </select>
        ${errorEl}
      </div>`;
    }
    default: {
      const type = { date: 'date', datetime: 'datetime-local', integer: 'number' }[field.type] || 'text';
      return html`<div class="ds-field">
        <label class="ds-label" for=${id}>${field.label}${optional}</label>
        ${helpEl}
        <input class="ds-input" type=${type} id=${id} value=${value || ''} aria-invalid=${invalid} aria-describedby=${described}
          step=${field.type === 'integer' ? '1' : undefined} inputmode=${field.type === 'integer' ? 'numeric' : undefined}
          onInput=${(e) => onChange(e.currentTarget.value)} />
        ${errorEl}
      </div>`;
    }
  }
}
