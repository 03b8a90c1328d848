// The steps a case has been through as a small time bar: one segment per
// visit, as wide as the time spent there (with a floor so that a short
// visit stays readable). It is an ordered list, so a screen reader reads
// it as "step, time spent" in order. The width is set through the CSSOM
// (a style object), which the CSP allows; a style attribute it would not.
import { html } from '../html.js';
import { t } from '../i18n.js';
import { stepTitle } from '../store.js';

function spent(ms) {
  const hours = ms / 3600000;
  if (hours < 1) return t('visits.under_hour');
  if (hours < 24) return t('duration.hours', { n: Math.round(hours) });
  return t('duration.days', { n: Math.round(hours / 24) });
}

export function VisitBar({ visits, routine, now = Date.now() }) {
  if (!visits || !visits.length) return null;
  const rows = visits.map((v) => {
    const start = new Date(v.entered_at).getTime();
    const end = v.left_at ? new Date(v.left_at).getTime() : now;
    return { v, ms: Math.max(0, end - start) };
  });
  const total = rows.reduce((s, r) => s + r.ms, 0) || 1;
  return html`<ol class="visit-bar" aria-label=${t('visits.label')}>
    ${rows.map(({ v, ms }) => {
      const share = Math.max(ms / total, 0.04);
      return html`<li class=${`visit level-${v.level}${v.left_at ? '' : ' current'}`} style=${{ flexGrow: share }}>
        <span class="visit-step">${stepTitle(routine, v.step)}</span>
        <span class="visit-time">${v.left_at ? spent(ms) : t('visits.now', { time: spent(ms) })}</span>
      </li>`;
    })}
  </ol>`;
}
