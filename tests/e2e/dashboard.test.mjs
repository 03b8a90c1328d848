// The leaders' dashboard against a tenant of 300 cases with known timings
// (lib/seed_reports.mjs, through the server's injected clock):
//   - every figure on the page equals the API's report for the same period
//     and grouping, and the medians equal what the seeding plan implies;
//   - no count under the minimum shows as a number anywhere: page text,
//     tables, chart data, the CSV;
//   - CSV and kommuneanalyse downloads are the route's own text/csv;
//   - an auditor cannot reach a case page and a worker cannot reach the
//     dashboard (not offered in the UI, 403 from the API);
//   - axe finds 0 violations on the dashboard in nb, nn, se and en;
//   - the whole page works with the keyboard alone;
//   - screenshots for a person to look at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { startServer, SOURCE } from './lib/server.mjs';
import { browserMissing, requireBrowser, sharedBrowser, closeSharedBrowser, signedInContext, openPage, shot, OUTPUT } from './lib/browser.mjs';
import { plan, seed, expectedHours, PERIOD, NOW } from './lib/seed_reports.mjs';
import { tabTo, focusVisible } from './lib/app.mjs';

const LANGS = ['nb', 'nn', 'se', 'en'];
const DASH = `#/dashboard?from=${PERIOD.from}&to=${PERIOD.to}&group=step`;
let server;
let clockDir;
let cases;
let ids;
let AxeBuilder;

before(async () => {
  if (browserMissing()) return;
  clockDir = mkdtempSync(path.join(tmpdir(), 'stafett-clock-'));
  const clockFile = path.join(clockDir, 'now');
  server = await startServer({ env: { STAFETT_TEST_CLOCK_FILE: clockFile } });
  ({ default: AxeBuilder } = await import(path.join(SOURCE, 'node_modules/@axe-core/playwright/dist/index.mjs')));
  cases = plan();
  const t0 = Date.now();
  ids = await seed(server, clockFile, cases);
  console.log(`# seeded ${cases.length} cases in ${Date.now() - t0} ms`);
});
after(async () => {
  await closeSharedBrowser();
  if (server) await server.stop();
  if (clockDir) rmSync(clockDir, { recursive: true, force: true });
});

async function api(p, { role = 'auditor', service = 'koordinerende_enhet', accept = 'application/json' } = {}) {
  const res = await fetch(server.url + p, { headers: { Authorization: `Bearer ${server.token(service, role)}`, Accept: accept } });
  const text = await res.text();
  return { status: res.status, text, data: accept.includes('json') && text ? JSON.parse(text) : null };
}
const report = async (groupBy) => (await api(`/api/v1/reports/compliance?from=${PERIOD.from}&to=${PERIOD.to}&group_by=${groupBy}`)).data;

async function leader(lang = 'nb', viewport) {
  const context = await signedInContext(await sharedBrowser(), server, { service: 'koordinerende_enhet', role: 'auditor', lang, viewport });
  const page = await openPage(context);
  page.lang = lang;
  return { context, page };
}

async function openDashboard(page, hash = DASH) {
  await page.goto(`${server.url}/${hash}`);
  await page.locator('#heat-table').waitFor();
  await page.locator('.trend-box canvas').first().waitFor();
}

// What the page must write for a count (bokmål).
const MIN = 5;
const shownCount = (v) => typeof v === 'number' && v >= MIN;
// Steps without a deadline (the closing steps of workflows/bti.yaml).
const NO_DEADLINE = ['avsluttet', 'ip_overfort', 'overfort_barnevern'];
function hoursText(h) {
  if (typeof h !== 'number') return '–';
  if (h < 48) return h === 1 ? '1 time' : `${h} timer`;
  const d = Math.floor(h / 24);
  return d === 1 ? '1 dag' : `${d} dager`;
}
function shareText(g) {
  if (!g) return 'færre enn 5 avgjort';
  const f = g.figures;
  if (shownCount(f.decided) && shownCount(f.left_on_time) && typeof g.on_time_percent === 'number') return `${g.on_time_percent} %`;
  if (!shownCount(f.decided)) return 'færre enn 5 avgjort';
  return `færre enn 5 av ${f.decided.toLocaleString('nb-NO')}`;
}

