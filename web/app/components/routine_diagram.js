// The routine's steps by level: a column per level ("Nivå 0".."Nivå 3"),
// the steps in file order, each a button showing its title, responsible
// service and deadline in words. Closed (terminal) steps sit apart.
// With `compliance` (the dashboard: step id -> {text, band}), each open
// step also shows its on-time share, in words and by colour band.
import { html } from '../html.js';
import { t, pick } from '../i18n.js';
import { stepTitle, serviceName } from '../store.js';
import { durationWords } from '../format.js';

export function responsibleText(routine, step) {
  if (step.responsible === 'reporter') return t('routine.responsible.reporter');
  if (step.responsible === 'baton') return t('routine.responsible.baton');
  return step.responsible_name ? pick(step.responsible_name) : serviceName(routine, step.responsible);
}

export function RoutineDiagram({ routine, selected, onSelect, compliance }) {
  const steps = routine.steps || [];
  const open = steps.filter((s) => s.kind !== 'closed');
  const closed = steps.filter((s) => s.kind === 'closed');
  const levels = [...new Set(open.map((s) => s.level))].sort();
  const share = (s) => compliance && s.kind !== 'closed' && (compliance[s.id] || compliance['']);
  const card = (s) => html`<li>
    <button type="button" class=${`step-card level-${s.level}${s.id === selected ? ' selected' : ''}${s.id === routine.initial ? ' initial' : ''}${share(s) ? ` ${share(s).band}` : ''}`}
      aria-pressed=${s.id === selected ? 'true' : 'false'} onClick=${() => onSelect(s.id)}>
      <span class="step-title">${stepTitle(routine, s.id)}</span>
      ${s.kind !== 'closed' &&
      html`<span class="step-meta">${responsibleText(routine, s)}</span>
        <span class="step-meta">${s.deadline ? t('routine.deadline', { words: durationWords(s) }) : t('routine.no_deadline')}</span>`}
      ${share(s) && html`<span class="step-share">${share(s).text}</span>`}
      ${s.id === routine.initial && html`<span class="ds-tag" data-color="info">${t('routine.start')}</span>`}
    </button>
  </li>`;
  return html`<div class="routine-diagram">
    ${levels.map(
      (l) => html`<section class="level-column" aria-labelledby=${`level-${l}-heading`}>
        <h2 class="ds-heading level-heading" data-size="2xs" id=${`level-${l}-heading`}>${t('case.level_n', { level: l })}</h2>
        <ol class="step-list">${open.filter((s) => s.level === l).map(card)}</ol>
      </section>`,
    )}
    <section class="level-column closed-column" aria-labelledby="level-closed-heading">
      <h2 class="ds-heading level-heading" data-size="2xs" id="level-closed-heading">${t('routine.ends')}</h2>
      <ul class="step-list">${closed.map(card)}</ul>
    </section>
  </div>`;
}
