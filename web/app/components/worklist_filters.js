// Filters for the worklist: step, level, overdue only, status. Each change
// reloads the list from the server (the server filters; this form only
// says what to ask for).
import { html } from '../html.js';
import { t } from '../i18n.js';
import { stepTitle } from '../store.js';

export function WorklistFilters({ routine, filters, onChange }) {
  const set = (k, v) => onChange({ ...filters, [k]: v });
  const steps = (routine && routine.steps) || [];
  const levels = [...new Set(steps.map((s) => s.level))].sort();
  return html`<form class="filters" aria-label=${t('filters.label')} onSubmit=${(e) => e.preventDefault()}>
    <div class="ds-field">
      <label class="ds-label" for="filter-step">${t('filters.step')}</label>
      <select class="ds-input" id="filter-step" onChange=${(e) => set('step', e.currentTarget.value)}>
        <option value="" selected=${!filters.step}>${t('filters.all')}</option>
        ${steps.map((s) => html`<option value=${s.id} selected=${filters.step === s.id}>${stepTitle(routine, s.id)}</option>`)}
      </select>
    </div>
    <div class="ds-field">
      <label class="ds-label" for="filter-level">${t('filters.level')}</label>
      <select class="ds-input" id="filter-level" onChange=${(e) => set('level', e.currentTarget.value)}>
        <option value="" selected=${filters.level === ''}>${t('filters.all')}</option>
        ${levels.map((l) => html`<option value=${String(l)} selected=${filters.level === String(l)}>${t('case.level_n', { level: l })}</option>`)}
      </select>
    </div>
    <div class="ds-field">
      <label class="ds-label" for="filter-status">${t('filters.status')}</label>
      <select class="ds-input" id="filter-status" onChange=${(e) => set('status', e.currentTarget.value)}>
        ${['open', 'closed', 'any'].map((s) => html`<option value=${s} selected=${filters.status === s}>${t(`filters.status.${s}`)}</option>`)}
      </select>
    </div>
    <div class="ds-field filter-check">
      <input class="ds-input" type="checkbox" id="filter-overdue" checked=${filters.overdue}
        onChange=${(e) => set('overdue', e.currentTarget.checked)} />
      <label class="ds-label" data-weight="regular" for="filter-overdue">${t('filters.overdue')}</label>
    </div>
  </form>`;
}
