// One step of the routine: who is responsible, the deadline in words, the
// fields the step asks for, and where each outcome leads.
import { html } from '../html.js';
import { t, pick } from '../i18n.js';
import { stepTitle } from '../store.js';
import { durationWords } from '../format.js';
import { responsibleText } from './routine_diagram.js';
import { optionLabel } from './field_input.js';

function FieldList({ fields }) {
  if (!fields || !fields.length) return html`<p class="muted">${t('routine.no_fields')}</p>`;
  return html`<ul class="field-list">
    ${fields.map(
      (f) => html`<li>
        <strong>${pick(f.label_i18n || f.label, f.name)}</strong>
        <span class="muted"> · ${t(`fieldtype.${f.type}`)}${f.required === false ? ` · ${t('form.optional')}` : ''}</span>
        ${(f.choices || f.options || []).length > 0 && html`<span class="muted"> (${(f.choices || f.options).map((o) => optionLabel(f, o)).join(', ')})</span>`}
      </li>`,
    )}
  </ul>`;
}

export function StepDetail({ step, routine, onSelect }) {
  return html`<div class="step-detail ds-card">
    <h2 class="ds-heading" data-size="sm" id="step-detail-heading" tabindex="-1">${stepTitle(routine, step.id)}</h2>
    <dl class="facts compact">
      <div class="fact"><dt>${t('case.level')}</dt><dd>${t('case.level_n', { level: step.level })}</dd></div>
      <div class="fact"><dt>${t('case.phase')}</dt><dd>${t(`phase.${step.kind}`)}</dd></div>
      ${step.kind !== 'closed' && html`<div class="fact"><dt>${t('case.responsible')}</dt><dd>${responsibleText(routine, step)}</dd></div>`}
      ${step.kind !== 'closed' && html`<div class="fact"><dt>${t('case.deadline')}</dt><dd>${step.deadline ? durationWords(step) : t('routine.no_deadline')}</dd></div>`}
    </dl>
    <h3 class="ds-heading" data-size="xs">${t('routine.fields')}</h3>
    <${FieldList} fields=${step.requires} />
    ${(step.outcomes || []).length > 0 &&
    html`<h3 class="ds-heading" data-size="xs">${t('routine.outcomes')}</h3>
      <ul class="outcome-list">
        ${step.outcomes.map(
          (o) => html`<li>
            <strong>${pick(o.label_i18n || o.label, o.name)}</strong> →
            <button type="button" class="ds-button link-button" data-variant="tertiary" data-size="sm" onClick=${() => onSelect(o.to)}>
              ${stepTitle(routine, o.to)}
            </button>
            ${(o.requires || []).length > 0 && html`<div class="outcome-fields"><${FieldList} fields=${o.requires} /></div>`}
          </li>`,
        )}
      </ul>`}
  </div>`;
}
