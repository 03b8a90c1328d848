// Load per service per month as small multiples: one row of monthly bars
// per service, all on the same scale, each bar's figure written above it
// when there is room. Small multiples rather than coloured series, so no
// legend and no colour is needed to tell services apart. The table holds
// every figure (services × months).
import { html } from '../../html.js';
import { t } from '../../i18n.js';

const BAND = 64;
const LABEL = 230;
const WIDTH = 720;

export function MonthChart({ id, title, months, series, monthLabel }) {
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const colW = (WIDTH - LABEL - 10) / Math.max(1, months.length);
  const height = series.length * BAND + 24;
  return html`<figure class="chart" aria-labelledby=${`${id}-title`}>
    <figcaption id=${`${id}-title`} class="chart-title">${title}</figcaption>
    <svg class="chart-svg" viewBox=${`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby=${`${id}-title`} aria-describedby=${`${id}-desc`} preserveAspectRatio="xMinYMin meet">
      <desc id=${`${id}-desc`}>${t('admin.chart.desc_table')}</desc>
      ${series.map((s, i) => {
        const base = i * BAND + BAND - 6;
        return html`<g>
          <text x=${LABEL - 8} y=${base - BAND / 2 + 8} text-anchor="end" class="chart-label">${s.label.length > 30 ? `${s.label.slice(0, 29)}…` : s.label}</text>
          <line x1=${LABEL} x2=${WIDTH - 10} y1=${base} y2=${base} class="chart-axis" />
          ${s.values.map((v, m) => {
            const h = (v / max) * (BAND - 22);
            const x = LABEL + m * colW + 2;
            return html`<g>
              <rect x=${x} y=${base - h} width=${Math.max(1, colW - 4)} height=${h} class="chart-bar" />
              ${colW >= 26 && html`<text x=${x + (colW - 4) / 2} y=${base - h - 3} text-anchor="middle" class="chart-value small">${v}</text>`}
            </g>`;
          })}
        </g>`;
      })}
      ${months.map(
        (m, j) => html`<text x=${LABEL + j * colW + colW / 2} y=${height - 6} text-anchor="middle" class="chart-label small">${monthLabel(m, true)}</text>`,
      )}
    </svg>
    <details class="chart-table">
      <summary>${t('admin.chart.show_table')}</summary>
      <div class="table-scroll" tabindex="0" role="region" aria-label=${title}>
        <table class="ds-table admin-table" data-border="true">
          <caption class="ds-sr-only">${title}</caption>
          <thead><tr>
            <th scope="col">${t('admin.simulate.service')}</th>
            ${months.map((m) => html`<th scope="col" class="num">${monthLabel(m, false)}</th>`)}
          </tr></thead>
          <tbody>
            ${series.map(
              (s) => html`<tr>
                <th scope="row">${s.label}</th>
                ${s.values.map((v) => html`<td class="num">${v}</td>`)}
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </details>
  </figure>`;
}
