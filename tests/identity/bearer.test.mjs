// Bearer tokens from a real OpenID Provider (npm oidc-provider), verified by
// `stafett serve` against the provider's JWKS:
//   - a machine client's client_credentials token (RS256) and an ES256
//     token are accepted, and the journal records the client's person id;
//   - a token signed by an unknown key, for the wrong aud, from the wrong
//     issuer, expired, not yet valid, HS256 against the provider, or with
//     a fourth segment is 401 problem+json; 60 s of skew are allowed;
//   - a second provider for a second tenant cannot reach the first
//     tenant's cases;
//   - key rotation at the provider is picked up without a restart, and
//     unknown kids do not make Stafett hammer the provider (rate limit);
//   - a token that maps to no service is 403 and says whom to ask.
// usage: node bearer.test.mjs STAFETT_BINARY SOURCE_DIR
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import test from 'node:test';

import { SECRET, call, freePort, personId, requireOrSkip, rmSync, startServe, tempDir, writeIdentity } from './harness.mjs';

const [stafett, source] = process.argv.slice(2);
requireOrSkip(stafett && existsSync(stafett), 'the stafett binary');
requireOrSkip(existsSync(path.join(source, 'node_modules', 'oidc-provider')), 'node_modules/oidc-provider (tools/install-deps.sh test)');
const { startProvider, newKey, publicJwk, sign, clientCredentialsToken } = await import('./op.mjs');

const now = () => Math.floor(Date.now() / 1000);
const NES_AUD = 'api://stafett-nesseby';
const STO_AUD = 'api://stafett-storby';
const CONCERN = { age_band: '6-12', categories: ['trivsel'], text: 'Eleven virker sliten og trekker seg unna.' };

const work = tempDir('stafett-identity-');
const portA = await freePort();
const portB = await freePort();
const keyA1 = await newKey('RS256', 'a1');
const keyA2 = await newKey('ES256', 'a2');
const keyB = await newKey('RS256', 'b1');
let jwksFetchesA = 0;

const clientsA = [
  { client_id: 'fagsystem', client_secret: 'fagsystem-secret-0123456789abcdef', grant_types: ['client_credentials'], response_types: [], redirect_uris: [], roles: ['Stafett.Fagsystem'] },
  { client_id: 'ukjent', client_secret: 'ukjent-secret-0123456789abcdef0123', grant_types: ['client_credentials'], response_types: [], redirect_uris: [] },
];
async function startA(keys) {
  const op = await startProvider({ port: portA, keys, clients: clientsA, resources: { [NES_AUD]: 'RS256' } });
  op.provider.use(async (ctx, next) => { if (ctx.path === '/jwks') jwksFetchesA += 1; await next(); });
  return op;
}
let opA = await startA([keyA1, keyA2]);
const opB = await startProvider({
  port: portB, keys: [keyB], resources: { [STO_AUD]: 'RS256' },
  clients: [{ client_id: 'fagsystem-b', client_secret: 'fagsystem-b-secret-0123456789abcdef', grant_types: ['client_credentials'], response_types: [], redirect_uris: [], roles: ['Stafett.Fagsystem'] }],
});

const identity = path.join(work, 'identity');
writeIdentity(identity, 'nesseby.yaml', `tenant: nesseby
issuer: ${opA.issuer}
client_id: stafett-web-nesseby
client_secret: {env: TEST_NES_SECRET}
audience: ${NES_AUD}
ask: IT-brukerstøtte i Nesseby kommune
mappings:
  - claim: roles
    value: Stafett.Fagsystem
    role: worker
    service: skole
`);
writeIdentity(identity, 'storby.yaml', `tenant: storby
issuer: ${opB.issuer}
client_id: stafett-web-storby
client_secret: {env: TEST_STO_SECRET}
audience: ${STO_AUD}
ask: Servicedesken i Storby
mappings:
  - claim: roles
    value: Stafett.Fagsystem
    role: worker
    service: skolene
`);

const serve = await startServe({
  stafett, source, identity, db: `sqlite:${path.join(work, 'stafett.db')}`,
  env: { TEST_NES_SECRET: 'nes-client-secret', TEST_STO_SECRET: 'sto-client-secret', STAFETT_OIDC_MIN_REFRESH_MS: '2000' },
});

