// The bar at the top of every page: the name, the navigation, who is
// signed in, the language switch and signing out.
//
// The navigation is by role (roles.js): a link is shown only to a role the
// server lets through. To add a page: one line in NAV below.
import { html } from '../html.js';
import { t } from '../i18n.js';
import { canWorkCases, canReadReports, homeFor } from '../roles.js';
import { LanguageSwitch } from './language_switch.js';

// [route name, hash, catalogue key, who sees it (role => bool)]. A name
// ending in "." is a family of routes ("admin." is current on every
// "admin.*" route).
const NAV = [
  ['worklist', '#/', 'nav.worklist', canWorkCases],
  ['new', '#/new', 'nav.new', canWorkCases],
  ['dashboard', '#/dashboard', 'dash.nav', canReadReports],
  ['routine', '#/routine', 'nav.routine', () => true],
  ['admin.', '#/admin', 'admin.nav', (role) => role === 'admin'],
];

export function TopBar({ session, serviceLabel, route, lang, onLanguage, onSignOut }) {
  const current = (name) => route === name || (name.endsWith('.') && String(route).startsWith(name));
  const link = ([name, href, key]) =>
    html`<li><a class="nav-link" href=${href} aria-current=${current(name) ? 'page' : undefined}>${t(key)}</a></li>`;
  return html`
    <header class="topbar">
      <div class="topbar-inner">
        <a class="brand" href=${session ? `#${homeFor(session.role)}` : '#/'}><span class="brand-mark" aria-hidden="true"></span>Stafett</a>
        ${session &&
        html`<nav aria-label=${t('nav.label')}>
          <ul class="nav-list">
            ${NAV.filter((n) => n[3](session.role)).map(link)}
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
