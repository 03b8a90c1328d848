// The language switch: each language named in itself, remembered.
import { html } from '../html.js';
import { t, LANGUAGES } from '../i18n.js';

const NAMES = { nb: 'Bokmål', nn: 'Nynorsk', se: 'Davvisámegiella', en: 'English' };

export function LanguageSwitch({ lang, onChange }) {
  return html`
    <div class="lang-switch">
      <label for="lang-select" class="ds-label" data-weight="regular">${t('lang.label')}</label>
      <select id="lang-select" class="ds-input" data-size="sm" value=${lang} onChange=${(e) => onChange(e.currentTarget.value)}>
        ${LANGUAGES.map((l) => html`<option value=${l} lang=${l} selected=${l === lang}>${NAMES[l]}</option>`)}
      </select>
    </div>`;
}
