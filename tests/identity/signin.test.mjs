// Web sign-in through a real OpenID Provider (npm oidc-provider) with a
// real browser (Debian's Chromium through playwright-core):
//   - /auth/login -> the provider's dev login form -> /auth/callback -> a
//     session cookie; a case action with the cookie and the CSRF token; the
//     journal shows the person id; logout ends the session;
//   - a cross-origin POST with the cookie is refused;
//   - a person in two services picks one; a person in none is told whom
//     to ask;
//   - with PostgreSQL (the CTest pg fixture): two `stafett serve` replicas
//     on one database; sign in through one, act through the other.
// usage: node signin.test.mjs STAFETT_BINARY SOURCE_DIR
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import test from 'node:test';

import { SECRET, freePort, personId, requireOrSkip, rmSync, startServe, tempDir, writeIdentity } from './harness.mjs';

const [stafett, source] = process.argv.slice(2);
requireOrSkip(stafett && existsSync(stafett), 'the stafett binary');
requireOrSkip(existsSync(path.join(source, 'node_modules', 'oidc-provider')), 'node_modules/oidc-provider (tools/install-deps.sh test)');
requireOrSkip(existsSync(path.join(source, 'node_modules', 'playwright-core')), 'node_modules/playwright-core');
requireOrSkip(existsSync('/usr/bin/chromium'), 'Chromium (/usr/bin/chromium)');
const { chromium } = await import('playwright-core');
const { startProvider, newKey } = await import('./op.mjs');

const CONCERN = { age_band: '6-12', categories: ['trivsel'], text: 'Eleven virker sliten og trekker seg unna.' };
const CLIENT_SECRET = 'web-client-secret-0123456789abcdef';
const shots = path.join(process.env.STAFETT_SCREENSHOTS ?? path.join(source, 'build', 'screenshots'), 'identity');
mkdirSync(shots, { recursive: true });

const work = tempDir('stafett-signin-');
const opPort = await freePort();
const ports = [await freePort(), await freePort()];
const publicUrl = (p) => `http://127.0.0.1:${p}`;
const op = await startProvider({
  port: opPort,
  keys: [await newKey('RS256', 'web-1')],
  accounts: {
    kari: { groups: ['g-skole'] },
    per: { groups: ['g-skole', 'g-helse'] },
    ola: { groups: ['g-annet'] },
  },
  clients: [{
    client_id: 'stafett-web-nesseby',
    client_secret: CLIENT_SECRET,
    redirect_uris: ports.map((p) => `${publicUrl(p)}/auth/callback`),
    response_types: ['code'],
    grant_types: ['authorization_code'],
    token_endpoint_auth_method: 'client_secret_basic',
  }],
});
const identity = path.join(work, 'identity');
writeIdentity(identity, 'nesseby.yaml', `tenant: nesseby
issuer: ${op.issuer}
client_id: stafett-web-nesseby
client_secret: {file: ${path.join(work, 'client-secret')}}
scopes: [openid, profile]
ask: IT-brukerstøtte i Nesseby kommune
mappings:
  - {claim: groups, value: g-skole, role: worker, service: skole}
  - {claim: groups, value: g-helse, role: coordinator, service: helsestasjon}
`);
writeIdentity(work, 'client-secret', `${CLIENT_SECRET}\n`);

// PostgreSQL when the CTest fixture gives one (two replicas share it);
// SQLite otherwise, with one replica.
let db = `sqlite:${path.join(work, 'stafett.db')}`;
let pgSchema;
let pgDsn;
const dsnFile = process.env.STAFETT_TEST_PG_DSN_FILE;
if (dsnFile && existsSync(dsnFile)) {
  pgDsn = readFileSync(dsnFile, 'utf8').trim();
  pgSchema = `ident_${Math.random().toString(16).slice(2, 10)}`;
  execFileSync('psql', [pgDsn, '-qc', `create schema ${pgSchema}`]);
  db = `${pgDsn} options='-c search_path=${pgSchema}'`;
} else if (process.env.CI === 'true') {
  console.error('PostgreSQL (STAFETT_TEST_PG_DSN_FILE) is missing, and CI=true: failing');
  process.exit(1);
}

const replicas = [];
for (const p of pgSchema ? ports : ports.slice(0, 1)) {
  replicas.push(await startServe({
    stafett, source, identity, db,
    extraArgs: ['--listen', `127.0.0.1:${p}`, '--public-url', publicUrl(p)],
  }));
}
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});

test.after(async () => {
  await browser.close();
  for (const r of replicas) await r.stop();
  await op.close();
  if (pgSchema) execFileSync('psql', [pgDsn, '-qc', `drop schema ${pgSchema} cascade`]);
  rmSync(work, { recursive: true, force: true });
});

