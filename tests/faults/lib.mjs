// Shared helpers for the database-fault tests: a PostgreSQL of their own
// (own data directory, socket directory and TCP port, so the suite's
// shared throwaway server is never touched), a real `stafett serve`, and a
// client that records every answer with its duration.
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export { sleep };
export const BIN = process.env.STAFETT_BIN;
export const SRC = process.env.STAFETT_SOURCE;
export const SECRET = 'faults-test-secret-faults-test-secret-0123';
const isRoot = process.getuid && process.getuid() === 0;

export function tmpDir(name) {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), `stafett-${name}-`));
  fs.chmodSync(d, 0o755);
  return d;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function pgBin() {
  if (process.env.PGBIN) return process.env.PGBIN;
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).sort() : [];
  const bin = versions.length ? path.join(root, versions.at(-1), 'bin') : '';
  if (!bin || !fs.existsSync(path.join(bin, 'initdb'))) {
    throw new Error('no PostgreSQL server binaries (install postgresql-15)');
  }
  return bin;
}

function asOwner(cmd, args) {
  return isRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
}

function run(cmd, args, opts = {}) {
  const [c, a] = asOwner(cmd, args);
  const r = spawnSync(c, a, { encoding: 'utf8', timeout: 60000, ...opts });
  if (r.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr || r.stdout || r.error}`);
  }
  return r.stdout;
}

// A PostgreSQL 15 of the test's own: Unix socket in `dir`, TCP on
// 127.0.0.1:`port`, password (scram) authentication over TCP, trust on the
// socket. Role `stafett` with `password`, database `stafett_faults`.
export class Pg {
  constructor(dir, port, password) {
    this.dir = dir;
    this.port = port;
    this.password = password;
    this.bin = pgBin();
    this.data = path.join(dir, 'data');
  }
  init() {
    if (isRoot) fs.chownSync(this.dir, uidOf('postgres'), gidOf('postgres'));
    run(path.join(this.bin, 'initdb'), ['-D', this.data, '-U', 'postgres',
      '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8',
      '--locale=C.UTF-8', '--no-sync']);
    this.start();
    const psql = path.join(this.bin, 'psql');
    const pw = this.password.replace(/'/g, "''");
    run(psql, ['-h', this.dir, '-p', String(this.port), '-U', 'postgres', '-qc',
      `create role stafett login password '${pw}'`]);
    run(psql, ['-h', this.dir, '-p', String(this.port), '-U', 'postgres', '-qc',
      'create database stafett_faults owner stafett']);
  }
  start() {
    run(path.join(this.bin, 'pg_ctl'), ['-D', this.data, '-l',
      path.join(this.dir, 'server.log'), '-w', '-t', '30', '-o',
      `-c listen_addresses=127.0.0.1 -p ${this.port} -k ${this.dir} ` +
      '-c fsync=off -c full_page_writes=off -c max_connections=60', 'start']);
  }
  stop(mode) {
    run(path.join(this.bin, 'pg_ctl'), ['-D', this.data, '-m', mode, '-w', '-t', '30', 'stop']);
  }
  // The postmaster and its children, by process id.
  pids() {
    const pidFile = path.join(this.data, 'postmaster.pid');
    if (!fs.existsSync(pidFile)) return [];
    const pm = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
    const kids = spawnSync('pgrep', ['-P', String(pm)], { encoding: 'utf8' })
      .stdout.split('\n').filter(Boolean).map(Number);
    return [pm, ...kids];
  }
  freeze() {
    this.frozen = this.pids();
    for (const p of this.frozen) process.kill(p, 'SIGSTOP');
  }
  thaw() {
    for (const p of this.frozen || []) {
      try { process.kill(p, 'SIGCONT'); } catch { /* exited */ }
    }
    this.frozen = [];
  }
  destroy() {
    this.thaw();
    try { this.stop('immediate'); } catch { /* not running */ }
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

function uidOf(user) {
  return Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
}
function gidOf(user) {
  return Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim());
}

export function token(service = 'demo_skole', role = 'worker') {
  return execFileSync(BIN, ['token', '--tenant', 'demo', '--service', service,
    '--role', role], { encoding: 'utf8', env: { ...process.env, STAFETT_TOKEN_SECRET: SECRET } }).trim();
}

// A running `stafett serve`; its log lines are kept.
export class Serve {
  constructor(db, port) {
    this.db = db;
    this.port = port;
    this.url = `http://127.0.0.1:${port}`;
    this.log = [];
  }
  async start(timeoutMs = 30000) {
    this.proc = spawn(BIN, ['serve', '--db', this.db, '--listen',
      `127.0.0.1:${this.port}`, '--routines', path.join(SRC, 'workflows'),
      '--threads', '8'], {
      env: { ...process.env, STAFETT_TOKEN_SECRET: SECRET,
        STAFETT_MIGRATIONS: path.join(SRC, 'db/migrations') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.exited = new Promise((resolve) => this.proc.on('exit', (code, sig) => resolve({ code, sig })));
    for (const s of [this.proc.stdout, this.proc.stderr]) {
      s.setEncoding('utf8');
      s.on('data', (d) => this.log.push(...d.split('\n').filter(Boolean)));
    }
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.proc.exitCode !== null) break;
      const r = await call(`${this.url}/readyz`, { timeoutMs: 2000 });
      if (r.status === 200) return;
      await sleep(100);
    }
    throw new Error(`stafett serve did not become ready:\n${this.log.join('\n')}`);
  }
  async kill(signal = 'SIGTERM') {
    if (!this.proc || this.proc.exitCode !== null) return;
    this.proc.kill(signal);
    await this.exited;
  }
}

