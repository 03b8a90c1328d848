// The leaders' compliance dashboard (auditor and admin; roles.js): for a
// period of whole months and a grouping, is the routine followed? Key
// figures, on-time share per group (bars), the month trend (a line),
// overdue per service, the heat table of step × service, and the routine's
// diagram coloured by on-time share per step; every chart with its table.
// Downloads: the same report as CSV, and the kommuneanalyse for a span of
// years. Everything comes from GET /api/v1/reports/compliance (one request
// per grouping); the choice is kept in the address (#/dashboard?from=..).
import { html, Component } from '../html.js';
import { t } from '../i18n.js';
import { navigate } from '../router.js';
import { routineTitle, findStep } from '../store.js';
import { problemText } from '../problems.js';
import { formatDateTime } from '../format.js';
import {
  GROUPINGS, fetchCompliance, compliancePath, kommuneanalysePath, downloadCsv, minCount,
  monthOf, addMonths, validMonth, validYear,
} from '../report.js';
import { shareText, monthLong } from '../dashboard_format.js';
import { groupBand } from '../components/bar_chart.js';
import { KeyFigures, ShareByGroup, Trend, OverdueByService, HeatTable } from '../components/dashboard_sections.js';
import { RoutineDiagram } from '../components/routine_diagram.js';
import { MonthPicker } from '../components/month_picker.js';

function choiceFrom(query) {
  const q = query || {};
  const to = validMonth(q.to) ? q.to : monthOf(new Date());
  const from = validMonth(q.from) && q.from <= to ? q.from : addMonths(to, -5);
  const group = GROUPINGS.includes(q.group) ? q.group : 'step';
  return { from, to, group };
}

function monthsOf(from, to) {
  const out = [];
  for (let m = from; m <= to && out.length < 120; m = addMonths(m, 1)) out.push(m);
  return out;
}

export class DashboardPage extends Component {
  constructor(props) {
    super(props);
    const choice = choiceFrom(props.route && props.route.query);
    const year = choice.to.slice(0, 4);
    this.state = { form: { ...choice, yearFrom: String(Number(year) - 2), yearTo: year }, choice, reports: null, loading: true, error: null, formError: null, download: null };
    this.seq = 0;
  }

  componentDidMount() {
    this.load(this.state.choice);
  }

  async load(choice) {
    const seq = ++this.seq;
    this.setState({ loading: true, error: null });
    const wanted = { main: choice.group, step: 'step', service: 'service', month: 'month', heat: 'service,step' };
    try {
      const unique = [...new Set(Object.values(wanted))];
      const got = await Promise.all(unique.map((g) => fetchCompliance(choice.from, choice.to, g)));
      const byGroup = Object.fromEntries(unique.map((g, i) => [g, got[i]]));
      const reports = Object.fromEntries(Object.entries(wanted).map(([k, g]) => [k, byGroup[g]]));
      if (seq !== this.seq) return;
      this.setState({ reports, loading: false }, () => {
        window.stafettDashboardRendered = performance.now();
      });
    } catch (e) {
      if (seq === this.seq) this.setState({ error: e, loading: false });
    }
  }

  setForm(name, value) {
    this.setState({ form: { ...this.state.form, [name]: value } });
  }

  submit(ev) {
    ev.preventDefault();
    const { from, to, group } = this.state.form;
    if (!validMonth(from) || !validMonth(to) || from > to) {
      this.setState({ formError: t('dash.error.period') }, () => document.getElementById('dash-from-month')?.focus());
      return;
    }
    const choice = { from, to, group };
    this.setState({ choice, formError: null });
    // The address keeps the choice (a link or a reload shows the same
    // figures) without a route change, so focus stays on the button.
    history.replaceState(null, '', `#/dashboard?from=${from}&to=${to}&group=${group}`);
    this.load(choice);
  }

  async download(kind) {
    const { choice, form } = this.state;
    let path;
    if (kind === 'csv') {
      path = compliancePath(choice.from, choice.to, choice.group);
    } else {
      if (!validYear(form.yearFrom) || !validYear(form.yearTo) || form.yearFrom > form.yearTo) {
        this.setState({ download: { kind, error: t('dash.error.years') } });
        return;
      }
      path = kommuneanalysePath(form.yearFrom, form.yearTo);
    }
    this.setState({ download: { kind, busy: true } });
    try {
      await downloadCsv(path);
      this.setState({ download: { kind, done: true } });
    } catch (e) {
      this.setState({ download: { kind, error: problemText(e) } });
    }
  }

  // The grouping's name as a heading says it and mid-sentence.
  dimName(dim) {
    return t(`dash.group.${dim}`);
  }

  dimWord(dim) {
    return this.dimName(dim).toLocaleLowerCase();
  }

  // The years offered: the last ten up to this one.
  years() {
    const now = new Date().getFullYear();
    return Array.from({ length: 10 }, (_, i) => now - 9 + i);
  }

