// How the dashboard writes a report's figures: numbers, hours, months,
// group names and on-time shares, in the user's language. Every count goes
// through countText/Count so that a figure under the minimum count is
// written "færre enn 5" and never as a number (report.js has the rule).
import { html } from './html.js';
import { t, language, locale } from './i18n.js';
import { stepTitle, serviceName, routineTitle } from './store.js';
import { shown, onTimeShare, fewerThan } from './report.js';

// Chromium has no North Sami number data; bokmål's digits and spaces are
// the ones a Sami reader in Norway uses.
export function num(n) {
  return Number(n).toLocaleString(language() === 'se' ? 'nb-NO' : locale());
}

export function countText(value, min) {
  return shown(value, min) ? num(value) : fewerThan(min);
}

// A count as a table cell's content (data-value only when shown). A count
// that is part of another (`parent`: on time of decided, confirmed of
// reported) is shown only when its parent is: each is rounded on its own,
// and "5 confirmed of fewer than 5 reported" would read as an error.
export function Count({ value, min, parent }) {
  if (shown(value, min) && (parent === undefined || shown(parent, min))) {
    return html`<span class="count" data-value=${value}>${num(value)}</span>`;
  }
  return html`<span class="suppressed">${fewerThan(min)}</span>`;
}

// Whole hours as a leader reads them: hours under two days, else days.
export function hoursText(h) {
  if (typeof h !== 'number') return '–';
  if (h < 48) return t('duration.hours', { n: h });
  return t('duration.days', { n: Math.floor(h / 24) });
}

export function monthLabel(ym) {
  const [y, m] = String(ym).split('-').map(Number);
  if (!y || !m) return String(ym);
  return `${t(`month_short.${m}`)} ${y}`;
}

export function monthLong(ym) {
  const [y, m] = String(ym).split('-').map(Number);
  if (!y || !m) return String(ym);
  return `${t(`month.${m}`)} ${y}`;
}

export function groupLabel(dim, key, routine) {
  const v = key[dim];
  switch (dim) {
    case 'step':
      return stepTitle(routine, v);
    case 'service':
      return serviceName(routine, v);
    case 'level':
      return t('case.level_n', { level: v });
    case 'routine_version':
      return t('dash.version_n', { routine: routineTitle(routine), version: v });
    case 'month':
      return monthLabel(v);
    default:
      return String(v);
  }
}

// The on-time share in words: "83 %", or why it is not given.
export function shareText(group, min) {
  if (!group) return t('dash.share.too_few', { min });
  const p = onTimeShare(group, min);
  if (p !== null) return `${num(p)} %`;
  if (!shown(group.figures.decided, min)) return t('dash.share.too_few', { min });
  return t('dash.share.few_on_time', { min, decided: num(group.figures.decided) });
}

export function keyOf(dims, key) {
  return dims.map((d) => key[d]).join('|');
}
