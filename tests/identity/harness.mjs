// Shared pieces of the identity tests: free ports, a `stafett serve` child
// process, HTTP helpers and the expected person id.
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const SECRET = 'identity-test-secret-identity-test-secret-0123';
export const PERSON_KEY = 'identity-test-person-key-0123456789abcdef';

export async function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

export function tempDir(prefix) {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function writeIdentity(dir, name, text) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, name), text);
}

// The person id Stafett must record (src/http/person_id.h).
export function personId(issuer, sub, key = PERSON_KEY) {
  return createHmac('sha256', key).update(`${issuer}\n${sub}`).digest('hex').slice(0, 32);
}

// Starts `stafett serve` and resolves once it listens. `env` adds to the
// process environment.
// `routines` is the routine folder (default: the repository's workflows/).
export async function startServe({ stafett, source, db, identity, routines, env = {}, extraArgs = [] }) {
  const args = ['serve', '--listen', '127.0.0.1:0', '--db', db,
    '--routines', routines ?? path.join(source, 'workflows'), '--web', path.join(source, 'web'),
    '--threads', '4', ...extraArgs];
  if (identity) args.push('--identity', identity);
  const child = spawn(stafett, args, {
    env: { ...process.env, STAFETT_TOKEN_SECRET: SECRET, STAFETT_PERSON_KEY: PERSON_KEY,
      STAFETT_MIGRATIONS: path.join(source, 'db', 'migrations'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines = [];
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const port = await new Promise((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${stderr}`)), 30000);
    child.stdout.on('data', (d) => {
      buf += d;
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        try { lines.push(JSON.parse(line)); } catch { lines.push({ raw: line }); }
        const m = /"event":"listening".*?127\.0\.0\.1:(\d+)/.exec(line);
        if (m) { clearTimeout(timer); resolve(Number(m[1])); }
      }
    });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`serve exited ${code}: ${stderr}`)); });
  });
  return {
    port,
    base: `http://127.0.0.1:${port}`,
    lines,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode !== null) return;
      const done = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await done;
    },
  };
}

export async function call(base, method, p, { token, body, headers = {} } = {}) {
  const h = { ...headers };
  if (token) h.authorization = `Bearer ${token}`;
  if (body !== undefined) h['content-type'] = 'application/json';
  const res = await fetch(base + p, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let json;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: res.status, headers: res.headers, text, json };
}

// In CI a missing tool fails; elsewhere the test is skipped (CTest
// SKIP_RETURN_CODE 77).
export function requireOrSkip(ok, what) {
  if (ok) return;
  if (process.env.CI === 'true') {
    console.error(`${what} is missing, and CI=true: failing`);
    process.exit(1);
  }
  console.error(`${what} is missing: skipping`);
  process.exit(77);
}

export { rmSync };
