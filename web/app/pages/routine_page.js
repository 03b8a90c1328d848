// The routine as a diagram: one column per level, each step a card with
// its responsible service and deadline in words; choosing a step shows its
// fields and outcomes. Drawn with HTML and CSS from GET
// /api/v1/routines/{id}, so it reflows at 320 px and reads in order.
import { html, Component } from '../html.js';
import { t } from '../i18n.js';
import { routineTitle, findStep, stepTitle } from '../store.js';
import { RoutineDiagram } from '../components/routine_diagram.js';
import { StepDetail } from '../components/step_detail.js';

export class RoutinePage extends Component {
  constructor(props) {
    super(props);
    this.state = { selected: props.step || null };
  }

  select(id) {
    this.setState({ selected: id }, () => {
      const el = document.getElementById('step-detail-heading');
      if (el) el.focus();
    });
  }

  render({ routine }) {
    if (!routine) return html`<div><h1>${t('routine.title')}</h1><p role="status">${t('common.loading')}</p></div>`;
    const step = findStep(routine, this.state.selected);
    return html`<div class="routine-page">
      <p class="eyebrow">${t('routine.title')}</p>
      <h1>${routineTitle(routine)}</h1>
      <p class="lead">${t('routine.intro')}</p>
      <div class="routine-layout">
        <${RoutineDiagram} routine=${routine} selected=${this.state.selected} onSelect=${(id) => this.select(id)} />
        <div class="routine-detail" aria-live="polite">
          ${step
            ? html`<${StepDetail} step=${step} routine=${routine} onSelect=${(id) => this.select(id)} />`
            : html`<p class="muted">${t('routine.choose_step')}</p>`}
        </div>
      </div>
      ${routine.abuse_step && html`<p class="routine-note">${t('routine.abuse_note', { step: stepTitle(routine, routine.abuse_step) })}</p>`}
    </div>`;
  }
}
