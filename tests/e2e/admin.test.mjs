// The administrator's pages, in Debian's Chromium against a real `stafett
// serve`:
//  - an admin pastes a broken routine, sees each problem at its line (a
//    click puts the caret there), fixes it, sees the diff and the open case
//    affected, publishes, migrates the open case (dry run, then confirm);
//    a new case then follows the new version;
//  - the same with the keyboard alone (typing, Ctrl+Enter, Tab, Enter);
//  - an auditor and a worker see no admin link, get "for administrators
//    only" on the pages, and the API refuses them (403);
//  - axe-core: 0 violations on every admin page in nb, nn, se and en;
//  - screenshots of every admin page (build/tests/e2e/output/admin-*.png).
//
// The shipped bti.yaml's version is V; drafts are published as V+1 and
// V+2, so the test follows the shipped file when its version is raised.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startServer, apiClient, SOURCE } from './lib/server.mjs';
import { browserMissing, requireBrowser, sharedBrowser, closeSharedBrowser, signedInContext, openPage, shot } from './lib/browser.mjs';
import { tabTo, focusVisible } from './lib/app.mjs';

const LANGS = ['nb', 'nn', 'se', 'en'];
const ADMIN = { service: 'demo_skole', role: 'admin' };
let server;
let AxeBuilder;
let reference; // an open case of the demo tenant
const BTI = readFileSync(path.join(SOURCE, 'workflows/bti.yaml'), 'utf8');
const V = Number(/^version: (\d+)/m.exec(BTI)[1]);

// bti.yaml as version `v` with a new title and a shorter deadline on the
// first step (a change the diff must show and a new case must follow).
function draft(v) {
  return BTI.replace(/^version: \d+.*$/m, `version: ${v}`)
    .replace('      nb: Undring registrert\n', `      nb: Undring registrert (v${v})\n`)
    .replace('    deadline: P14D            # beslutning innen 14 dager (Tromsø)', '    deadline: P10D            # beslutning innen 10 dager');
}

// Two mistakes on known lines: an outcome to a step that does not exist,
// and a deadline that is not an ISO 8601 duration.
function broken(v) {
  const text = draft(v)
    .replace('      - name: describe\n        to: konkretisert\n', '      - name: describe\n        to: konkretisrt\n')
    .replace('    deadline: P14D            # observasjonsvindu (antakelse)', '    deadline: 14 dager');
  const lines = text.split('\n');
  return {
    text,
    badTarget: lines.findIndex((l) => l.includes('to: konkretisrt')) + 1,
    badDeadline: lines.findIndex((l) => l.includes('deadline: 14 dager')) + 1,
  };
}

before(async () => {
  if (browserMissing()) return;
  server = await startServer();
  ({ default: AxeBuilder } = await import(path.join(SOURCE, 'node_modules/@axe-core/playwright/dist/index.mjs')));
  const kg = apiClient(server, 'solsikken_barnehage');
  const c = await kg('POST', '/api/v1/cases', { age_band: '3-5', categories: ['språk'], text: 'Gutten snakker lite i lek.' });
  reference = c.reference;
  await kg('GET', `/api/v1/cases/${c.id}?reason=${encodeURIComponent('Forberede møte')}`);
});
after(async () => {
  await closeSharedBrowser();
  if (server) await server.stop();
});

async function adminPage(lang = 'nb', hash = '#/admin') {
  const context = await signedInContext(await sharedBrowser(), server, { ...ADMIN, lang });
  const page = await openPage(context, `${server.url}/${hash}`);
  await page.locator('main h1').waitFor();
  return { context, page };
}

// The caret's line in the editor.
const caretLine = (page) =>
  page.evaluate(() => {
    const el = document.getElementById('routine-yaml');
    return el.value.slice(0, el.selectionStart).split('\n').length;
  });

