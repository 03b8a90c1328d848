// What the caller may do on a case, as forms: one normalised shape for the
// server's `actions` (every command the caller may give now) and, from an
// older server, `allowed` (outcomes only). Each action knows its fields
// and how its values become a command body.
//
//   {key, type, outcome?, label, to?, requires: [field], danger?}
//   field = {name, type, required, label, options?, services?}
import { t, pick } from './i18n.js';

// Commands that are not outcomes, in the order the page shows them.
const ORDER = ['accept_baton', 'decline_baton', 'consent', 'offer_baton', 'note', 'confirm_child_welfare_report', 'withdraw_consent', 'close'];

function ownFields(a, routine, session) {
  const all = ((routine && routine.services) || []).map((s) => s.id);
  switch (a.type) {
    case 'note':
      return [{ name: 'text', type: 'text', required: true, label: t('action.note.text') }];
    case 'consent':
      return [
        { name: 'given_by', type: 'choice', required: true, label: t('action.consent.given_by'), options: a.given_by || ['guardians', 'young_person'], optionPrefix: 'consent.given_by.' },
        { name: 'services', type: 'services', required: true, label: t('action.consent.services'), services: a.services || all },
        { name: 'valid_until', type: 'date', required: false, label: t('action.consent.valid_until'), help: t('action.consent.valid_until_help') },
      ];
    case 'offer_baton':
      return [{ name: 'to', type: 'service', required: true, label: t('action.offer_baton.to'), services: a.services || all.filter((s) => s !== session.service) }];
    case 'close':
      return [{ name: 'reason', type: 'text', required: true, label: t('action.close.reason') }];
    default:
      return [];
  }
}

function normaliseField(f) {
  return {
    ...f,
    required: f.required !== false,
    label: pick(f.label_i18n || f.label, f.name),
    options: f.options || f.choices,
  };
}

// An outcome's label from the routine; the engine's built-in outcomes
// (suspected_abuse) have none in the file and are named by the catalogue.
export function outcomeLabel(a) {
  const own = pick(a.label_i18n || a.label, '');
  if (own) return own;
  const key = `outcome.${a.outcome}`;
  const s = t(key);
  return s === key ? a.outcome : s;
}

// A server without `actions` lists only outcomes; these are the commands
// the engine takes besides, offered where they plausibly apply (the server
// still decides, and a refusal is shown as its 409).
function legacyCommands(kase, session) {
  if (kase.status !== 'open') return [];
  const me = session && session.service;
  const b = kase.baton || {};
  const out = [{ type: 'note' }, { type: 'consent' }];
  if (b.state === 'offered' && b.offered_to === me) out.push({ type: 'accept_baton' }, { type: 'decline_baton' });
  if (b.state !== 'offered' && (b.holder === me || (b.state === 'none' && kase.responsible === me))) out.push({ type: 'offer_baton' });
  if (kase.child_welfare_reported_at && !kase.child_welfare_confirmed_at) out.push({ type: 'confirm_child_welfare_report' });
  if (kase.responsible === me || kase.reporter === me) out.push({ type: 'close' });
  return out;
}

export function actionKey(a) {
  return a.type === 'outcome' ? `outcome:${a.outcome}` : a.type;
}

export function normaliseActions(kase, routine, session) {
  let list;
  if (Array.isArray(kase.actions)) {
    list = kase.actions.filter((a) => a.type !== 'report_child_welfare');
  } else {
    list = (kase.allowed || []).map((a) => ({ type: 'outcome', ...a }));
    list.push(...legacyCommands(kase, session));
  }
  const out = list.map((a) => {
    const isOutcome = a.type === 'outcome';
    return {
      ...a,
      key: actionKey(a),
      label: isOutcome ? outcomeLabel(a) : t(`action.${a.type}`),
      requires: isOutcome ? (a.requires || []).map(normaliseField) : ownFields(a, routine, session),
    };
  });
  const rank = (a) => (a.type === 'outcome' ? -1 : ORDER.indexOf(a.type) === -1 ? ORDER.length : ORDER.indexOf(a.type));
  return out.sort((x, y) => rank(x) - rank(y));
}

// The command body for an action and the values the user gave.
export function commandBody(action, values) {
  const get = (f) => toValue(f, values[f.name]);
  if (action.type === 'outcome') {
    const fields = {};
    for (const f of action.requires) {
      const v = get(f);
      if (v !== undefined) fields[f.name] = v;
    }
    const body = { type: 'outcome', outcome: action.outcome };
    if (Object.keys(fields).length) body.fields = fields;
    return body;
  }
  const body = { type: action.type };
  for (const f of action.requires) {
    const v = get(f);
    if (v !== undefined) body[f.name] = v;
  }
  return body;
}

// A form value as the API takes it; undefined for "not given".
export function toValue(field, raw) {
  switch (field.type) {
    case 'boolean':
      return raw === undefined ? (field.required ? false : undefined) : Boolean(raw);
    case 'integer':
      if (raw === undefined || raw === '') return undefined;
      return Number.isInteger(Number(raw)) ? Number(raw) : raw;
    case 'services':
      return raw && raw.length ? raw : undefined;
    case 'datetime':
      if (!raw) return undefined;
      return Number.isNaN(new Date(raw).getTime()) ? raw : new Date(raw).toISOString();
    default:
      return raw === undefined || raw === '' ? undefined : raw;
  }
}

// Fields the user must fill before the form may be sent, as {name: message}.
export function missingFields(action, values) {
  const errors = {};
  for (const f of action.requires) {
    if (!f.required || f.type === 'boolean') continue;
    const v = toValue(f, values[f.name]);
    if (v === undefined || (typeof v === 'string' && !v.trim())) errors[f.name] = t('form.required', { label: f.label });
  }
  return errors;
}
