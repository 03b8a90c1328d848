// A horizontal bar chart in SVG with its table: one bar per row, the
// value written at the bar's end, so that neither colour nor length carries
// the figure alone. The SVG is an image with a text alternative; the table
// (in a <details>) holds every figure for screen readers and copying.
import { html } from '../../html.js';
import { t } from '../../i18n.js';

const ROW = 28;
const LABEL = 270;
const WIDTH = 640;

export function BarChart({ id, title, rows, valueLabel, format = String, columns }) {
  const max = Math.max(1, ...rows.map((r) => r.value));
  const plot = WIDTH - LABEL - 70;
  const height = rows.length * ROW + 8;
  return html`<figure class="chart" aria-labelledby=${`${id}-title`}>
    <figcaption id=${`${id}-title`} class="chart-title">${title}</figcaption>
    <svg class="chart-svg" viewBox=${`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby=${`${id}-title`} aria-describedby=${`${id}-desc`} preserveAspectRatio="xMinYMin meet">
      <desc id=${`${id}-desc`}>${t('admin.chart.desc_table')}</desc>
      ${rows.map((r, i) => {
        const y = i * ROW + 4;
        const w = Math.max(r.value > 0 ? 2 : 0, (r.value / max) * plot);
        return html`<g>
          <text x=${LABEL - 8} y=${y + ROW / 2 + 4} text-anchor="end" class="chart-label">${r.label.length > 34 ? `${r.label.slice(0, 33)}…` : r.label}</text>
          <rect x=${LABEL} y=${y + 4} width=${w} height=${ROW - 10} class="chart-bar" />
          <text x=${LABEL + w + 6} y=${y + ROW / 2 + 4} class="chart-value">${format(r.value)}</text>
        </g>`;
      })}
    </svg>
    <details class="chart-table">
      <summary>${t('admin.chart.show_table')}</summary>
      <div class="table-scroll" tabindex="0" role="region" aria-label=${title}><table class="ds-table admin-table" data-border="true">
        <caption class="ds-sr-only">${title}</caption>
        <thead><tr>
          <th scope="col">${columns ? columns[0] : ''}</th>
          <th scope="col" class="num">${valueLabel}</th>
          ${(columns || []).slice(2).map((c) => html`<th scope="col" class="num">${c}</th>`)}
        </tr></thead>
        <tbody>
          ${rows.map(
            (r) => html`<tr>
              <th scope="row">${r.label}</th>
              <td class="num">${format(r.value)}</td>
              ${(r.extra || []).map((x) => html`<td class="num">${x}</td>`)}
            </tr>`,
          )}
        </tbody>
      </table></div>
    </details>
  </figure>`;
}
