// A month as two selects, month name and year, in a fieldset: every
// browser shows it in the page's language (the native month field shows
// the browser's, and some browsers have none), and it is plain to use
// with the keyboard. value and onChange carry "YYYY-MM".
import { html } from '../html.js';
import { t } from '../i18n.js';

export function MonthPicker({ id, legend, value, years, onChange, invalid, describedBy }) {
  const [y, m] = (value || '').split('-');
  const set = (year, month) => onChange(`${year}-${month}`);
  const allYears = [...new Set([...years, Number(y)].filter(Boolean))].sort((a, b) => a - b);
  return html`<fieldset class="ds-fieldset month-picker" aria-describedby=${describedBy}>
    <legend class="ds-label">${legend}</legend>
    <div class="month-picker-row">
      <div class="ds-field">
        <label class="ds-label" data-weight="regular" for=${`${id}-month`}>${t('dash.form.month')}</label>
        <select class="ds-input" id=${`${id}-month`} aria-invalid=${invalid ? 'true' : undefined} onChange=${(e) => set(y, e.currentTarget.value)}>
          ${Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(2, '0')).map(
            (mm) => html`<option value=${mm} selected=${mm === m}>${t(`month.${Number(mm)}`)}</option>`,
          )}
        </select>
      </div>
      <div class="ds-field">
        <label class="ds-label" data-weight="regular" for=${`${id}-year`}>${t('dash.form.year')}</label>
        <select class="ds-input" id=${`${id}-year`} aria-invalid=${invalid ? 'true' : undefined} onChange=${(e) => set(e.currentTarget.value, m)}>
          ${allYears.map((yy) => html`<option value=${String(yy)} selected=${String(yy) === y}>${yy}</option>`)}
        </select>
      </div>
    </div>
  </fieldset>`;
}
