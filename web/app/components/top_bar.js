// The bar at the top of every page: the name, the navigation, who is
// signed in, the language switch and signing out.
import { html } from '../html.js';
import { t } from '../i18n.js';
import { LanguageSwitch } from './language_switch.js';

export function TopBar({ session, serviceLabel, route, lang, onLanguage, onSignOut, teamRole }) {
  const link = (href, name, label) =>
    html`<li><a class="nav-link" href=${href} aria-current=${route === name ? 'page' : undefined}>${label}</a></li>`;
  return html`
    <header class="topbar">
      <div class="topbar-inner">
        <a class="brand" href="#/"><span class="brand-mark" aria-hidden="true"></span>Stafett</a>
        ${session &&
        html`<nav aria-label=${t('nav.label')}>
          <ul class="nav-list">
            ${teamRole && link('#/', 'worklist', t('nav.worklist'))}
            ${teamRole && link('#/new', 'new', t('nav.new'))}
            ${link('#/routine', 'routine', t('nav.routine'))}
            ${session.role === 'admin' &&
            html`<li><a class="nav-link" href="#/admin" aria-current=${String(route).startsWith('admin.') ? 'page' : undefined}>${t('admin.nav')}</a></li>`}
          </ul>
        </nav>`}
        <div class="topbar-end">
          ${session &&
          html`<p class="whoami">
            <span class="ds-sr-only">${t('session.signed_in_as')} </span>
            <strong>${serviceLabel}</strong> · ${t(`role.${session.role}`)}
          </p>`}
          <${LanguageSwitch} lang=${lang} onChange=${onLanguage} />
          ${session &&
          html`<button type="button" class="ds-button" data-variant="tertiary" data-size="sm" onClick=${onSignOut}>
            ${t('session.sign_out')}
          </button>`}
        </div>
      </div>
    </header>`;
}