test('publish: a broken routine shows its problems at their lines; fixed, it publishes, the open case moves and a new case follows it', async (t) => {
  if (!requireBrowser(t)) return;
  const { context, page } = await adminPage('nb', '#/admin/routines/bti/edit');
  await page.getByRole('heading', { level: 1, name: 'Rediger rutinen «bti»' }).waitFor();
  const bad = broken(V + 1);
  await page.getByLabel('Rutinefil (YAML)').fill(bad.text);
  await page.getByRole('button', { name: 'Sjekk utkastet', exact: true }).click();
  const heading = page.locator('#check-heading');
  await heading.waitFor();
  assert.match(await heading.textContent(), /Utkastet har \d+ feil/);
  const jumps = await page.locator('.diag-jump').allTextContents();
  const lines = jumps.map((s) => Number(/Linje (\d+)/.exec(s)[1]));
  assert.ok(lines.includes(bad.badTarget), `a problem at line ${bad.badTarget} (the outcome's target): ${jumps.join(' | ')}`);
  assert.ok(lines.includes(bad.badDeadline), `a problem at line ${bad.badDeadline} (the deadline): ${jumps.join(' | ')}`);
  assert.equal(await page.locator('#publish-button').count(), 0, 'no publish button for a broken draft');
  await shot(page, 'admin-editor-diagnostics');

  // A click on a problem puts the caret on its line.
  const i = lines.indexOf(bad.badDeadline);
  await page.locator('.diag-jump').nth(i).click();
  assert.equal(await caretLine(page), bad.badDeadline);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'routine-yaml');
  assert.match(await page.locator('.yaml-position').textContent(), new RegExp(`Linje ${bad.badDeadline},`));

  // Fixed: publishable, with the diff and the open case affected.
  await page.getByLabel('Rutinefil (YAML)').fill(draft(V + 1));
  assert.match(await page.locator('.editor-main').textContent(), /endret etter siste sjekk/);
  await page.getByRole('button', { name: 'Sjekk utkastet', exact: true }).click();
  await page.getByRole('heading', { name: `Utkastet kan publiseres som bti versjon ${V + 1}` }).waitFor();
  const diff = await page.locator('.draft-diff').textContent();
  assert.match(diff, new RegExp(`Endringer fra versjon ${V}`));
  assert.match(diff, /Undring registrert/);
  assert.match(diff, /1 åpen sak/);
  await shot(page, 'admin-editor-publishable');
  await page.getByRole('button', { name: `Publiser bti versjon ${V + 1}`, exact: true }).click();
  await page.getByText(`Versjon ${V + 1} er publisert.`).waitFor();

  // The open case: a dry run first, then the real move.
  await page.getByRole('button', { name: 'Prøv uten å flytte (tørrkjøring)' }).click();
  await page.locator('#migrate-dry-heading').waitFor();
  await shot(page, 'admin-migrate-dry-run');
  await page.getByRole('button', { name: /^Flytt 1 sak/ }).click();
  await page.getByRole('button', { name: 'Ja, flytt 1 sak' }).click();
  await page.getByText('1 sak er flyttet.').waitFor();
  await shot(page, 'admin-migrate-done');

  // The list shows version V+1 as current, with version V kept.
  await page.goto(`${server.url}/#/admin`);
  const table = page.getByRole('table', { name: 'Versjoner av bti' });
  await table.waitFor();
  const rows = await table.locator('tbody tr').allTextContents();
  assert.match(rows[0], new RegExp(`Versjon ${V + 1}.*Gjeldende`));
  assert.match(rows[1], new RegExp(`Versjon ${V}`));
  await shot(page, 'admin-routines-after-publish');

  // A new case follows version V+1: the worker sees the new step title.
  const school = apiClient(server, 'demo_skole');
  const c = await school('POST', '/api/v1/cases', { age_band: '6-12', categories: ['læring'], text: 'Eleven strever med lesing.' });
  assert.equal(c.routine.version, V + 1);
  const worker = await openPage(await signedInContext(await sharedBrowser(), server, { service: 'demo_skole' }), `${server.url}/#/cases/${c.id}`);
  await worker.getByText(`Undring registrert (v${V + 1})`).first().waitFor();
  assert.deepEqual(page.problems, []);
  await worker.context().close();
  await context.close();
});