// Signs `login` in through replica `r` and returns the page, left on our
// origin.
async function signIn(context, r, login, shot) {
  const page = await context.newPage();
  await page.goto(`${r.base}/auth/login?tenant=nesseby`);
  await page.waitForURL(new RegExp(`^${op.issuer}/`));
  await page.fill('input[name=login]', login);
  await page.fill('input[name=password]', 'whatever');
  const back = (u) => u.toString().startsWith(r.base);
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  if (page.url().startsWith(op.issuer)) {
    // The consent prompt of the dev interactions.
    await Promise.all([page.waitForURL(back, { timeout: 15000 }), page.click('button[type=submit]')]);
  }
  await page.waitForURL(back, { timeout: 15000 });
  if (shot) await page.screenshot({ path: path.join(shots, `${shot}.png`), fullPage: true });
  return page;
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

test('sign in through the provider, act on a case with cookie + CSRF, log out', async () => {
  const context = await browser.newContext({ locale: 'nb-NO' });
  const r = replicas[0];
  const page = await signIn(context, r, 'kari', 'signed-in');
  const cookies = await context.cookies(r.base);
  const session = cookies.find((c) => c.name === 'stafett_session');
  assert.ok(session, JSON.stringify(cookies));
  assert.equal(session.httpOnly, true);
  // No provider token ever reaches the browser.
  for (const c of cookies) assert.ok(!/^eyJ/.test(c.value), c.name);

  const me = await inPage(page, 'GET', '/auth/session');
  assert.equal(me.status, 200, me.text);
  assert.equal(me.json.tenant, 'nesseby');
  assert.equal(me.json.service, 'skole');
  assert.equal(me.json.role, 'worker');
  assert.equal(me.json.source, 'oidc');
  const person = personId(op.issuer, 'kari');
  assert.equal(me.json.person_id, person);

  // Without the CSRF token: refused. With it: the case is logged.
  const refused = await inPage(page, 'POST', '/api/v1/cases', { body: CONCERN });
  assert.equal(refused.status, 403, refused.text);
  const created = await inPage(page, 'POST', '/api/v1/cases', { body: CONCERN, csrf: me.json.csrf_token });
  assert.equal(created.status, 201, created.text);
  const log = await inPage(page, 'GET', `/api/v1/cases/${created.json.id}/log`);
  assert.equal(log.status, 200, log.text);
  assert.equal(log.json.entries[0].by.person_id, person);

  // A cross-origin POST with the cookie is refused (Origin check).
  const evil = await fetch(`${r.base}/api/v1/cases`, {
    method: 'POST',
    headers: { cookie: `stafett_session=${session.value}`, origin: 'http://evil.example', 'content-type': 'application/json', 'x-csrf-token': me.json.csrf_token },
    body: JSON.stringify(CONCERN),
  });
  assert.equal(evil.status, 403);

  const out = await inPage(page, 'POST', '/auth/logout', { csrf: me.json.csrf_token });
  assert.equal(out.status, 204, out.text);
  assert.equal((await inPage(page, 'GET', '/auth/session')).status, 401);
  // The old cookie is dead on the server, not only in the browser.
  const replay = await fetch(`${r.base}/auth/session`, { headers: { cookie: `stafett_session=${session.value}` } });
  assert.equal(replay.status, 401);
  await context.close();
});

test('an administrator ends a person\'s sessions at once', async () => {
  const r = replicas[0];
  const context = await browser.newContext({ locale: 'nb-NO' });
  const page = await signIn(context, r, 'kari');
  assert.equal((await inPage(page, 'GET', '/auth/session')).status, 200);
  const admin = execFileSync(stafett, ['token', '--tenant', 'nesseby', '--service', 'skole', '--role', 'admin', '--ttl', '1h'],
    { env: { ...process.env, STAFETT_TOKEN_SECRET: SECRET } }).toString().trim();
  const res = await fetch(`${r.base}/api/v1/sessions/revoke`, {
    method: 'POST',
    headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
    body: JSON.stringify({ person_id: personId(op.issuer, 'kari') }),
  });
  assert.equal(res.status, 200);
  assert.ok((await res.json()).revoked >= 1);
  assert.equal((await inPage(page, 'GET', '/auth/session')).status, 401);
  await context.close();
});

test('a person in two services picks one; a person in none is told whom to ask', async () => {
  const r = replicas[0];
  const c1 = await browser.newContext({ locale: 'nb-NO' });
  const page = await signIn(c1, r, 'per', 'choose-service');
  assert.match(await page.textContent('h1'), /Velg tjeneste/);
  // The routine's names, not the ids.
  assert.match(await page.textContent('ul'), /Nesseby skole/);
  await page.click('a:has-text("Helsestasjon")');
  await page.waitForURL(`${r.base}/`);
  const me = await inPage(page, 'GET', '/auth/session');
  assert.equal(me.json.service, 'helsestasjon');
  assert.equal(me.json.role, 'coordinator');
  await c1.close();

  const c2 = await browser.newContext({ locale: 'nb-NO' });
  const refused = await signIn(c2, r, 'ola', 'no-access');
  assert.match(await refused.textContent('body'), /IT-brukerstøtte i Nesseby kommune/);
  assert.equal((await c2.cookies(r.base)).find((c) => c.name === 'stafett_session'), undefined);
  await c2.close();
});

test('sessions work across two replicas on one PostgreSQL', { skip: !pgSchema && 'no PostgreSQL' }, async () => {
  const [one, two] = replicas;
  const context = await browser.newContext({ locale: 'nb-NO' });
  const page = await signIn(context, one, 'kari');
  // Cookies are not separated by port: the browser sends it to replica two.
  await page.goto(`${two.base}/auth/session`);
  const me = JSON.parse(await page.textContent('body'));
  assert.equal(me.person_id, personId(op.issuer, 'kari'));
  const created = await inPage(page, 'POST', '/api/v1/cases', { body: CONCERN, csrf: me.csrf_token });
  assert.equal(created.status, 201, created.text);
  // Logged out through one: gone on two at once (replaying the old cookie).
  const cookie = (await context.cookies(two.base)).find((c) => c.name === 'stafett_session');
  assert.ok(cookie);
  await page.goto(`${one.base}/auth/session`);
  assert.equal((await inPage(page, 'POST', '/auth/logout', { csrf: me.csrf_token })).status, 204);
  const after = await fetch(`${two.base}/auth/session`, { headers: { cookie: `stafett_session=${cookie.value}` } });
  assert.equal(after.status, 401);
  await context.close();
});
