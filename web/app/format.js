// Dates, deadlines and durations in the user's language.
//
// Times are shown in Norwegian time (Europe/Oslo), where the services are.
// A deadline counted in days, weeks, months or working days is shown as a
// date only: its time of day is an artefact of when the step began, and
// "innen 11. juni" is what a teacher plans by. Only hour deadlines (the
// same-day report to child welfare) show a time.
import { locale, t, pick } from './i18n.js';

const TZ = 'Europe/Oslo';

// Intl.DateTimeFormat is costly to build; a worklist of 1,000 cases
// formats 1,000 dates, so formatters are kept per locale and style.
const formatters = new Map();
function formatter(options, loc = locale()) {
  const key = `${loc}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(loc, options);
    formatters.set(key, f);
  }
  return f;
}

// Browsers ship ICU without North Sami data (Chromium formats a se-NO date
// as "2026 M12 1"), so where the locale is unsupported the date is put
// together from the catalogue's month names: "1. juovlamánnu 2026".
function intlSupports() {
  return Intl.DateTimeFormat.supportedLocalesOf([locale()]).length > 0;
}

function manual(d, options, timeZone) {
  const parts = Object.fromEntries(
    formatter({ timeZone, day: 'numeric', month: 'numeric', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }, 'en-GB')
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  );
  const name = t(`${options.month === 'short' ? 'month_short' : 'month'}.${Number(parts.month)}`);
  const date = `${Number(parts.day)}. ${name} ${parts.year}`;
  return options.hour ? t('format.date_time', { date, time: `${parts.hour}:${parts.minute}` }) : date;
}

function fmt(iso, options, timeZone = TZ) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  if (!intlSupports()) return manual(d, options, timeZone);
  return formatter({ timeZone, ...options }).format(d);
}

export const formatDate = (iso) => fmt(iso, { day: 'numeric', month: 'long', year: 'numeric' });
export const formatShortDate = (iso) => fmt(iso, { day: 'numeric', month: 'short', year: 'numeric' });
export const formatShortDateTime = (iso) => fmt(iso, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
export const formatDateTime = (iso) =>
  fmt(iso, { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });

// A plain YYYY-MM-DD (consent valid_until, date fields) is a calendar date:
// formatted without any time zone shift.
export function formatPlainDate(ymd) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd || '');
  if (!m) return ymd || '';
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], 12));
  return fmt(d.toISOString(), { day: 'numeric', month: 'long', year: 'numeric' }, 'UTC');
}

// Parses an ISO 8601 duration into its parts, or null.
export function parseDuration(iso) {
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(iso || '');
  if (!m) return null;
  const [, y, mo, w, d, h, mi, s] = m.map((x) => (x === undefined ? 0 : Number(x)));
  return { y, mo, w, d, h, mi, s };
}

// True when a step's deadline is counted in days or longer.
// A step's deadline comes as the routine page's {iso, working_days, text}
// or, from an older server, as an ISO string with deadline_spec beside it.
function deadlineIso(step) {
  const d = step.deadline;
  if (d && typeof d === 'object') return d.iso;
  const spec = step.deadline_spec;
  return (spec && spec.duration) || step.deadline_iso || d;
}

export function isDayDeadline(step) {
  if (!step) return true;
  if (step.deadline && typeof step.deadline === 'object' && step.deadline.working_days) return true;
  const spec = step.deadline_spec;
  if (spec && spec.kind === 'working_days') return true;
  const p = parseDuration(deadlineIso(step));
  if (!p) return true;
  return p.h === 0 && p.mi === 0 && p.s === 0;
}

// "14 dager", "6 uker", "8 timer", "10 virkedager". Prefers the words the
// API sends for the current language.
export function durationWords(step) {
  if (!step) return '';
  const d = step.deadline;
  if (d && typeof d === 'object') {
    if (d.text) return pick(d.text);
    if (d.working_days) return t('duration.working_days', { n: d.working_days });
  }
  const spec = step.deadline_spec;
  if (spec && spec.kind === 'working_days') return t('duration.working_days', { n: spec.working_days });
  const iso = deadlineIso(step);
  const p = parseDuration(iso);
  if (!p) {
    const wd = /^(\d+) working days?$/.exec(iso || '');
    if (wd) return t('duration.working_days', { n: Number(wd[1]) });
    return iso || t('duration.none');
  }
  const parts = [];
  if (p.y) parts.push(t('duration.years', { n: p.y }));
  if (p.mo) parts.push(t('duration.months', { n: p.mo }));
  if (p.w) parts.push(t('duration.weeks', { n: p.w }));
  if (p.d) parts.push(t('duration.days', { n: p.d }));
  if (p.h) parts.push(t('duration.hours', { n: p.h }));
  if (p.mi) parts.push(t('duration.minutes', { n: p.mi }));
  return parts.join(' ') || t('duration.none');
}

// The deadline of a case as the user should read it.
// `short` for tables: "14. des. 2026".
export function formatDeadline(dueAt, step, short = false) {
  if (!dueAt) return t('deadline.none');
  if (isDayDeadline(step)) return short ? formatShortDate(dueAt) : formatDate(dueAt);
  return short ? formatShortDateTime(dueAt) : formatDateTime(dueAt);
}

// Days from now to a deadline, rounded towards "sooner" (for "om 3 dager").
export function daysUntil(dueAt, now = Date.now()) {
  const ms = new Date(dueAt).getTime() - now;
  return Math.ceil(ms / 86400000);
}
