// The dashboard's sections, each a chart and its table from one protected
// report (report.js): the key figures, on-time share per group, the month
// trend, overdue per service, and the heat table of step × service.
// Nothing here computes a figure the server did not publish; a count under
// the minimum is written "færre enn 5" (dashboard_format.js).
import { html } from '../html.js';
import { t, language } from '../i18n.js';
import { findStep } from '../store.js';
import { shown, onTimeShare, minCount } from '../report.js';
import { Count, countText, hoursText, groupLabel, monthLabel, shareText, num, keyOf } from '../dashboard_format.js';
import { BarChart, shareBand, groupBand } from './bar_chart.js';
import { TrendChart } from './trend_chart.js';

// A step without a deadline (a closing step) has no on-time share to show.
function noDeadline(dim, key, routine) {
  if (dim !== 'step') return false;
  const s = findStep(routine, key.step);
  return !!s && !s.deadline;
}

function shareOf(dim, g, routine, min) {
  return noDeadline(dim, g.key, routine) ? t('dash.share.no_deadline') : shareText(g, min);
}

// Groups in the routine's order (steps as in the file, services as
// listed), so that the page reads like the routine; others as the server
// sorts them.
export function inRoutineOrder(dim, groups, routine) {
  const list = dim === 'step' ? routine.steps : dim === 'service' ? routine.services : null;
  if (!list) return groups;
  const at = new Map(list.map((x, i) => [x.id, i]));
  const pos = (g) => (at.has(g.key[dim]) ? at.get(g.key[dim]) : list.length);
  return [...groups].sort((a, b) => pos(a) - pos(b));
}

function Section({ id, title, intro, children }) {
  return html`<section class="dash-section" aria-labelledby=${`${id}-heading`}>
    <h2 class="ds-heading" data-size="sm" id=${`${id}-heading`}>${title}</h2>
    ${intro && html`<p class="muted">${intro}</p>`}
    ${children}
  </section>`;
}

// A table that may be wider than a phone: it scrolls by itself (and can be
// reached and scrolled with the keyboard), the page does not.
// Its heading stands outside the scrolling box, so that it wraps on a
// narrow screen instead of scrolling away with the table.
function Scroll({ id, label, children }) {
  return html`<h3 class="ds-heading table-heading" data-size="2xs" id=${`${id}-caption`}>${label}</h3>
    <div class="table-scroll" tabindex="0" role="region" aria-labelledby=${`${id}-caption`}>${children}</div>`;
}

export function KeyFigures({ report }) {
  const min = minCount(report);
  const g = report.total;
  const f = g.figures;
  const item = (id, label, value, note) => html`<div class="key-figure" data-figure=${id}>
    <dt>${label}</dt>
    <dd><span class="key-value">${value}</span>${note && html`<span class="key-note">${note}</span>`}</dd>
  </div>`;
  return html`<dl class="key-figures">
    ${item('on_time', t('dash.key.on_time'), shareText(g, min), shown(f.decided, min) ? t('dash.key.of_decided', { decided: num(f.decided) }) : null)}
    ${item('overdue_now', t('dash.key.overdue_now'), html`<${Count} value=${f.overdue_now} min=${min} />`, t('dash.key.overdue_note'))}
    ${item('child_welfare_reports', t('dash.key.cw_reports'), html`<${Count} value=${f.child_welfare_reports} min=${min} />`, t('dash.key.cw_reports_note'))}
    ${item('child_welfare_confirmed_same_day', t('dash.key.cw_same_day'), html`<${Count} value=${f.child_welfare_confirmed_same_day} parent=${f.child_welfare_reports} min=${min} />`, t('dash.key.cw_same_day_note'))}
    ${item('median', t('dash.key.median'), hoursText(g.time_in_step_hours.median), typeof g.time_in_step_hours.p90 === 'number' ? t('dash.key.p90', { p90: hoursText(g.time_in_step_hours.p90) }) : t('dash.key.median_none', { min: 2 * min }))}
  </dl>`;
}

