// One stored version of a routine as its diagram (the same component the
// team's routine page draws), with a step's details when one is chosen.
import { html, Component } from '../html.js';
import { t, pick } from '../i18n.js';
import { findStep } from '../store.js';
import { problemText } from '../problems.js';
import { routineVersion } from '../admin_api.js';
import { AdminNav } from '../components/admin/admin_nav.js';
import { RoutineDiagram } from '../components/routine_diagram.js';
import { StepDetail } from '../components/step_detail.js';

export class AdminVersionPage extends Component {
  constructor() {
    super();
    this.state = { routine: null, error: null, selected: null };
  }

  async componentDidMount() {
    try {
      this.setState({ routine: await routineVersion(this.props.id, this.props.version) });
    } catch (e) {
      this.setState({ error: problemText(e) });
    }
  }

  select(id) {
    this.setState({ selected: id }, () => {
      const el = document.getElementById('step-detail-heading');
      if (el) el.focus();
    });
  }

  render({ id, version }) {
    const { routine, error, selected } = this.state;
    const step = routine && findStep(routine, selected);
    const current = routine && routine.summary && routine.summary.current;
    return html`<div class="admin-page routine-page">
      <${AdminNav} current="routines" />
      <p class="back"><a class="ds-link" href="#/admin">${t('admin.version.back')}</a></p>
      <h1>${t('admin.version.heading', { id, version })}</h1>
      ${error && html`<div class="ds-alert" data-color="danger" role="alert">${error}</div>`}
      ${!routine && !error && html`<p role="status">${t('common.loading')}</p>`}
      ${routine &&
      html`<p class="lead">${pick(routine.titles || routine.title, id)}</p>
        <p>${current === false ? t('admin.version.is_older') : t('admin.version.is_current')}</p>
        <div class="routine-layout">
          <${RoutineDiagram} routine=${routine} selected=${selected} onSelect=${(s) => this.select(s)} />
          <div class="routine-detail" aria-live="polite">
            ${step ? html`<${StepDetail} step=${step} routine=${routine} onSelect=${(s) => this.select(s)} />` : html`<p class="muted">${t('routine.choose_step')}</p>`}
          </div>
        </div>`}
    </div>`;
  }
}