// One HTTP exchange, timed, on a connection of its own (agent: false):
// keep-alive reuse races the server's idle timeout, which would show up
// here as a dropped connection that has nothing to do with the database.
// status 0 = no answer (with `error`).
export function call(url, { method = 'GET', tok, body, key, timeoutMs = 30000 } = {}) {
  const headers = {};
  if (tok) headers.authorization = `Bearer ${tok}`;
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  if (payload) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = payload.length;
  }
  if (key) headers['idempotency-key'] = key;
  const t0 = Date.now();
  return new Promise((resolve) => {
    const req = http.request(url, { method, headers, agent: false, timeout: timeoutMs }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, retryAfter: res.headers['retry-after'] ?? null,
        body: Buffer.concat(chunks).toString('utf8'), ms: Date.now() - t0, start: t0 }));
      res.on('error', (e) => resolve({ status: 0, error: String(e), ms: Date.now() - t0, start: t0 }));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (e) => resolve({ status: 0, error: String(e), ms: Date.now() - t0, start: t0 }));
    req.end(payload);
  });
}

export function json(reply) {
  try { return JSON.parse(reply.body); } catch { return null; }
}

// Writers: `n` loops, each logging concerns with an Idempotency-Key and
// retrying a key after a 503 (or no answer) until it is acknowledged.
// Every answer is recorded with the phase it was sent in.
export class Writers {
  constructor(baseUrl, tok, n) {
    Object.assign(this, { baseUrl, tok, n, replies: [], acked: new Map(), pending: new Set(),
      phase: 'start', stopped: false, nextKey: 0 });
  }
  async loop(w) {
    let key = null;
    while (!this.stopped) {
      if (!key) {
        key = `w${w}-${this.nextKey++}`;
        this.pending.add(key);
      }
      const phase = this.phase;
      const r = await this.send(key);
      r.phase = phase;
      this.replies.push(r);
      if (r.status === 201) {
        this.acked.set(key, json(r).id);
        this.pending.delete(key);
        key = null;
        await sleep(100);
      } else {
        await sleep(100);
      }
    }
  }
  send(key) {
    return call(`${this.baseUrl()}/api/v1/cases`, { method: 'POST', tok: this.tok, key,
      body: { age_band: '6-12', categories: ['trivsel'], text: `Feiltest ${key}` } });
  }
  start() {
    this.running = Promise.all(Array.from({ length: this.n }, (_, i) => this.loop(i)));
  }
  async stop() {
    this.stopped = true;
    await this.running;
  }
  // After the faults: every key not yet acknowledged is retried until it is.
  async finish(deadlineMs = 20000) {
    const end = Date.now() + deadlineMs;
    for (const key of [...this.pending]) {
      while (Date.now() < end) {
        const r = await this.send(key);
        r.phase = 'finish';
        this.replies.push(r);
        if (r.status === 201) {
          this.acked.set(key, json(r).id);
          this.pending.delete(key);
          break;
        }
        await sleep(200);
      }
    }
  }
}

// Every case of the demo school, with the text it was opened with: the
// durability check (nothing acknowledged lost, nothing doubled).
export async function openedTexts(baseUrl, tok) {
  const ids = [];
  let cursor = null;
  do {
    const q = `status=any&limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const r = await call(`${baseUrl}/api/v1/cases?${q}`, { tok });
    if (r.status !== 200) throw new Error(`worklist: ${r.status} ${r.body}`);
    const page = json(r);
    ids.push(...page.items.map((c) => c.id));
    cursor = page.next_cursor;
  } while (cursor);
  const texts = new Map();
  for (const id of ids) {
    const r = await call(`${baseUrl}/api/v1/cases/${id}/log`, { tok });
    if (r.status !== 200) throw new Error(`log of ${id}: ${r.status} ${r.body}`);
    const opened = json(r).entries.find((e) => e.kind === 'case_opened');
    texts.set(id, opened.text);
  }
  return texts;
}

// Asserts, for the writers' keys: each acknowledged key's case exists with
// its text, and no key's text appears on more than one case.
export function checkDurability(assert, writers, texts) {
  const byText = new Map();
  for (const [id, text] of texts) {
    byText.set(text, [...(byText.get(text) || []), id]);
  }
  for (const [key, id] of writers.acked) {
    assert.equal(texts.get(id), `Feiltest ${key}`, `acknowledged ${key} (${id}) lost`);
  }
  for (const [text, ids] of byText) {
    assert.equal(ids.length, 1, `${text} stored ${ids.length} times: ${ids}`);
  }
  assert.equal(writers.pending.size, 0, `never acknowledged: ${[...writers.pending]}`);
}

// Asserts that every answer in `replies` was 201 or 503 + Retry-After, and
// came within `boundMs`.
export function checkAnswers(assert, replies, boundMs) {
  for (const r of replies) {
    const what = `${r.phase}: ${r.status} after ${r.ms} ms ${r.body || r.error || ''}`;
    assert.ok(r.status === 201 || r.status === 503, what);
    if (r.status === 503) assert.ok(Number(r.retryAfter) > 0, `503 without Retry-After: ${what}`);
    assert.ok(r.ms <= boundMs, `too slow: ${what}`);
  }
}
