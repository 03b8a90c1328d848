// Services shared between municipalities, end to end: the four-municipality
// example (tests/identity/midt-troms: Gratangen, Lavangen, Salangen and
// Ibestad, one kindergarten each, one child-welfare service hosted by
// Salangen) against a real OpenID Provider (npm oidc-provider) and a real
// browser (Debian's Chromium through playwright-core):
//   - each kindergarten signs in at its own municipality and logs a concern
//     that goes to child welfare for anonymous discussion;
//   - a person of the shared child-welfare service signs in ONCE (at the
//     host) and has one worklist with the cases of all four municipalities;
//     acting on a Lavangen case writes Lavangen's journal as Lavangen's
//     service "barnevern", with the person id;
//   - a kindergarten sees only its own municipality's cases;
//   - Lavangen's access log shows the read and says it came through
//     salangen/barnevern_midt_troms; Salangen's administrator cannot see it.
// usage: node shared.test.mjs STAFETT_BINARY SOURCE_DIR
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import test from 'node:test';

import { SECRET, call, freePort, personId, requireOrSkip, rmSync, startServe, tempDir, writeIdentity } from './harness.mjs';

const [stafett, source] = process.argv.slice(2);
requireOrSkip(stafett && existsSync(stafett), 'the stafett binary');
requireOrSkip(existsSync(path.join(source, 'node_modules', 'oidc-provider')), 'node_modules/oidc-provider (tools/install-deps.sh test)');
requireOrSkip(existsSync(path.join(source, 'node_modules', 'playwright-core')), 'node_modules/playwright-core');
requireOrSkip(existsSync('/usr/bin/chromium'), 'Chromium (/usr/bin/chromium)');
const { chromium } = await import('playwright-core');
const { startProvider, newKey } = await import('./op.mjs');

const TENANTS = ['gratangen', 'lavangen', 'salangen', 'ibestad'];
const HOST = 'salangen';
const VIA = 'salangen/barnevern_midt_troms';
const CLIENT_SECRET = 'midt-troms-client-secret-0123456789';
const example = path.join(source, 'tests', 'identity', 'midt-troms');

const work = tempDir('stafett-shared-');
const opPort = await freePort();
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const accounts = { bv: { groups: ['g-barnevern-midt-troms'] } };
for (const t of TENANTS) accounts[`kg-${t}`] = { groups: [`g-${t}-barnehage`] };
const op = await startProvider({
  port: opPort,
  keys: [await newKey('RS256', 'midt-troms-1')],
  accounts,
  clients: TENANTS.map((t) => ({
    client_id: `stafett-${t}`,
    client_secret: CLIENT_SECRET,
    redirect_uris: [`${base}/auth/callback`],
    response_types: ['code'],
    grant_types: ['authorization_code'],
    token_endpoint_auth_method: 'client_secret_basic',
  })),
});
// The example's identity files, with this run's provider and secret file.
const identity = path.join(work, 'identity');
const secretFile = path.join(work, 'client-secret');
writeIdentity(work, 'client-secret', `${CLIENT_SECRET}\n`);
for (const f of readdirSync(path.join(example, 'identity'))) {
  const text = readFileSync(path.join(example, 'identity', f), 'utf8')
    .replaceAll('@ISSUER@', op.issuer).replaceAll('@SECRET_FILE@', secretFile);
  writeIdentity(identity, f, text);
}

const serve = await startServe({
  stafett, source, identity,
  db: `sqlite:${path.join(work, 'stafett.db')}`,
  routines: path.join(example, 'workflows'),
  extraArgs: ['--listen', `127.0.0.1:${port}`, '--public-url', base],
});
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});

test.after(async () => {
  await browser.close();
  await serve.stop();
  await op.close();
  rmSync(work, { recursive: true, force: true });
});