export function ShareByGroup({ report, dim, routine, dimName, dimWord }) {
  const min = minCount(report);
  const groups = inRoutineOrder(dim, report.groups, routine);
  const rows = groups
    .filter((g) => !noDeadline(dim, g.key, routine))
    .map((g) => ({
      key: keyOf([dim], g.key),
      label: groupLabel(dim, g.key, routine),
      value: onTimeShare(g, min),
      text: shareText(g, min),
    }));
  return html`<${Section} id="share" title=${t('dash.share.title', { group: dimWord })} intro=${t('dash.share.intro')}>
    ${rows.length === 0 ? html`<p class="empty">${t('dash.empty')}</p>` : html`
    <${BarChart} id="share-chart" rows=${rows} max=${100} band=${shareBand} label=${t('dash.share.chart_label', { group: dimWord })} />
    <${Scroll} id="share-table" label=${t('dash.share.table_caption', { group: dimWord })}>
      <table class="ds-table dash-table" id="share-table" data-border="true" aria-labelledby="share-table-caption">
        <thead><tr>
          <th scope="col">${dimName}</th>
          <th scope="col" class="num">${t('dash.col.visits')}</th>
          <th scope="col" class="num">${t('dash.col.decided')}</th>
          <th scope="col" class="num">${t('dash.col.on_time')}</th>
          <th scope="col" class="num">${t('dash.col.share')}</th>
          <th scope="col" class="num">${t('dash.col.median')}</th>
          <th scope="col" class="num">${t('dash.col.p90')}</th>
          <th scope="col" class="num">${t('dash.col.overdue_now')}</th>
        </tr></thead>
        <tbody>
          ${groups.map(
            (g) => html`<tr data-key=${keyOf([dim], g.key)}>
              <th scope="row">${groupLabel(dim, g.key, routine)}</th>
              <td class="num" data-figure="visits"><${Count} value=${g.figures.visits} min=${min} /></td>
              <td class="num" data-figure="decided"><${Count} value=${g.figures.decided} min=${min} /></td>
              <td class="num" data-figure="left_on_time"><${Count} value=${g.figures.left_on_time} parent=${g.figures.decided} min=${min} /></td>
              <td class="num" data-figure="share">${shareOf(dim, g, routine, min)}</td>
              <td class="num" data-figure="median">${hoursText(g.time_in_step_hours.median)}</td>
              <td class="num" data-figure="p90">${hoursText(g.time_in_step_hours.p90)}</td>
              <td class="num" data-figure="overdue_now"><${Count} value=${g.figures.overdue_now} min=${min} /></td>
            </tr>`,
          )}
        </tbody>
      </table>
    <//>`}
  <//>`;
}

// Every month of the period, also those the report does not list (a month
// with no group has every count under the minimum).
export function Trend({ report, months }) {
  const min = minCount(report);
  const byMonth = new Map(report.groups.map((g) => [g.key.month, g]));
  const points = months.map((m) => ({ month: m, value: byMonth.has(m) ? onTimeShare(byMonth.get(m), min) : null }));
  return html`<${Section} id="trend" title=${t('dash.trend.title')} intro=${t('dash.trend.intro')}>
    <${TrendChart} points=${points} lang=${language()} monthLabel=${monthLabel} seriesLabel=${t('dash.col.share')} label=${t('dash.trend.chart_label')} />
    <${Scroll} id="trend-table" label=${t('dash.trend.table_caption')}>
      <table class="ds-table dash-table" id="trend-table" data-border="true" aria-labelledby="trend-table-caption">
        <thead><tr>
          <th scope="col">${t('dash.col.month')}</th>
          <th scope="col" class="num">${t('dash.col.visits')}</th>
          <th scope="col" class="num">${t('dash.col.decided')}</th>
          <th scope="col" class="num">${t('dash.col.on_time')}</th>
          <th scope="col" class="num">${t('dash.col.share')}</th>
        </tr></thead>
        <tbody>
          ${months.map((m) => {
            const g = byMonth.get(m);
            return html`<tr data-key=${m}>
              <th scope="row">${monthLabel(m)}</th>
              <td class="num" data-figure="visits"><${Count} value=${g && g.figures.visits} min=${min} /></td>
              <td class="num" data-figure="decided"><${Count} value=${g && g.figures.decided} min=${min} /></td>
              <td class="num" data-figure="left_on_time"><${Count} value=${g && g.figures.left_on_time} parent=${g && g.figures.decided} min=${min} /></td>
              <td class="num" data-figure="share">${shareText(g, min)}</td>
            </tr>`;
          })}
        </tbody>
      </table>
    <//>
  <//>`;
}

