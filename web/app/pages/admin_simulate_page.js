// The simulator's answer (POST /api/v1/routines/simulate) as charts: the
// load on each service per month, and the expected missed deadlines per
// step; each chart has its table. The administrator chooses how many
// cases, over how many months, from which month.
import { html, Component } from '../html.js';
import { t } from '../i18n.js';
import { problemText } from '../problems.js';
import { simulate, routineVersion } from '../admin_api.js';
import { stepTitle, serviceName } from '../store.js';
import { AdminNav } from '../components/admin/admin_nav.js';
import { BarChart } from '../components/admin/bar_chart.js';
import { MonthChart } from '../components/admin/month_chart.js';
import { MonthPicker } from '../components/month_picker.js';

// The years a simulation may start in: this year and the next two (the
// picker adds the chosen one if it lies outside).
function startYears() {
  const y = new Date().getUTCFullYear();
  return [y, y + 1, y + 2];
}

function nextMonth() {
  const d = new Date();
  const m = d.getUTCMonth() + 2;
  const y = d.getUTCFullYear() + (m > 12 ? 1 : 0);
  return `${y}-${String(((m - 1) % 12) + 1).padStart(2, '0')}`;
}

function monthLabel(ym, short) {
  const [y, m] = ym.split('-');
  return short ? t(`month_short.${Number(m)}`) : `${t(`month.${Number(m)}`)} ${y}`;
}

const pct = (x) => `${Math.round(x * 100)} %`;

export class AdminSimulatePage extends Component {
  constructor() {
    super();
    this.state = { form: { cases: 500, months: 12, seed: 1, start: nextMonth() }, result: null, routine: null, busy: false, error: null };
  }

  async componentDidMount() {
    try {
      this.setState({ routine: await routineVersion(this.props.id) });
    } catch (e) {
      /* names fall back to ids */
    }
  }

  set(name, value) {
    this.setState({ form: { ...this.state.form, [name]: value } });
  }

  async run(ev) {
    ev.preventDefault();
    const f = this.state.form;
    this.setState({ busy: true, error: null });
    try {
      const data = await simulate(this.props.id, { cases: Number(f.cases), months: Number(f.months), seed: Number(f.seed), start: f.start });
      this.setState({ result: data.result, busy: false }, () => {
        const el = document.getElementById('sim-result-heading');
        if (el) el.focus();
      });
    } catch (e) {
      this.setState({ busy: false, error: problemText(e) });
    }
  }

  field(name, type, extra = {}) {
    return html`<div class=${`ds-field sim-${name}`}>
      <label class="ds-label" for=${`sim-${name}`}>${t(`admin.simulate.${name}`)}</label>
      <input class="ds-input" id=${`sim-${name}`} name=${name} type=${type} value=${this.state.form[name]} ...${extra}
        onInput=${(e) => this.set(name, e.currentTarget.value)} />
    </div>`;
  }

  render({ id }) {
    const { result, busy, error, routine } = this.state;
    const step = (s) => (routine ? stepTitle(routine, s) : s);
    const svc = (s) => (routine ? serviceName(routine, s) : s);
    // Steps without a deadline (the endings) can miss nothing: left out.
    const hasDeadline = (s) => !routine || !routine.steps || (routine.steps.find((x) => x.id === s) || {}).deadline != null;
    return html`<div class="admin-page">
      <${AdminNav} current="routines" />
      <p class="back"><a class="ds-link" href="#/admin">${t('admin.version.back')}</a></p>
      <h1>${t('admin.simulate.heading', { id })}</h1>
      <p class="lead">${t('admin.simulate.intro')}</p>
      <form class="sim-form" onSubmit=${(e) => this.run(e)}>
        ${this.field('cases', 'number', { min: 1, max: 20000, required: true })}
        ${this.field('months', 'number', { min: 1, max: 120, required: true })}
        <div class="ds-field sim-start">
          <${MonthPicker} id="sim-start" legend=${t('admin.simulate.start')} value=${this.state.form.start}
            years=${startYears()} onChange=${(v) => this.set('start', v)} />
        </div>
        ${this.field('seed', 'number', { min: 0, required: true })}
        <div class="sim-submit"><button type="submit" class="ds-button" disabled=${busy}>${busy ? t('admin.simulate.running') : t('admin.simulate.run')}</button></div>
      </form>
      ${error && html`<div class="ds-alert" data-color="danger" role="alert">${error}</div>`}
      ${result &&
      html`<section class="sim-result" aria-labelledby="sim-result-heading">
        <h2 class="ds-heading" data-size="sm" id="sim-result-heading" tabindex="-1">${t('admin.simulate.result', { cases: result.cases, months: result.months.length })}</h2>
        <ul class="figures">
          <li><span class="figure">${result.closed}</span> ${t('admin.simulate.closed')}</li>
          <li><span class="figure">${result.open}</span> ${t('admin.simulate.open')}</li>
          <li><span class="figure">${result.time_to_close.median_days}</span> ${t('admin.simulate.median_days')}</li>
          <li><span class="figure">${result.time_to_close.p90_days}</span> ${t('admin.simulate.p90_days')}</li>
        </ul>
        ${(result.bottlenecks || []).length > 0 && html`<p>${t('admin.simulate.bottlenecks', { steps: result.bottlenecks.map(step).join(', ') })}</p>`}
        <${MonthChart}
          id="chart-load"
          title=${t('admin.simulate.load_title')}
          months=${result.months}
          monthLabel=${monthLabel}
          series=${result.load.map((l) => ({ label: svc(l.service), values: l.steps_entered }))}
        />
        <${BarChart}
          id="chart-missed"
          title=${t('admin.simulate.missed_title')}
          valueLabel=${t('admin.simulate.missed')}
          columns=${[t('admin.simulate.step'), t('admin.simulate.missed'), t('admin.simulate.visits'), t('admin.simulate.missed_share'), t('admin.simulate.mean_days_col')]}
          rows=${result.steps
            .filter((s) => s.visits > 0 && hasDeadline(s.step))
            .map((s) => ({ label: step(s.step), value: s.missed, extra: [s.visits, pct(s.missed_share), s.mean_days] }))}
        />
      </section>`}
    </div>`;
  }
}