function good(extra = {}) {
  return { iss: opA.issuer, aud: NES_AUD, sub: 'fagsystem', roles: ['Stafett.Fagsystem'], iat: now(), exp: now() + 300, ...extra };
}
async function expect401(token, what) {
  const r = await call(serve.base, 'GET', '/api/v1/cases', { token });
  assert.equal(r.status, 401, `${what}: ${r.text}`);
  assert.match(r.headers.get('content-type'), /application\/problem\+json/, what);
  assert.match(r.headers.get('www-authenticate') ?? '', /Bearer/, what);
}

let caseId;

test.after(async () => {
  await serve.stop();
  await opA.close();
  await opB.close();
  rmSync(work, { recursive: true, force: true });
});

test('a client_credentials token from the provider opens a case; the journal names the person', async () => {
  const token = await clientCredentialsToken(opA, 'fagsystem', clientsA[0].client_secret, NES_AUD);
  const created = await call(serve.base, 'POST', '/api/v1/cases', { token, body: CONCERN });
  assert.equal(created.status, 201, created.text);
  caseId = created.json.id;
  const log = await call(serve.base, 'GET', `/api/v1/cases/${caseId}/log`, { token });
  assert.equal(log.status, 200, log.text);
  const expected = personId(opA.issuer, 'fagsystem');
  const entries = log.json.entries ?? log.json.journal ?? log.json;
  assert.ok(Array.isArray(entries) && entries.length > 0, log.text);
  assert.equal(entries[0].by.person_id, expected);
  // The request log names the person too.
  const line = serve.lines.find((l) => l.event === 'request' && l.path === '/api/v1/cases' && l.method === 'POST');
  assert.equal(line?.person_id, expected);
  assert.equal(line?.tenant, 'nesseby');
});

test('an ES256 token from the provider\'s P-256 key is accepted', async () => {
  const r = await call(serve.base, 'GET', '/api/v1/cases', { token: await sign(keyA2, good()) });
  assert.equal(r.status, 200, r.text);
});

test('60 s of clock skew are allowed on exp and nbf', async () => {
  const t = await sign(keyA1, good({ exp: now() - 30, nbf: now() + 30 }));
  const r = await call(serve.base, 'GET', '/api/v1/cases', { token: t });
  assert.equal(r.status, 200, r.text);
});

test('hostile or wrong tokens are 401 problem+json', async () => {
  const stranger = await newKey('RS256', 'a1');  // same kid, other key
  const unknown = await newKey('RS256', 'never-published');
  await expect401(await sign(unknown, good()), 'unknown key');
  await expect401(await sign(stranger, good()), 'same kid, other key');
  await expect401(await sign(keyA1, good({ aud: 'api://something-else' })), 'wrong aud');
  await expect401(await sign(keyA1, good({ aud: STO_AUD })), 'another tenant\'s aud');
  await expect401(await sign(keyA1, good({ iss: opB.issuer })), 'wrong issuer (B) signed by A');
  await expect401(await sign(keyA1, good({ iss: 'http://127.0.0.1:9' })), 'unknown issuer');
  await expect401(await sign(keyA1, good({ exp: now() - 120 })), 'expired');
  await expect401(await sign(keyA1, good({ nbf: now() + 600 })), 'not yet valid');
  await expect401(await sign(keyA1, good({ exp: 1e300 })), 'exp 1e300');
  const { exp, ...noExp } = good();
  await expect401(await sign(keyA1, noExp), 'no exp');
  // The header may not choose the algorithm: RS256 key, ES256/PS256 header.
  await expect401(await sign(keyA1, good(), { alg: 'PS256' }), 'PS256 header on an RS256 key');
  // HS256 "signed" with the provider's public key (key confusion).
  const pub = JSON.stringify(publicJwk(keyA1));
  const { createHmac } = await import('node:crypto');
  const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const head = b64({ alg: 'HS256', kid: 'a1', typ: 'JWT' });
  const body = b64(good());
  const mac = createHmac('sha256', pub).update(`${head}.${body}`).digest('base64url');
  await expect401(`${head}.${body}.${mac}`, 'HS256 with the public key');
  // A provider token signed with the dev secret is not a dev token.
  const dev = createHmac('sha256', SECRET).update(`${head}.${body}`).digest('base64url');
  await expect401(`${head}.${body}.${dev}`, 'HS256 with the dev secret but a provider iss');
  const valid = await sign(keyA1, good());
  await expect401(`${valid}.AAAA`, 'fourth segment');
  await expect401(`${valid}=`, 'padding');
});