export function OverdueByService({ report, routine }) {
  const min = minCount(report);
  const groups = inRoutineOrder('service', report.groups, routine);
  const rows = groups.map((g) => ({
    key: g.key.service,
    label: groupLabel('service', g.key, routine),
    value: shown(g.figures.overdue_now, min) ? g.figures.overdue_now : null,
    text: countText(g.figures.overdue_now, min),
  }));
  return html`<${Section} id="overdue" title=${t('dash.overdue.title')} intro=${t('dash.overdue.intro')}>
    ${rows.length === 0 ? html`<p class="empty">${t('dash.empty')}</p>` : html`
    <${BarChart} id="overdue-chart" rows=${rows} label=${t('dash.overdue.chart_label')} />
    <${Scroll} id="overdue-table" label=${t('dash.overdue.table_caption')}>
      <table class="ds-table dash-table" id="overdue-table" data-border="true" aria-labelledby="overdue-table-caption">
        <thead><tr>
          <th scope="col">${t('dash.group.service')}</th>
          <th scope="col" class="num">${t('dash.col.overdue_now')}</th>
          <th scope="col" class="num">${t('dash.col.cw_reports')}</th>
          <th scope="col" class="num">${t('dash.col.cw_same_day')}</th>
        </tr></thead>
        <tbody>
          ${groups.map(
            (g) => html`<tr data-key=${g.key.service}>
              <th scope="row">${groupLabel('service', g.key, routine)}</th>
              <td class="num" data-figure="overdue_now"><${Count} value=${g.figures.overdue_now} min=${min} /></td>
              <td class="num" data-figure="child_welfare_reports"><${Count} value=${g.figures.child_welfare_reports} min=${min} /></td>
              <td class="num" data-figure="child_welfare_confirmed_same_day"><${Count} value=${g.figures.child_welfare_confirmed_same_day} parent=${g.figures.child_welfare_reports} min=${min} /></td>
            </tr>`,
          )}
        </tbody>
      </table>
    <//>`}
  <//>`;
}

// Steps down, services across (a phone shows a few services better than a
// dozen steps); each cell the on-time share, coloured by band and always
// written out.
export function HeatTable({ report, routine }) {
  const min = minCount(report);
  const cells = new Map(report.groups.map((g) => [`${g.key.service}|${g.key.step}`, g]));
  const order = (list, ids) => [...new Set(ids)].sort((a, b) => list.indexOf(a) - list.indexOf(b));
  const services = order((routine.services || []).map((s) => s.id), report.groups.map((g) => g.key.service));
  const steps = order((routine.steps || []).map((s) => s.id), report.groups.map((g) => g.key.step)).filter(
    (st) => !noDeadline('step', { step: st }, routine),
  );
  return html`<${Section} id="heat" title=${t('dash.heat.title')} intro=${t('dash.heat.intro', { min })}>
    ${steps.length === 0 ? html`<p class="empty">${t('dash.empty')}</p>` : html`
    <${Scroll} id="heat-table" label=${t('dash.heat.caption')}>
      <table class="ds-table dash-table heat-table" id="heat-table" data-border="true" aria-labelledby="heat-table-caption">
        <thead><tr>
          <th scope="col">${t('dash.group.step')}</th>
          ${services.map((s) => html`<th scope="col" class="num">${groupLabel('service', { service: s }, routine)}</th>`)}
        </tr></thead>
        <tbody>
          ${steps.map(
            (st) => html`<tr data-key=${st}>
              <th scope="row">${groupLabel('step', { step: st }, routine)}</th>
              ${services.map((sv) => {
                const g = cells.get(`${sv}|${st}`);
                return html`<td class=${`num heat ${groupBand(g, min)}`} data-key=${`${sv}|${st}`}>${shareText(g, min)}</td>`;
              })}
            </tr>`,
          )}
        </tbody>
      </table>
    <//>
    <p class="heat-legend muted">${t('dash.heat.legend')}</p>`}
  <//>`;
}
