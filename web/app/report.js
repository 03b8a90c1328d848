// The compliance report as the dashboard reads it: GET
// /api/v1/reports/compliance (docs/audit.md) and the rules for showing a
// protected figure.
//
// The server rounds every count (each cell to a multiple of the minimum
// count t, 5 by default) and withholds (null) what its audit refuses. A
// count is SHOWN only when it is at least t: a 0 or a null is drawn as
// "færre enn 5", never as 0, never as a bar, and never enters a chart's
// data. A share is shown only when both its counts are shown.
import { get } from './api.js';
import { t } from './i18n.js';
import { Problem } from './api.js';

export const GROUPINGS = ['step', 'service', 'level', 'routine_version'];

function query(params) {
  return Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&');
}

export function compliancePath(from, to, groupBy) {
  return `/api/v1/reports/compliance?${query({ from, to, group_by: groupBy })}`;
}

export function kommuneanalysePath(fromYear, toYear) {
  return `/api/v1/reports/kommuneanalyse?${query({ from: fromYear, to: toYear })}`;
}

export async function fetchCompliance(from, to, groupBy) {
  const { data } = await get(compliancePath(from, to, groupBy));
  return data;
}

// The report's minimum count (5 unless the server raised it).
export const minCount = (report) => (report && report.protection && report.protection.min_count) || 5;

// True when a published count may be shown as a number.
export function shown(value, min) {
  return typeof value === 'number' && value >= min;
}

// The on-time share of a group, or null when either count is not shown.
export function onTimeShare(group, min) {
  const f = group.figures;
  if (!shown(f.decided, min) || !shown(f.left_on_time, min)) return null;
  return typeof group.on_time_percent === 'number' ? group.on_time_percent : null;
}

export function fewerThan(min) {
  return t('dash.fewer_than', { min });
}

// Downloads a report as CSV (the route's own text/csv) under the file name
// the server gives.
export async function downloadCsv(path) {
  let res;
  try {
    res = await fetch(path, { headers: { Accept: 'text/csv' }, credentials: 'same-origin' });
  } catch (e) {
    throw new Problem(0, { code: 'network' });
  }
  if (!res.ok) {
    let body = null;
    try {
      body = await res.json();
    } catch (e) {
      body = null;
    }
    throw new Problem(res.status, body);
  }
  const blob = await res.blob();
  const cd = res.headers.get('Content-Disposition') || '';
  const m = /filename="([^"]+)"/.exec(cd);
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = m ? m[1] : 'rapport.csv';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}

// "YYYY-MM" of a Date in Oslo, and n months before it.
export function monthOf(date) {
  const p = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Oslo', year: 'numeric', month: '2-digit' }).formatToParts(date);
  const y = p.find((x) => x.type === 'year').value;
  const m = p.find((x) => x.type === 'month').value;
  return `${y}-${m}`;
}

export function addMonths(ym, n) {
  const [y, m] = ym.split('-').map(Number);
  const i = y * 12 + (m - 1) + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

export const validMonth = (s) => /^2\d{3}-(0[1-9]|1[0-2])$/.test(s || '');
export const validYear = (s) => /^2\d{3}$/.test(String(s || ''));