test('a second provider for a second tenant cannot reach the first tenant\'s cases', async () => {
  assert.ok(caseId);
  const tokenB = await clientCredentialsToken(opB, 'fagsystem-b', 'fagsystem-b-secret-0123456789abcdef', STO_AUD);
  const own = await call(serve.base, 'GET', '/api/v1/cases', { token: tokenB });
  assert.equal(own.status, 200, own.text);
  assert.ok(!own.text.includes(caseId));
  const other = await call(serve.base, 'GET', `/api/v1/cases/${caseId}`, { token: tokenB });
  assert.equal(other.status, 404, other.text);
  // B's key cannot sign for A's tenant, whatever the claims say.
  await expect401(await sign(keyB, good()), 'B signs a token claiming A');
  await expect401(await sign(keyB, good({ iss: opB.issuer })), 'B issues for A\'s audience');
});

test('a verified token that maps to no service is 403 and says whom to ask', async () => {
  const token = await clientCredentialsToken(opA, 'ukjent', clientsA[1].client_secret, NES_AUD);
  const r = await call(serve.base, 'GET', '/api/v1/cases', { token });
  assert.equal(r.status, 403, r.text);
  assert.match(r.text, /IT-brukerstøtte i Nesseby kommune/);
});

test('unknown kids are rate-limited: the provider is not hammered', async () => {
  await new Promise((r) => setTimeout(r, 2100));
  const before = jwksFetchesA;
  const unknown = await newKey('RS256', 'made-up');
  for (let i = 0; i < 15; i += 1) {
    await expect401(await sign(unknown, good(), { kid: `made-up-${i}` }), `made-up kid ${i}`);
  }
  assert.ok(jwksFetchesA - before <= 1, `JWKS fetched ${jwksFetchesA - before} times`);
});

test('key rotation at the provider is picked up without a restart', async () => {
  const keyA3 = await newKey('RS256', 'a3');
  await opA.close();
  opA = await startA([keyA3]);
  await new Promise((r) => setTimeout(r, 2100));  // past the rate limit
  const r = await call(serve.base, 'GET', '/api/v1/cases', { token: await sign(keyA3, good()) });
  assert.equal(r.status, 200, r.text);
  // The retired key no longer verifies once the set was refetched.
  await expect401(await sign(keyA1, good()), 'retired key');
  // And a token from the provider itself, with the new key.
  const fresh = await clientCredentialsToken(opA, 'fagsystem', clientsA[0].client_secret, NES_AUD);
  assert.equal((await call(serve.base, 'GET', '/api/v1/cases', { token: fresh })).status, 200);
});

test('stafett audit verify covers the person id in the journal', async () => {
  const dbArg = `sqlite:${path.join(work, 'stafett.db')}`;
  const verify = () => spawnSync(stafett, ['audit', 'verify', '--db', dbArg, '--tenant', 'nesseby'],
    { env: { ...process.env, STAFETT_MIGRATIONS: path.join(source, 'db', 'migrations') } });
  const ok = verify();
  assert.equal(ok.status, 0, `${ok.stdout}${ok.stderr}`);
  // Blank the person on the case's first journal line, behind Stafett's back.
  execFileSync('sqlite3', [path.join(work, 'stafett.db'),
    `update journal set actor_person = '' where case_id = '${caseId}' and seq = 1`]);
  const broken = verify();
  assert.equal(broken.status, 1, `${broken.stdout}${broken.stderr}`);
  assert.match(`${broken.stdout}${broken.stderr}`, new RegExp(caseId));
  execFileSync('sqlite3', [path.join(work, 'stafett.db'),
    `update journal set actor_person = '${personId(opA.issuer, 'fagsystem')}' where case_id = '${caseId}' and seq = 1`]);
  assert.equal(verify().status, 0);
});

test('an admin sees which person ids read the case', async () => {
  const admin = execFileSync(stafett, ['token', '--tenant', 'nesseby', '--service', 'skole', '--role', 'admin', '--person', 'admin-1', '--ttl', '1h'],
    { env: { ...process.env, STAFETT_TOKEN_SECRET: SECRET } }).toString().trim();
  const r = await call(serve.base, 'GET', `/api/v1/cases/${caseId}/access-log`, { token: admin, headers: { 'x-access-reason': 'tilsyn' } });
  assert.equal(r.status, 200, r.text);
  const persons = new Set(r.json.entries.map((e) => e.person_id));
  assert.ok(persons.has(personId(opA.issuer, 'fagsystem')), r.text);
  assert.ok(persons.has(personId('stafett', 'admin-1')), r.text);
});