async function signIn(tenant, login) {
  const context = await browser.newContext({ locale: 'nb-NO' });
  const page = await context.newPage();
  await page.goto(`${base}/auth/login?tenant=${tenant}`);
  await page.waitForURL(new RegExp(`^${op.issuer}/`));
  await page.fill('input[name=login]', login);
  await page.fill('input[name=password]', 'whatever');
  const back = (u) => u.toString().startsWith(base);
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  if (page.url().startsWith(op.issuer)) {
    await Promise.all([page.waitForURL(back, { timeout: 15000 }), page.click('button[type=submit]')]);
  }
  await page.waitForURL(back, { timeout: 15000 });
  const me = await inPage(page, 'GET', '/auth/session');
  assert.equal(me.status, 200, me.text);
  return { context, page, me: me.json };
}

async function inPage(page, method, url, { body, csrf, headers = {} } = {}) {
  return page.evaluate(async ({ method, url, body, csrf, headers }) => {
    const h = { ...headers };
    if (body !== undefined) h['content-type'] = 'application/json';
    if (csrf) h['x-csrf-token'] = csrf;
    const res = await fetch(url, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
    const text = await res.text();
    let json;
    try { json = JSON.parse(text); } catch { json = undefined; }
    return { status: res.status, text, json };
  }, { method, url, body, csrf, headers });
}

function adminToken(tenant) {
  return execFileSync(stafett, ['token', '--tenant', tenant, '--service', 'barnehage', '--role', 'admin', '--ttl', '1h'],
    { env: { ...process.env, STAFETT_TOKEN_SECRET: SECRET } }).toString().trim();
}

const cases = {};  // tenant -> case id
const sessions = {};  // tenant -> kindergarten session

test('each kindergarten logs a concern in its own municipality', async () => {
  for (const t of TENANTS) {
    const s = await signIn(t, `kg-${t}`);
    assert.equal(s.me.tenant, t);
    assert.equal(s.me.service, 'barnehage');
    const created = await inPage(s.page, 'POST', '/api/v1/cases', {
      csrf: s.me.csrf_token,
      body: { age_band: '3-5', categories: ['trivsel'], text: 'Barnet er ofte lei seg ved henting.' },
    });
    assert.equal(created.status, 201, created.text);
    assert.match(created.json.reference, new RegExp(`^${t.slice(0, 3).toUpperCase()}-`));
    // To anonymous discussion with child welfare: its work now.
    const consulted = await inPage(s.page, 'POST', `/api/v1/cases/${created.json.id}/commands`, {
      csrf: s.me.csrf_token,
      headers: { 'if-match': `"${created.json.version}"` },
      body: { type: 'outcome', outcome: 'consult' },
    });
    assert.equal(consulted.status, 200, consulted.text);
    assert.equal(consulted.json.responsible, 'barnevern');
    cases[t] = created.json.id;
    sessions[t] = s;
  }
});

test('the shared child-welfare service signs in once and sees all four municipalities', async () => {
  const bv = await signIn(HOST, 'bv');
  assert.equal(bv.me.tenant, HOST);
  assert.equal(bv.me.service, 'barnevern_midt_troms');
  const person = personId(op.issuer, 'bv');
  assert.equal(bv.me.person_id, person);

  const list = await inPage(bv.page, 'GET', '/api/v1/cases');
  assert.equal(list.status, 200, list.text);
  const seen = Object.fromEntries(list.json.items.map((c) => [c.tenant, c.id]));
  assert.deepEqual(Object.keys(seen).sort(), [...TENANTS].sort());
  for (const t of TENANTS) assert.equal(seen[t], cases[t]);
  for (const c of list.json.items) assert.equal(c.responsible, 'barnevern');
  // Paging across the four: two pages of two, nothing lost or repeated.
  const p1 = await inPage(bv.page, 'GET', '/api/v1/cases?limit=2');
  assert.equal(p1.json.items.length, 2);
  assert.ok(p1.json.next_cursor);
  const p2 = await inPage(bv.page, 'GET', `/api/v1/cases?limit=2&cursor=${encodeURIComponent(p1.json.next_cursor)}`);
  const ids = [...p1.json.items, ...p2.json.items].map((c) => c.id).sort();
  assert.deepEqual(ids, Object.values(cases).sort());
  // One municipality's list on request; an unserved one is unknown.
  const lav = await inPage(bv.page, 'GET', '/api/v1/cases?tenant=lavangen');
  assert.deepEqual(lav.json.items.map((c) => c.id), [cases.lavangen]);
  assert.equal((await inPage(bv.page, 'GET', '/api/v1/cases?tenant=nesseby')).status, 404);

  // Acting on the Lavangen case: Lavangen's journal, Lavangen's service id.
  const c = await inPage(bv.page, 'GET', `/api/v1/cases/${cases.lavangen}`);
  assert.equal(c.status, 200, c.text);
  const noted = await inPage(bv.page, 'POST', `/api/v1/cases/${cases.lavangen}/commands`, {
    csrf: bv.me.csrf_token,
    headers: { 'if-match': `"${c.json.version}"` },
    body: { type: 'note', text: 'Drøftet anonymt; barnehagen følger opp.' },
  });
  assert.equal(noted.status, 200, noted.text);
  const log = await inPage(bv.page, 'GET', `/api/v1/cases/${cases.lavangen}/log`);
  assert.equal(log.status, 200, log.text);
  const note = log.json.entries.find((e) => e.kind === 'note');
  assert.equal(note.by.service, 'barnevern');
  assert.equal(note.by.person_id, person);
  // Clarified: back with the kindergarten, out of child welfare's sight.
  const done = await inPage(bv.page, 'POST', `/api/v1/cases/${cases.lavangen}/commands`, {
    csrf: bv.me.csrf_token,
    headers: { 'if-match': `"${noted.json.version}"` },
    body: { type: 'outcome', outcome: 'clarified' },
  });
  assert.equal(done.status, 200, done.text);
  const after = await inPage(bv.page, 'GET', '/api/v1/cases');
  assert.deepEqual(after.json.items.map((x) => x.tenant).sort(), ['gratangen', 'ibestad', 'salangen']);

  // Lavangen's access log names the person and the border crossed.
  const admin = adminToken('lavangen');
  const access = await call(base, 'GET', `/api/v1/cases/${cases.lavangen}/access-log`, { token: admin });
  assert.equal(access.status, 200, access.text);
  const reads = access.json.entries.filter((e) => e.person_id === person);
  assert.ok(reads.length >= 2, access.text);
  for (const r of reads) {
    assert.equal(r.service, 'barnevern');
    assert.equal(r.via, VIA);
  }
  // The kindergarten's own reads are not marked.
  for (const r of access.json.entries.filter((e) => e.person_id !== person)) assert.equal(r.via, null);
  // Salangen's administrator (the host) does not reach Lavangen's case.
  const host = await call(base, 'GET', `/api/v1/cases/${cases.lavangen}/access-log`, { token: adminToken(HOST) });
  assert.equal(host.status, 404);
  await bv.context.close();
});

test('a kindergarten sees only its own municipality', async () => {
  const s = sessions.salangen;
  const list = await inPage(s.page, 'GET', '/api/v1/cases?status=any');
  assert.equal(list.status, 200, list.text);
  assert.deepEqual(list.json.items.map((c) => c.tenant), ['salangen']);
  for (const t of TENANTS.filter((x) => x !== 'salangen')) {
    const other = await inPage(s.page, 'GET', `/api/v1/cases/${cases[t]}`);
    assert.equal(other.status, 404, `${t}: ${other.text}`);
    const cmd = await inPage(s.page, 'POST', `/api/v1/cases/${cases[t]}/commands`, {
      csrf: s.me.csrf_token, headers: { 'if-match': '"2"' }, body: { type: 'note', text: 'Prøver.' },
    });
    assert.equal(cmd.status, 404, `${t}: ${cmd.text}`);
  }
  // Nor does it act through another tenant's name.
  assert.equal((await inPage(s.page, 'GET', '/api/v1/cases?tenant=lavangen')).status, 422);
  for (const t of TENANTS) await sessions[t].context.close();
});
