// A real `stafett serve` for one test file: SQLite in a fresh temporary
// directory, the source tree's workflows/ and web/, a free port on
// 127.0.0.1 (port 0; the port is read from the "listening" log line), and
// a development token secret so that dev sign-in exists.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const SOURCE = process.env.STAFETT_SOURCE || path.resolve(here, '../../..');
export const BIN = process.env.STAFETT_BIN || path.join(SOURCE, 'build/src/app/stafett');

// opts.env: more environment for the server (e.g. STAFETT_TEST_CLOCK_FILE,
// the injected clock of app/file_clock.h).
export async function startServer(opts = {}) {
  // STAFETT_E2E_URL: run against a server that is already running (for
  // debugging a test), with its STAFETT_TOKEN_SECRET.
  if (process.env.STAFETT_E2E_URL) {
    const env = { ...process.env };
    return {
      url: process.env.STAFETT_E2E_URL,
      token: (service, role = 'worker', tenant = 'demo') =>
        execFileSync(BIN, ['token', '--tenant', tenant, '--service', service, '--role', role], { env }).toString().trim(),
      stop: async () => {},
      log: () => '',
    };
  }
  if (!existsSync(BIN)) throw new Error(`no stafett binary at ${BIN} (build it, or set STAFETT_BIN)`);
  const dir = mkdtempSync(path.join(tmpdir(), 'stafett-e2e-'));
  const secret = randomBytes(32).toString('hex');
  const env = { ...process.env, STAFETT_TOKEN_SECRET: secret, ...(opts.env || {}) };
  const args = [
    'serve', '--listen', '127.0.0.1:0', '--db', `sqlite:${path.join(dir, 'e2e.db')}`,
    '--routines', path.join(SOURCE, 'workflows'), '--web', path.join(SOURCE, 'web'), '--threads', '4',
  ];
  const child = spawn(BIN, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`stafett serve did not listen within 20 s:\n${log}`)), 20000);
    const onLine = (chunk) => {
      log += chunk;
      for (const line of log.split('\n')) {
        if (!line.includes('"listening"')) continue;
        const m = /:(\d+)\b/.exec(line.slice(line.indexOf('listening')));
        if (m) {
          clearTimeout(timer);
          resolve(Number(m[1]));
          return;
        }
      }
    };
    child.stdout.on('data', (c) => onLine(c.toString()));
    child.stderr.on('data', (c) => (log += c.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`stafett serve exited ${code}:\n${log}`));
    });
  });
  const url = `http://127.0.0.1:${port}`;
  child.removeAllListeners('exit');
  child.on('exit', (code, signal) => console.error(`# stafett serve exited early: code ${code}, signal ${signal}\n${log.slice(-2000)}`));
  return {
    url,
    secret,
    // A bearer token for seeding data through the API (tests drive the
    // browser for everything they assert).
    token(service, role = 'worker', tenant = 'demo') {
      return execFileSync(BIN, ['token', '--tenant', tenant, '--service', service, '--role', role], { env }).toString().trim();
    },
    async stop() {
      child.removeAllListeners('exit');
      child.kill('SIGTERM');
      await new Promise((r) => {
        const t = setTimeout(() => { child.kill('SIGKILL'); r(); }, 5000);
        child.on('exit', () => { clearTimeout(t); r(); });
      });
      rmSync(dir, { recursive: true, force: true });
    },
    log: () => log,
  };
}

// The API with a bearer token, for seeding.
export function apiClient(server, service, role = 'worker') {
  const token = server.token(service, role);
  return async function call(method, p, body, ifMatch) {
    const headers = { Authorization: `Bearer ${token}`, Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (ifMatch != null) headers['If-Match'] = `"${ifMatch}"`;
    const res = await fetch(server.url + p, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    const data = text ? JSON.parse(text) : null;
    if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${text}`);
    return data;
  };
}
