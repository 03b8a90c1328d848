// What the caller may not do now, and why: the reason in words, with the
// missing pieces (services missing from consent, the step's owner) named.
import { html } from '../html.js';
import { t, pick } from '../i18n.js';
import { serviceName } from '../store.js';

export function blockedLabel(b) {
  if (b.type === 'outcome') return pick(b.label_i18n || b.label, b.outcome);
  return t(`action.${b.type}`);
}

export function blockedReason(b, routine) {
  const missing = b.missing || {};
  const services = (missing.services || []).map((s) => serviceName(routine, s)).join(', ');
  const key = `blocked.${b.reason}`;
  const translated = t(key, { services, service: serviceName(routine, missing.service || missing.responsible || (missing.services || [])[0]) });
  if (translated !== key) return translated;
  if (b.message) return pick(b.message);
  return t('blocked.other');
}

export function BlockedList({ blocked, routine }) {
  if (!blocked || !blocked.length) return null;
  return html`<div class="blocked">
    <h3 class="ds-heading" data-size="xs">${t('blocked.title')}</h3>
    <ul class="blocked-list">
      ${blocked.map(
        (b) => html`<li><strong>${blockedLabel(b)}:</strong> ${blockedReason(b, routine)}</li>`,
      )}
    </ul>
  </div>`;
}
