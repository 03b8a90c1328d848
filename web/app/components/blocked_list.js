// What the caller may not do now, and why: the reason in words, with the
// missing pieces (services missing from consent, the step's owner) named.
import { html } from '../html.js';
import { t, pick } from '../i18n.js';
import { serviceName, findStep } from '../store.js';
import { outcomeLabel } from '../actions.js';

// A blocked outcome carries its name only; its label is the routine's,
// from the case's current step. Without a name it stands for every outcome
// (a closed case).
export function blockedLabel(b, routine, stepId) {
  if (b.type !== 'outcome') return t(`action.${b.type}`);
  if (!b.outcome) return t('blocked.all_outcomes');
  if (b.label) return pick(b.label, b.outcome);
  const step = findStep(routine, stepId);
  const o = step && (step.outcomes || []).find((x) => x.name === b.outcome);
  return o ? pick(o.label_i18n || o.label, b.outcome) : outcomeLabel({ outcome: b.outcome });
}

export function blockedReason(b, routine) {
  const missing = b.missing || {};
  const services = (missing.services || []).map((s) => serviceName(routine, s)).join(', ');
  const key = `blocked.${b.reason}`;
  const translated = t(key, { services, service: serviceName(routine, b.responsible || missing.responsible || missing.service) });
  if (b.reason === 'consent_missing' && !services) return t('blocked.consent_missing_none');
  if (translated !== key) return translated;
  if (b.message) return pick(b.message);
  return t('blocked.other');
}

export function BlockedList({ blocked, routine, stepId }) {
  if (!blocked || !blocked.length) return null;
  return html`<div class="blocked">
    <h3 class="ds-heading" data-size="xs">${t('blocked.title')}</h3>
    <ul class="blocked-list">
      ${blocked.map(
        (b) => html`<li><strong>${blockedLabel(b, routine, stepId)}:</strong> ${blockedReason(b, routine)}</li>`,
      )}
    </ul>
  </div>`;
}