test('keyboard only: type a draft, check it, go to a problem, fix it and publish', async (t) => {
  if (!requireBrowser(t)) return;
  const { context, page } = await adminPage('nb', '#/admin/editor');
  await page.getByRole('heading', { level: 1, name: 'Rediger rutine' }).waitFor();
  await page.locator('body').focus();
  await tabTo(page, '#routine-yaml');
  assert.ok(await focusVisible(page) || (await page.evaluate(() => getComputedStyle(document.querySelector('.yaml-frame')).boxShadow !== 'none')), 'the editor shows focus');
  const bad = broken(V + 2);
  await page.keyboard.insertText(bad.text);
  await page.keyboard.press('Control+Enter');
  await page.locator('#check-heading').waitFor();
  // Focus goes to the result's heading; Tab reaches the first problem.
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'check-heading');
  await tabTo(page, '.diag-jump', 5);
  const first = Number(/(\d+)/.exec(await page.evaluate(() => document.activeElement.textContent))[1]);
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'routine-yaml');
  assert.equal(await caretLine(page), first);
  // Replace the whole text with the fixed draft, check with the button.
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(draft(V + 2));
  await tabTo(page, '#check-button', 5);
  assert.ok(await focusVisible(page), 'the check button shows focus');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: `Utkastet kan publiseres som bti versjon ${V + 2}` }).waitFor();
  await tabTo(page, '#publish-button', 40);
  assert.ok(await focusVisible(page), 'the publish button shows focus');
  await page.keyboard.press('Enter');
  await page.getByText(`Versjon ${V + 2} er publisert.`).waitFor();
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'published');
  await shot(page, 'admin-keyboard-published');
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('an auditor and a worker cannot reach the admin pages: no link, a refusal page, 403 from the API', async (t) => {
  if (!requireBrowser(t)) return;
  for (const who of [{ service: 'demo_skole', role: 'auditor' }, { service: 'demo_skole', role: 'worker' }]) {
    const context = await signedInContext(await sharedBrowser(), server, who);
    const page = await openPage(context, `${server.url}/#/routine`);
    await page.locator('main h1').waitFor();
    assert.equal(await page.locator('nav').getByRole('link', { name: 'Administrasjon' }).count(), 0, `${who.role}: no admin link`);
    for (const hash of ['#/admin', '#/admin/routines/bti/edit', '#/admin/notifications', '#/admin/access-log', '#/admin/retention', '#/admin/routines/bti/simulate']) {
      await page.goto(`${server.url}/${hash}`);
      await page.getByRole('heading', { level: 1, name: 'Bare for administrator' }).waitFor();
      assert.equal(await page.locator('textarea, .admin-nav').count(), 0, `${who.role} ${hash}: nothing of the page`);
    }
    if (who.role === 'auditor') await shot(page, 'admin-refused-auditor');
    const token = server.token(who.service, who.role);
    const calls = [
      ['GET', '/api/v1/notifications?status=failed'],
      ['GET', '/api/v1/notifications/summary'],
      ['GET', `/api/v1/access-log?reference=${reference}`],
      ['POST', '/api/v1/routines/simulate', JSON.stringify({ routine: 'bti', cases: 10 }), 'application/json'],
      ['POST', '/api/v1/routines/check', draft(V + 7), 'application/yaml'],
      ['POST', '/api/v1/routines', draft(V + 7), 'application/yaml'],
      ['POST', '/api/v1/routines/bti/migrations', JSON.stringify({ to: V, map: {}, dry_run: true }), 'application/json'],
    ];
    for (const [method, p, body, type] of calls) {
      const headers = { Authorization: `Bearer ${token}` };
      if (type) headers['Content-Type'] = type;
      const res = await fetch(server.url + p, { method, headers, body });
      assert.equal(res.status, 403, `${who.role} ${method} ${p}`);
      assert.match(res.headers.get('content-type'), /problem\+json/);
    }
    assert.deepEqual(page.problems, []);
    await context.close();
  }
});

