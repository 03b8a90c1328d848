// Horizontal bars, one row per group: the label, the bar, the value in
// words. A row whose value may not be shown (report.js) gets no bar and no
// number in the chart's data, only its text ("færre enn 5"). The chart is
// a picture for the eye (role="img" with a summary); its table, beside it,
// carries the figures for screen readers and copying.
//
// rows: [{key, label, value (number|null), text}], max: the axis' end
// (100 for shares). Bars are SVG rects sized in percent of the track, so
// no style attribute is needed under the CSP.
import { html } from '../html.js';
import { onTimeShare, shown } from '../report.js';

export function BarChart({ id, rows, max, label, band }) {
  const top = Math.max(1, max || Math.max(1, ...rows.map((r) => r.value || 0)));
  return html`<figure class="bar-chart" id=${id} role="img" aria-label=${label}>
    <ol class="bar-rows" aria-hidden="true">
      ${rows.map(
        (r) => html`<li class="bar-row" key=${r.key}>
          <span class="bar-label">${r.label}</span>
          <svg class="bar-track" focusable="false" preserveAspectRatio="none">
            ${typeof r.value === 'number' &&
            html`<rect class=${`bar ${band ? band(r.value) : ''}`} x="0" y="0" height="100%" width=${`${Math.max(0.5, (100 * r.value) / top)}%`}
              data-key=${r.key} data-value=${r.value} />`}
          </svg>
          <span class=${`bar-value${typeof r.value === 'number' ? '' : ' suppressed'}`}>${r.text}</span>
        </li>`,
      )}
    </ol>
  </figure>`;
}

// The band of an on-time share, for colour (never the only cue: the
// percentage is always written beside it).
export function shareBand(p) {
  if (typeof p !== 'number') return 'share-none';
  if (p >= 90) return 'share-good';
  if (p >= 75) return 'share-fair';
  return 'share-poor';
}

// The band of a group's share. When only the decided count is shown, the
// share is at most min/decided; a band is given when even that is poor.
export function groupBand(group, min) {
  if (!group) return 'share-none';
  const p = onTimeShare(group, min);
  if (p !== null) return shareBand(p);
  const decided = group.figures.decided;
  if (shown(decided, min) && (100 * min) / decided < 75) return 'share-poor';
  return 'share-none';
}
