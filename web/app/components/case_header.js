// The case at a glance: reference, step, level, phase, deadline,
// responsible service, baton and consent, in sentences a teacher reads.
import { html } from '../html.js';
import { t } from '../i18n.js';
import { stepTitle, serviceName, findStep } from '../store.js';
import { formatDeadline, formatPlainDate, formatDateTime } from '../format.js';
import { categoryLabel } from './category_label.js';
import { isOutcomeName } from './case_timeline.js';

export function batonSentence(c, routine) {
  const b = c.baton || {};
  // Before anyone has held the baton, the responsible service offers it.
  if (b.state === 'offered') return t('baton.offered', { holder: serviceName(routine, b.holder || c.responsible), to: serviceName(routine, b.offered_to) });
  if (b.state === 'held') return t('baton.held', { holder: serviceName(routine, b.holder) });
  return t('baton.none');
}

export function consentSentence(c, routine) {
  const k = c.consent || {};
  const services = (k.services || []).map((s) => serviceName(routine, s)).join(', ');
  switch (k.state) {
    case 'given':
      return t('consent.given', { by: t(`consent.given_by.${k.given_by}`), services, until: formatPlainDate(k.valid_until) });
    case 'expired':
      return t('consent.expired', { until: formatPlainDate(k.valid_until) });
    case 'withdrawn':
      return t('consent.withdrawn');
    default:
      return t('consent.none');
  }
}

export function CaseHeader({ kase, routine }) {
  const step = findStep(routine, kase.step);
  const closed = kase.status === 'closed';
  const item = (label, value, extra) => html`<div class="fact ${extra || ''}"><dt>${label}</dt><dd>${value}</dd></div>`;
  return html`<div class="case-header">
    <h1>${t('case.title', { reference: kase.reference })}</h1>
    <p class="case-step">
      ${closed ? html`<span class="ds-tag" data-color="neutral">${t('status.closed')}</span> ` : ''}
      ${kase.overdue ? html`<span class="ds-tag" data-color="danger">${t('deadline.overdue')}</span> ` : ''}
      <strong>${stepTitle(routine, kase.step) || kase.step_title}</strong>
    </p>
    <dl class="facts">
      ${item(t('case.level'), t('case.level_n', { level: kase.level }))}
      ${item(t('case.phase'), t(`phase.${kase.phase}`))}
      ${item(t('case.deadline'), closed ? t('deadline.none') : formatDeadline(kase.deadline && kase.deadline.due_at, step), kase.overdue ? 'fact-overdue' : '')}
      ${item(t('case.responsible'), serviceName(routine, kase.responsible))}
      ${item(t('case.baton'), batonSentence(kase, routine))}
      ${item(t('case.consent'), consentSentence(kase, routine))}
      ${item(t('case.age_band'), t('concern.age_years', { band: String(kase.age_band || '').replace('-', '–') }))}
      ${item(t('case.categories'), (kase.categories || []).length ? kase.categories.map(categoryLabel).join(', ') : t('case.no_categories'))}
      ${item(t('case.reporter'), serviceName(routine, kase.reporter))}
      ${closed && kase.closed_reason && !isOutcomeName(routine, kase.closed_reason) ? item(t('case.closed_reason'), kase.closed_reason) : ''}
      ${kase.child_welfare_reported_at ? item(t('case.child_welfare'), kase.child_welfare_confirmed_at
        ? t('cw.confirmed_at', { at: formatDateTime(kase.child_welfare_confirmed_at) })
        : t('cw.reported_at', { at: formatDateTime(kase.child_welfare_reported_at) })) : ''}
    </dl>
  </div>`;
}
