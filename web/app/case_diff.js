// What changed between two versions of a case, as sentences for the
// notice after a 412 ("someone else changed the case while you wrote").
import { t } from './i18n.js';
import { stepTitle, serviceName } from './store.js';
import { batonSentence, consentSentence } from './components/case_header.js';

export function caseChanges(before, after, routine) {
  if (!before || !after) return [];
  const out = [];
  const push = (label, from, to) => {
    if (from !== to) out.push(t('changed.item', { what: label, from, to }));
  };
  push(t('case.status'), t(`status.${before.status}`), t(`status.${after.status}`));
  push(t('case.step'), stepTitle(routine, before.step), stepTitle(routine, after.step));
  push(t('case.level'), String(before.level), String(after.level));
  push(t('case.responsible'), serviceName(routine, before.responsible), serviceName(routine, after.responsible));
  push(t('case.baton'), batonSentence(before, routine), batonSentence(after, routine));
  push(t('case.consent'), consentSentence(before, routine), consentSentence(after, routine));
  const due = (c) => (c.deadline && c.deadline.due_at) || '';
  if (due(before) !== due(after) || before.overdue !== after.overdue) out.push(t('changed.deadline'));
  if (!out.length && before.version !== after.version) out.push(t('changed.log_only'));
  return out;
}
