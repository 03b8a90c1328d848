// Log a concern: age band, categories and what was seen or heard.
//
// The text is kept in this page's state and only cleared by leaving the
// page after a successful submit: a 422 (the PII guard, a bad value) puts
// the message beside the field it names and in the error summary, and
// everything the user typed stays.
import { html, Component } from '../html.js';
import { t } from '../i18n.js';
import { post } from '../api.js';
import { navigate } from '../router.js';
import { problemText } from '../problems.js';
import { ErrorSummary } from '../components/error_summary.js';
import { PiiTextarea } from '../components/pii_textarea.js';

export const AGE_BANDS = ['0-2', '3-5', '6-12', '13-15', '16-18', '19-24'];
export const CATEGORIES = ['språk', 'trivsel', 'atferd', 'helse', 'omsorg', 'læring', 'fravær', 'familie'];

const FIELD_IDS = { age_band: 'concern-age-0-2', categories: 'concern-cat-0', text: 'concern-text' };

export class NewConcernPage extends Component {
  constructor() {
    super();
    this.state = { ageBand: '', categories: [], text: '', errors: {}, general: null, busy: false };
  }

  toggleCategory(c, on) {
    const set = new Set(this.state.categories);
    if (on) set.add(c);
    else set.delete(c);
    this.setState({ categories: CATEGORIES.filter((x) => set.has(x)) });
  }

  validate() {
    const errors = {};
    if (!this.state.ageBand) errors.age_band = t('concern.error.age_band');
    if (!this.state.text.trim()) errors.text = t('concern.error.text');
    return errors;
  }

  async submit(ev) {
    ev.preventDefault();
    const errors = this.validate();
    if (Object.keys(errors).length) {
      this.setState({ errors, general: null });
      return;
    }
    this.setState({ busy: true, errors: {}, general: null });
    try {
      const body = { age_band: this.state.ageBand, categories: this.state.categories, text: this.state.text };
      const { data } = await post('/api/v1/cases', body, { idempotent: true });
      navigate(`/cases/${data.id}`);
    } catch (e) {
      const field = e.field && e.field.replace(/\[\d+\]$/, '');
      if (e.status === 422 && FIELD_IDS[field]) {
        this.setState({ busy: false, errors: { [field]: problemText(e) } });
      } else {
        this.setState({ busy: false, general: problemText(e) });
      }
    }
  }

  render() {
    const { ageBand, categories, text, errors, general, busy } = this.state;
    const summary = Object.entries(errors).map(([k, v]) => ({ id: FIELD_IDS[k], text: v }));
    return html`<div class="narrow">
      <h1>${t('concern.title')}</h1>
      <p class="lead">${t('concern.intro')}</p>
      <${ErrorSummary} errors=${summary} />
      ${general && html`<div class="ds-alert" data-color="danger" role="alert"><p>${general}</p></div>`}
      <form class="stack" onSubmit=${(e) => this.submit(e)} novalidate>
        <fieldset class="ds-fieldset" aria-describedby=${errors.age_band ? 'concern-age-error' : undefined}>
          <legend class="ds-label">${t('concern.age_band')}</legend>
          <div class="choice-grid">
            ${AGE_BANDS.map(
              (a) => html`<div class="ds-field choice">
                <input class="ds-input" type="radio" name="age_band" id=${`concern-age-${a}`} value=${a}
                  checked=${ageBand === a} aria-invalid=${errors.age_band ? 'true' : undefined}
                  onChange=${() => this.setState({ ageBand: a })} />
                <label class="ds-label" data-weight="regular" for=${`concern-age-${a}`}>${t('concern.age_years', { band: a.replace('-', '–') })}</label>
              </div>`,
            )}
          </div>
          ${errors.age_band && html`<p class="ds-validation-message" data-color="danger" id="concern-age-error">${errors.age_band}</p>`}
        </fieldset>
        <fieldset class="ds-fieldset">
          <legend class="ds-label">${t('concern.categories')} <span class="muted">${t('form.optional')}</span></legend>
          <div class="choice-grid">
            ${CATEGORIES.map(
              (c, i) => html`<div class="ds-field choice">
                <input class="ds-input" type="checkbox" id=${`concern-cat-${i}`} value=${c}
                  checked=${categories.includes(c)} onChange=${(e) => this.toggleCategory(c, e.currentTarget.checked)} />
                <label class="ds-label" data-weight="regular" for=${`concern-cat-${i}`}>${t(`category.${c}`)}</label>
              </div>`,
            )}
          </div>
          ${errors.categories && html`<p class="ds-validation-message" data-color="danger">${errors.categories}</p>`}
        </fieldset>
        <${PiiTextarea} id="concern-text" label=${t('concern.text')} description=${t('concern.text_help')}
          value=${text} error=${errors.text} required=${true} rows=${7}
          onInput=${(v) => this.setState({ text: v })} />
        <div class="button-row">
          <button type="submit" class="ds-button" data-variant="primary" disabled=${busy}>${t('concern.submit')}</button>
          <a class="ds-button" data-variant="tertiary" href="#/">${t('common.cancel')}</a>
        </div>
      </form>
    </div>`;
  }
}