// Every admin page with what an administrator would have done on it.
const PAGES = [
  { name: 'routines', hash: '#/admin', ready: '.admin-routine table' },
  {
    name: 'version', hash: `#/admin/routines/bti/versions/${V}`, ready: '.step-card',
    prepare: async (page) => {
      await page.locator('.step-card').nth(2).click();
      await page.locator('#step-detail-heading').waitFor();
    },
  },
  {
    name: 'editor', hash: '#/admin/routines/bti/edit', ready: '#routine-yaml',
    prepare: async (page) => {
      await page.locator('#routine-yaml').fill(broken(V + 5).text);
      await page.locator('#check-button').click();
      await page.locator('.diag-jump').first().waitFor();
    },
  },
  {
    name: 'simulate', hash: '#/admin/routines/bti/simulate', ready: '#sim-cases',
    prepare: async (page) => {
      await page.locator('#sim-cases').fill('200');
      await page.locator('#sim-months').fill('6');
      // The first month is picked from two selects in the page's language
      // (not the browser's native month field), and reaches the API.
      const year = String(new Date().getUTCFullYear() + 1);
      await page.locator('#sim-start-month').selectOption('03');
      await page.locator('#sim-start-year').selectOption(year);
      const sent = page.waitForRequest((r) => r.method() === 'POST' && r.url().includes('/simulate'));
      await page.locator('.sim-form button[type="submit"]').click();
      assert.equal((await sent).postDataJSON().start, `${year}-03`);
      await page.locator('#chart-load-title').waitFor({ timeout: 60000 });
      for (const d of await page.locator('details.chart-table').all()) await d.locator('summary').click();
    },
  },
  { name: 'notifications', hash: '#/admin/notifications', ready: '.status-line:not(:empty)' },
  {
    name: 'access-log', hash: () => `#/admin/access-log/${reference}`, ready: '#access-result',
  },
  { name: 'retention', hash: '#/admin/retention', ready: '#purge-heading, .ds-alert' },
];

async function visit(page, p) {
  const hash = typeof p.hash === 'function' ? p.hash() : p.hash;
  await page.goto(`${server.url}/${hash}`);
  await page.locator(p.ready).first().waitFor();
  if (p.prepare) await p.prepare(page);
  await page.waitForTimeout(50);
}

for (const lang of LANGS) {
  test(`axe: 0 violations on every admin page in ${lang}`, async (t) => {
    if (!requireBrowser(t)) return;
    const context = await signedInContext(await sharedBrowser(), server, { ...ADMIN, lang });
    const page = await openPage(context);
    for (const p of PAGES) {
      await visit(page, p);
      assert.equal(await page.evaluate(() => document.documentElement.lang), lang, `${p.name}: html lang`);
      const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
      const v = result.violations.map((x) => `${x.id} (${x.impact}): ${x.help}\n    ${x.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('\n    ')}`);
      assert.deepEqual(v, [], `${lang} ${p.name}`);
      await shot(page, `admin-${p.name}-${lang}`);
    }
    assert.deepEqual(page.problems, []);
    await context.close();
  });
}

test('admin pages reflow at 320 px without sideways scrolling', async (t) => {
  if (!requireBrowser(t)) return;
  const context = await signedInContext(await sharedBrowser(), server, { ...ADMIN, viewport: { width: 320, height: 640 } });
  const page = await openPage(context);
  for (const p of PAGES) {
    await visit(page, p);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 1, `${p.name} at 320 px scrolls sideways by ${overflow} px`);
    await shot(page, `admin-${p.name}-320px`);
  }
  await context.close();
});