// A table's rows as {key: {figure: {text, value}}}.
async function tableCells(page, id) {
  return page.evaluate((tid) => {
    const out = {};
    for (const tr of document.querySelectorAll(`#${tid} tbody tr`)) {
      const row = {};
      for (const td of tr.querySelectorAll('td')) {
        const v = td.querySelector('[data-value]');
        row[td.dataset.figure || td.dataset.key] = { text: td.textContent.trim(), value: v ? Number(v.dataset.value) : null, suppressed: !!td.querySelector('.suppressed') };
      }
      out[tr.dataset.key] = row;
    }
    return out;
  }, id);
}

// A part (on time of decided, confirmed of reported) shows only with its whole.
function assertCount(cell, v, where, parent) {
  if (shownCount(v) && (parent === undefined || shownCount(parent))) {
    assert.equal(cell.value, v, `${where}: ${cell.text}`);
    assert.equal(cell.suppressed, false, where);
  } else {
    assert.equal(cell.value, null, `${where} must not carry a value`);
    assert.equal(cell.text, 'færre enn 5', `${where}: API ${v}`);
  }
}

test('the dashboard shows the API report for the same period, and the plan\'s timings', async (t) => {
  if (!requireBrowser(t)) return;
  const { context, page } = await leader();
  await openDashboard(page);
  const [byStep, byService, byMonth, heat] = await Promise.all([report('step'), report('service'), report('month'), report('service,step')]);
  assert.equal(byStep.protection.min_count, MIN);
  assert.equal(byStep.protection.suppressed_cells, 0);

  // Key figures: the total.
  const key = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('.key-figure')].map((e) => [e.dataset.figure, e.querySelector('.key-value').textContent.trim()])));
  const tot = byStep.total;
  const countWords = (v) => (shownCount(v) ? v.toLocaleString('nb-NO') : 'færre enn 5');
  assert.equal(key.on_time, shareText(tot));
  assert.equal(key.overdue_now, countWords(tot.figures.overdue_now));
  assert.equal(key.child_welfare_reports, countWords(tot.figures.child_welfare_reports));
  assert.equal(key.child_welfare_confirmed_same_day, shownCount(tot.figures.child_welfare_reports) ? countWords(tot.figures.child_welfare_confirmed_same_day) : 'færre enn 5');
  assert.equal(key.median, hoursText(tot.time_in_step_hours.median));

  // Per step: counts, share, median, p90; and the bars are exactly the
  // shares that may be shown.
  const steps = await tableCells(page, 'share-table');
  assert.equal(Object.keys(steps).length, byStep.groups.length);
  for (const g of byStep.groups) {
    const row = steps[g.key.step];
    assert.ok(row, `row for ${g.key.step}`);
    for (const f of ['visits', 'decided', 'overdue_now']) assertCount(row[f], g.figures[f], `${g.key.step}.${f}`);
    assertCount(row.left_on_time, g.figures.left_on_time, `${g.key.step}.left_on_time`, g.figures.decided);
    assert.equal(row.share.text, NO_DEADLINE.includes(g.key.step) ? 'ingen frist' : shareText(g), `${g.key.step} share`);
    assert.equal(row.median.text, hoursText(g.time_in_step_hours.median), `${g.key.step} median`);
    assert.equal(row.p90.text, hoursText(g.time_in_step_hours.p90), `${g.key.step} p90`);
  }
  const bars = await page.$$eval('#share-chart rect.bar', (rs) => rs.map((r) => [r.dataset.key, Number(r.dataset.value)]));
  const expectedBars = byStep.groups.filter((g) => !NO_DEADLINE.includes(g.key.step) && shareText(g).endsWith(' %')).map((g) => [g.key.step, g.on_time_percent]);
  const byKey = (a, b) => String(a[0]).localeCompare(String(b[0]));
  assert.deepEqual(bars.sort(byKey), expectedBars.sort(byKey));

  // Known timings: the medians the plan implies, in the API and on the page.
  for (const step of ['undring_registrert', 'konkretisert', 'droftet_anonymt']) {
    const g = byStep.groups.find((x) => x.key.step === step);
    assert.equal(g.time_in_step_hours.median, expectedHours(cases, step, 50), `${step} median (API)`);
    assert.equal(g.time_in_step_hours.p90, expectedHours(cases, step, 90), `${step} p90 (API)`);
    assert.equal(steps[step].median.text, hoursText(expectedHours(cases, step, 50)), `${step} median (page)`);
  }

  // Month trend: table and the line's data.
  const months = await tableCells(page, 'trend-table');
  const series = JSON.parse(await page.locator('.trend-box').getAttribute('data-series'));
  assert.deepEqual(series.map((s) => s[0]), ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06']);
  for (const [m, value] of series) {
    const g = byMonth.groups.find((x) => x.key.month === m);
    assert.equal(months[m].share.text, shareText(g), `${m} share`);
    assertCount(months[m].decided, g && g.figures.decided, `${m}.decided`);
    assert.equal(value, shareText(g).endsWith(' %') ? g.on_time_percent : null, `${m} in the line`);
  }

  // Overdue per service, and its bars.
  const services = await tableCells(page, 'overdue-table');
  for (const g of byService.groups) {
    for (const f of ['overdue_now', 'child_welfare_reports']) assertCount(services[g.key.service][f], g.figures[f], `${g.key.service}.${f}`);
    const cw = services[g.key.service].child_welfare_confirmed_same_day;
    assertCount(cw, g.figures.child_welfare_confirmed_same_day, `${g.key.service}.confirmed`, g.figures.child_welfare_reports);
  }
  const overdueBars = await page.$$eval('#overdue-chart rect.bar', (rs) => rs.map((r) => [r.dataset.key, Number(r.dataset.value)]));
  assert.deepEqual(overdueBars.sort(byKey), byService.groups.filter((g) => shownCount(g.figures.overdue_now)).map((g) => [g.key.service, g.figures.overdue_now]).sort(byKey));

  // The heat table: every published service × step.
  const heatCells = await page.$$eval('#heat-table td', (tds) => Object.fromEntries(tds.map((td) => [td.dataset.key, td.textContent.trim()])));
  for (const g of heat.groups.filter((x) => !NO_DEADLINE.includes(x.key.step))) assert.equal(heatCells[`${g.key.service}|${g.key.step}`], shareText(g), `${g.key.service}|${g.key.step}`);

  // The diagram: each step's share in words.
  const card = page.locator('.routine-diagram .step-card', { hasText: 'Undring registrert' }).first();
  assert.match(await card.textContent(), new RegExp(`Innen fristen: ${shareText(byStep.groups.find((x) => x.key.step === 'undring_registrert'))}`));

  await shot(page, 'dashboard');
  // The top of the page, as README.md shows it (docs/img/dashboard.png).
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(OUTPUT, 'dashboard-top.png'), fullPage: true, clip: { x: 0, y: 0, width: 1280, height: 1180 } });
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('no count under 5 shows as a number: page, tables, chart data, CSV', async (t) => {
  if (!requireBrowser(t)) return;
  const { context, page } = await leader();
  for (const group of ['step', 'service', 'level', 'routine_version']) {
    await openDashboard(page, DASH.replace('group=step', `group=${group}`));
    // Every count on the page is a multiple of 5 from 5 up, or the words
    // "færre enn 5"; every share is a percentage or says why not.
    const counts = await page.$$eval(
      ['visits', 'decided', 'left_on_time', 'overdue_now', 'child_welfare_reports', 'child_welfare_confirmed_same_day']
        .map((f) => `td[data-figure="${f}"], .key-figure[data-figure="${f}"] .key-value`).join(', '),
      (els) => els.map((e) => ({ text: e.textContent.trim(), value: e.querySelector('[data-value]')?.dataset.value ?? null })),
    );
    assert.ok(counts.length > 20, `${group}: ${counts.length} counts`);
    for (const c of counts) {
      if (c.text === 'færre enn 5') {
        assert.equal(c.value, null);
        continue;
      }
      const n = Number(c.text.replace(/\s/g, ''));
      assert.ok(n >= MIN && n % MIN === 0 && Number(c.value) === n, `${group}: a count «${c.text}»`);
    }
    const shares = await page.$$eval('td[data-figure="share"], td.heat, .bar-value, .key-figure[data-figure="on_time"] .key-value, .step-share', (els) => els.map((e) => e.textContent.trim()));
    for (const s of shares) {
      const m = /^(?:Innen fristen: )?(?:(\d+) %|ingen frist|færre enn 5 avgjort|færre enn 5 av ([\d\s]+)|færre enn 5|(\d[\d\s]*))$/.exec(s);
      assert.ok(m, `${group}: «${s}»`);
      for (const n of [m[2], m[3]]) if (n !== undefined) assert.ok(Number(n.replace(/\s/g, '')) >= MIN && Number(n.replace(/\s/g, '')) % MIN === 0, `${group}: «${s}»`);
    }
    // The page's text: every "færre enn" is followed by 5.
    const text = await page.locator('main').innerText();
    for (const m of text.matchAll(/færre enn (\d+)/g)) assert.equal(m[1], '5');
    // Chart data: bars only for shown values, the line only for shown shares.
    for (const v of await page.$$eval('#share-chart rect.bar', (rs) => rs.map((r) => Number(r.dataset.value)))) assert.ok(v >= 0 && v <= 100);
    for (const v of await page.$$eval('#overdue-chart rect.bar', (rs) => rs.map((r) => Number(r.dataset.value)))) assert.ok(v >= MIN && v % MIN === 0);
    const suppressedRows = await page.$$eval('.bar-row', (rows) => rows.filter((r) => r.querySelector('.bar-value.suppressed')).map((r) => !!r.querySelector('rect')));
    assert.ok(suppressedRows.every((hasBar) => !hasBar), `${group}: a suppressed row has a bar`);
  }

  // The health clinic logged 3 concerns (true count 3, in January): it
  // never shows as a number.
  await openDashboard(page);
  const clinic = await page.$$eval('#heat-table td[data-key^="helsestasjon|"]', (tds) => tds.map((td) => td.textContent.trim()));
  assert.ok(clinic.length > 0, 'the clinic has a column');
  // (Which way a cell rounds depends on the tenant's random secret, so the
  // words vary from run to run; a 3 never appears.)
  for (const c of clinic) {
    const m = /^færre enn 5 avgjort$|^færre enn 5 av (\d+)$|^(\d+) %$/.exec(c);
    assert.ok(m, c);
    if (m[1]) assert.equal(Number(m[1]) % MIN, 0, c);
  }
  const clinicRow = await tableCells(page, 'overdue-table');
  if (clinicRow.helsestasjon) for (const cell of Object.values(clinicRow.helsestasjon)) assert.doesNotMatch(cell.text, /\b3\b/);

  // The CSV the page downloads is the route's, and no count in it is 1-4.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Last ned tallene som CSV' }).click()]);
  const csv = readFileSync(await download.path(), 'utf8');
  assert.equal(download.suggestedFilename(), `etterlevelse-demo-${PERIOD.from}-${PERIOD.to}.csv`);
  const fromApi = await api(`/api/v1/reports/compliance?from=${PERIOD.from}&to=${PERIOD.to}&group_by=step`, { accept: 'text/csv' });
  const body = (s) => s.split('\r\n').filter((l) => l);
  assert.deepEqual(body(csv).slice(0, 1), body(fromApi.text).slice(0, 1));
  assert.equal(body(csv).length, body(fromApi.text).length);
  const header = body(csv)[0].split(',');
  const countCols = ['visits', 'decided', 'left_on_time', 'overdue_now', 'completed', 'level_up', 'level_down', 'without_baton_holder', 'consents_expired', 'child_welfare_reports', 'child_welfare_confirmed_same_day'].map((n) => header.indexOf(n));
  assert.ok(countCols.every((i) => i > 0));
  for (const line of body(csv).slice(1)) {
    const f = line.split(',');
    for (const i of countCols) if (f[i] !== '') assert.equal(Number(f[i]) % MIN, 0, `CSV ${header[i]}: ${line}`);
  }

  // The kommuneanalyse for a year range.
  await page.getByLabel('Fra år').fill('2025');
  await page.getByLabel('Til og med år').fill('2026');
  const [ka] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Last ned kommuneanalysen (CSV)' }).click()]);
  assert.equal(ka.suggestedFilename(), 'kommuneanalyse-demo-2025-2026.csv');
  const kaCsv = readFileSync(await ka.path(), 'utf8');
  assert.match(kaCsv.split('\r\n')[0], /^row,year,sjumilssteget,step_name,visits/);
  assert.match(kaCsv, /Medbestemmelse/);
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('an auditor cannot reach a case page; a worker cannot reach the dashboard', async (t) => {
  if (!requireBrowser(t)) return;
  const caseId = ids[0];
  // The auditor: no worklist or case links, a case address says no, and
  // the API refuses.
  {
    const { context, page } = await leader();
    await page.goto(`${server.url}/#/`);
    await page.getByRole('heading', { level: 1, name: 'Etterlevelse av rutinen' }).waitFor();
    const nav = await page.getByRole('navigation', { name: 'Hovedmeny' }).innerText();
    assert.match(nav, /Oversikt/);
    assert.doesNotMatch(nav, /Arbeidsliste|Logg en undring/);
    await page.goto(`${server.url}/#/cases/${caseId}`);
    await page.getByRole('heading', { level: 1, name: 'Denne rollen ser ikke saker' }).waitFor();
    assert.equal(await page.locator('.timeline-item').count(), 0);
    const res = await context.request.get(`${server.url}/api/v1/cases/${caseId}`);
    assert.equal(res.status(), 403);
    assert.equal((await context.request.get(`${server.url}/api/v1/cases`)).status(), 403);
    await context.close();
  }
  // The worker: no overview link, the address says it is for leaders, and
  // the API refuses.
  {
    const context = await signedInContext(await sharedBrowser(), server, { service: 'solsikken_barnehage', role: 'worker' });
    const page = await openPage(context, `${server.url}/#/`);
    await page.getByRole('heading', { level: 1, name: 'Arbeidsliste' }).waitFor();
    const nav = await page.getByRole('navigation', { name: 'Hovedmeny' }).innerText();
    assert.doesNotMatch(nav, /Oversikt/);
    await page.goto(`${server.url}/${DASH}`);
    await page.getByRole('heading', { level: 1, name: 'Oversikten er for ledere' }).waitFor();
    assert.equal(await page.locator('table').count(), 0);
    const res = await context.request.get(`${server.url}/api/v1/reports/compliance?from=${PERIOD.from}&to=${PERIOD.to}&group_by=step`);
    assert.equal(res.status(), 403);
    assert.equal((await context.request.get(`${server.url}/api/v1/reports/kommuneanalyse?from=2026&to=2026`)).status(), 403);
    assert.deepEqual(page.problems, []);
    await context.close();
  }
  // Bearer tokens too (the API's own rule, whatever the app shows).
  assert.equal((await api(`/api/v1/cases/${caseId}`)).status, 403);
  assert.equal((await api(`/api/v1/reports/compliance?from=${PERIOD.from}&to=${PERIOD.to}`, { role: 'worker', service: 'solsikken_barnehage' })).status, 403);
});

for (const lang of LANGS) {
  test(`axe: 0 violations on the dashboard in ${lang}`, async (t) => {
    if (!requireBrowser(t)) return;
    const { context, page } = await leader(lang);
    await openDashboard(page);
    assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
    const v = result.violations.map((x) => `${x.id} (${x.impact}): ${x.help}\n    ${x.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('\n    ')}`);
    assert.deepEqual(v, [], lang);
    if (lang === 'se') {
      const text = await page.locator('main').innerText();
      assert.match(text, /Áigemeari siste/);
      assert.match(text, /unnit go 5/);
    }
    if (lang !== 'nb') await shot(page, `dashboard-${lang}`);
    assert.deepEqual(page.problems, []);
    await context.close();
  });
}

test('keyboard only: choose period and grouping, read the figures, download', async (t) => {
  if (!requireBrowser(t)) return;
  const { context, page } = await leader();
  await openDashboard(page, '#/dashboard?from=2026-03&to=2026-06&group=step');
  await tabTo(page, '#dash-from-month');
  assert.ok(await focusVisible(page), 'the month field shows focus');
  // March -> January with the arrow keys; the year stays 2026.
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'dash-from-year');
  await tabTo(page, '#dash-group', 4);
  await page.keyboard.press('ArrowDown'); // Steg -> Tjeneste
  await page.keyboard.press('Tab');
  assert.ok(await focusVisible(page), 'the button shows focus');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => location.hash.includes('group=service') && location.hash.includes('from=2026-01'));
  await page.locator('#share-table thead th', { hasText: 'Tjeneste' }).first().waitFor();
  const byService = await report('service');
  const rows = await tableCells(page, 'share-table');
  assert.deepEqual(Object.keys(rows).sort(), byService.groups.map((g) => g.key.service).sort());
  // The tables scroll by keyboard when they are wider than the screen.
  await tabTo(page, '.table-scroll');
  assert.ok(await focusVisible(page));
  // A step in the coloured diagram opens it in the routine.
  await tabTo(page, '.routine-diagram .step-card');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => location.hash.startsWith('#/routine/'));
  await page.goBack();
  await page.locator('#heat-table').waitFor();
  await tabTo(page, 'button.ds-button[data-variant="secondary"]');
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  assert.match(download.suggestedFilename(), /^etterlevelse-demo-2026-0\d-2026-06\.csv$/);
  // A period that ends before it begins is refused at the field, by keyboard too.
  await page.locator('#dash-from-month').focus();
  await page.keyboard.press('End'); // desember 2026, after juni 2026
  await tabTo(page, '.dash-form button[type="submit"]', 6);
  await page.keyboard.press('Enter');
  await page.locator('#dash-form-error').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'dash-from-month');
  assert.equal(await page.locator('#dash-from-month').getAttribute('aria-invalid'), 'true');
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('a period without cases says so and draws nothing', async (t) => {
  if (!requireBrowser(t)) return;
  const { context, page } = await leader();
  await page.goto(`${server.url}/#/dashboard?from=2025-01&to=2025-03&group=step`);
  await page.locator('.key-figures').waitFor();
  await page.locator('#trend-table').waitFor();
  assert.equal(await page.locator('#share-chart, #overdue-chart, #heat-table').count(), 0);
  assert.equal(await page.getByText('Ingen steg i perioden.').count(), 3);
  assert.equal(await page.locator('rect.bar').count(), 0);
  await page.locator('.trend-box[data-series]').waitFor();
  const series = JSON.parse(await page.locator('.trend-box').getAttribute('data-series'));
  assert.deepEqual(series, [['2025-01', null], ['2025-02', null], ['2025-03', null]]);
  assert.equal(await page.locator('.key-figure[data-figure="overdue_now"] .key-value').innerText(), 'færre enn 5');
  await shot(page, 'dashboard-empty');
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('screenshots: narrow phone and 200 % zoom, no sideways scrolling', async (t) => {
  if (!requireBrowser(t)) return;
  for (const [label, viewport] of [['320px', { width: 320, height: 640 }], ['zoom200', { width: 640, height: 450 }]]) {
    const { context, page } = await leader('nb', viewport);
    await openDashboard(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 1, `dashboard at ${label} scrolls sideways by ${overflow} px`);
    await shot(page, `dashboard-${label}`);
    await context.close();
  }
});