  renderForm() {
    const { form, formError, loading } = this.state;
    return html`<form class="dash-form" onSubmit=${(e) => this.submit(e)} aria-labelledby="dash-form-heading" novalidate>
      <h2 class="ds-sr-only" id="dash-form-heading">${t('dash.form.heading')}</h2>
      <${MonthPicker} id="dash-from" legend=${t('dash.form.from')} value=${form.from} years=${this.years()}
        invalid=${!!formError} describedBy=${formError ? 'dash-form-error' : undefined} onChange=${(v) => this.setForm('from', v)} />
      <${MonthPicker} id="dash-to" legend=${t('dash.form.to')} value=${form.to} years=${this.years()} onChange=${(v) => this.setForm('to', v)} />
      <div class="ds-field">
        <label class="ds-label" for="dash-group">${t('dash.form.group')}</label>
        <select class="ds-input" id="dash-group" value=${form.group} onChange=${(e) => this.setForm('group', e.currentTarget.value)}>
          ${GROUPINGS.map((g) => html`<option value=${g} selected=${g === form.group}>${this.dimName(g)}</option>`)}
        </select>
      </div>
      <button type="submit" class="ds-button" data-variant="primary" aria-disabled=${loading ? 'true' : undefined}>${t('dash.form.show')}</button>
      ${formError && html`<p class="ds-validation-message field-error" id="dash-form-error" data-color="danger" role="alert">${formError}</p>`}
    </form>`;
  }

  renderDownloads() {
    const { form, download } = this.state;
    const status = (kind) =>
      download && download.kind === kind
        ? download.error
          ? html`<p class="ds-validation-message field-error" data-color="danger">${download.error}</p>`
          : download.busy
            ? t('common.loading')
            : t('dash.download.done')
        : '';
    return html`<section class="dash-section" aria-labelledby="download-heading">
      <h2 class="ds-heading" data-size="sm" id="download-heading">${t('dash.download.title')}</h2>
      <div class="download-row">
        <button type="button" class="ds-button" data-variant="secondary" onClick=${() => this.download('csv')}>${t('dash.download.csv')}</button>
        <div role="status" class="status-line">${status('csv')}</div>
      </div>
      <p class="muted">${t('dash.download.csv_note', { min: minCount(this.state.reports && this.state.reports.main) })}</p>
      <h3 class="ds-heading" data-size="xs">${t('dash.download.ka_title')}</h3>
      <p class="muted">${t('dash.download.ka_intro')}</p>
      <div class="download-years">
        <div class="ds-field">
          <label class="ds-label" for="ka-from">${t('dash.download.year_from')}</label>
          <input class="ds-input year-input" id="ka-from" inputmode="numeric" maxlength="4" value=${form.yearFrom}
            onInput=${(e) => this.setForm('yearFrom', e.currentTarget.value.trim())} />
        </div>
        <div class="ds-field">
          <label class="ds-label" for="ka-to">${t('dash.download.year_to')}</label>
          <input class="ds-input year-input" id="ka-to" inputmode="numeric" maxlength="4" value=${form.yearTo}
            onInput=${(e) => this.setForm('yearTo', e.currentTarget.value.trim())} />
        </div>
        <button type="button" class="ds-button" data-variant="secondary" onClick=${() => this.download('ka')}>${t('dash.download.ka')}</button>
      </div>
      <div role="status" class="status-line">${status('ka')}</div>
    </section>`;
  }

  renderDiagram(report, routine) {
    const min = minCount(report);
    const compliance = { '': { text: t('dash.diagram.share', { share: t('dash.share.too_few', { min }) }), band: 'share-none' } };
    for (const g of report.groups) {
      if (!findStep(routine, g.key.step)?.deadline) continue;
      compliance[g.key.step] = { text: t('dash.diagram.share', { share: shareText(g, min) }), band: groupBand(g, min) };
    }
    return html`<section class="dash-section" aria-labelledby="diagram-heading">
      <h2 class="ds-heading" data-size="sm" id="diagram-heading">${t('dash.diagram.title')}</h2>
      <p class="muted">${t('dash.diagram.intro')}</p>
      <${RoutineDiagram} routine=${routine} selected=${null} compliance=${compliance} onSelect=${(id) => navigate(`/routine/${encodeURIComponent(id)}`)} />
    </section>`;
  }

  render({ routine }) {
    const { choice, reports, loading, error } = this.state;
    const min = minCount(reports && reports.main);
    return html`<div class="dashboard">
      <p class="eyebrow">${routine ? routineTitle(routine) : t('dash.nav')}</p>
      <h1>${t('dash.title')}</h1>
      <p class="lead">${t('dash.intro')}</p>
      ${this.renderForm()}
      <p class="protection-note">${t('dash.protection', { min })}</p>
      <div role="status" class="status-line">
        ${loading
          ? t('common.loading')
          : reports
            ? t('dash.showing', { from: monthLong(choice.from), to: monthLong(choice.to), generated: formatDateTime(reports.main.generated_at) })
            : ''}
      </div>
      ${error && html`<div class="ds-alert" data-color="danger"><p>${problemText(error)}</p></div>`}
      ${reports && routine &&
      html`<${KeyFigures} report=${reports.main} />
        <${ShareByGroup} report=${reports.main} dim=${choice.group} routine=${routine} dimName=${this.dimName(choice.group)} dimWord=${this.dimWord(choice.group)} />
        <${Trend} report=${reports.month} months=${monthsOf(choice.from, choice.to)} />
        <${OverdueByService} report=${reports.service} routine=${routine} />
        <${HeatTable} report=${reports.heat} routine=${routine} />
        ${this.renderDiagram(reports.step, routine)}`}
      ${this.renderDownloads()}
    </div>`;
  }
}
