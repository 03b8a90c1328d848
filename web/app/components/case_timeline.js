// The stafettlogg as a timeline: who (service and role), when, what, in
// sentences. Free text is rendered as a text node (Preact escapes it), so
// a note can never become markup.
import { html } from '../html.js';
import { t, pick } from '../i18n.js';
import { stepTitle, serviceName, findStep } from '../store.js';
import { formatDateTime, formatPlainDate } from '../format.js';
import { optionLabel } from './field_input.js';
import { outcomeLabel } from '../actions.js';

function outcomeOf(routine, stepId, name) {
  const step = findStep(routine, stepId);
  return step && (step.outcomes || []).find((o) => o.name === name);
}

function fieldSpec(routine, stepId, outcomeName, fieldName) {
  const step = findStep(routine, stepId);
  const o = outcomeOf(routine, stepId, outcomeName);
  const all = [...((step && step.requires) || []), ...((o && o.requires) || [])];
  return all.find((f) => f.name === fieldName);
}

function fieldValue(routine, spec, v) {
  if (Array.isArray(v)) return v.map((x) => (spec && spec.type === 'services' ? serviceName(routine, x) : x)).join(', ');
  if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
  if (!spec) return String(v);
  if (spec.type === 'service') return serviceName(routine, v);
  if (spec.type === 'date') return formatPlainDate(v);
  if (spec.type === 'datetime') return formatDateTime(v);
  if (spec.type === 'choice') return optionLabel(spec, v);
  return String(v);
}

export function isOutcomeName(routine, name) {
  return Boolean(name && routine && (routine.steps || []).some((s) => (s.outcomes || []).some((o) => o.name === name)));
}

export function entrySentence(e, routine) {
  const d = e.detail || {};
  const who = e.by && e.by.service ? t('log.who', { service: serviceName(routine, e.by.service), role: t(`role.${e.by.role}`) }) : t('log.system');
  const step = stepTitle(routine, e.step);
  switch (e.kind) {
    case 'outcome': {
      const name = d.outcome || e.outcome;
      const o = outcomeOf(routine, e.step, name);
      const label = o ? pick(o.label_i18n || o.label, name) : outcomeLabel({ outcome: name });
      return t('log.outcome', { who, label: label || '' });
    }
    case 'step_entered':
      return t('log.step_entered', { step });
    case 'consent_given':
      return t('log.consent_given', {
        who,
        by: d.given_by ? t(`consent.given_by.${d.given_by}`) : '',
        services: (d.services || []).map((s) => serviceName(routine, s)).join(', '),
        until: d.valid_until ? formatPlainDate(d.valid_until) : '',
      });
    case 'baton_offered':
      return t('log.baton_offered', { who, to: serviceName(routine, d.to || d.offered_to || '') });
    case 'closed':
      // An outcome that ends the case records its name as the reason; the
      // outcome's own entry already says it. Only a typed reason is shown.
      return isOutcomeName(routine, d.reason) || !d.reason ? t('log.closed_plain', { who }) : t('log.closed', { who, reason: d.reason });
    default: {
      const key = `log.${e.kind}`;
      const s = t(key, { who, step });
      return s === key ? t('log.other', { who, kind: e.kind }) : s;
    }
  }
}

function Details({ e, routine }) {
  const d = e.detail || {};
  const fields = e.kind === 'outcome' ? d.fields || Object.fromEntries(Object.entries(d).filter(([k]) => k !== 'outcome' && k !== 'to')) : null;
  const entries = fields ? Object.entries(fields) : [];
  return html`
    ${entries.length > 0 &&
    html`<dl class="log-fields">
      ${entries.map(([k, v]) => {
        const spec = fieldSpec(routine, e.step, d.outcome, k);
        return html`<div><dt>${spec ? pick(spec.label_i18n || spec.label, k) : k}</dt><dd>${fieldValue(routine, spec, v)}</dd></div>`;
      })}
    </dl>`}
    ${e.text && html`<blockquote class="log-text">${e.text}</blockquote>`}`;
}

// An outcome or the opening of a case is followed at once by the entry for
// the step it leads to; the two are one event to a reader ("chose X; the
// case moved to Y"), so the step is folded into the entry before it.
export function foldEntries(entries) {
  const out = [];
  for (const e of entries) {
    const prev = out[out.length - 1];
    if (e.kind === 'step_entered' && prev && !prev.then && (prev.kind === 'outcome' || prev.kind === 'case_opened') && prev.at === e.at) {
      out[out.length - 1] = { ...prev, then: e };
    } else {
      out.push(e);
    }
  }
  return out;
}

export function CaseTimeline({ log, routine }) {
  if (!log) return html`<p role="status">${t('common.loading')}</p>`;
  const entries = foldEntries(log.entries || []);
  return html`<ol class="timeline">
    ${entries.map(
      (e) => html`<li key=${e.seq} class=${`timeline-item kind-${e.kind}`}>
        <p class="log-when"><time datetime=${e.at}>${formatDateTime(e.at)}</time>
          ${e.level != null && html` · ${t('case.level_n', { level: e.level })}`}</p>
        <p class="log-what">${entrySentence(e, routine)}</p>
        <${Details} e=${e} routine=${routine} />
        ${e.then && html`<p class="log-then">${entrySentence(e.then, routine)}</p>`}
      </li>`,
    )}
  </ol>`;
}
