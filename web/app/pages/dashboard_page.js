// The leaders' compliance dashboard (auditor, admin): filled in by the
// commits after the navigation.
import { html } from '../html.js';
import { t } from '../i18n.js';

export function DashboardPage() {
  return html`<div><h1>${t('dash.title')}</h1></div>`;
}
