// Publishing without a restart and moving open cases, with real processes
// (docs/routine-lifecycle.md):
//  - two `stafett serve` replicas on one PostgreSQL: a version published
//    through one is used by a case created through the other seconds later;
//  - `stafett serve` refuses to start when a routine file reuses a stored
//    version number with other content;
//  - `stafett routine migrate` killed with SIGKILL midway, then rerun to
//    completion, on SQLite and on PostgreSQL; the journal chain verifies.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { BIN, call, freePort, json, Pg, SECRET, sleep, SRC, tmpDir, token } from '../faults/lib.mjs';

const kPassword = 'routines-test-pw';
const kPollMs = 500;
const env = { ...process.env, STAFETT_TOKEN_SECRET: SECRET,
  STAFETT_MIGRATIONS: path.join(SRC, 'db/migrations'), STAFETT_ROUTINE_POLL_MS: String(kPollMs) };

let pg;
let work;
before(async () => {
  work = tmpDir('routines');
  pg = new Pg(tmpDir('routines-pg'), await freePort(), kPassword);
  pg.init();
});
after(() => {
  if (pg) pg.destroy();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

// A database of its own per test: SQLite file or a PostgreSQL database.
let nextDb = 0;
function freshDb(kind) {
  nextDb += 1;
  if (kind === 'sqlite') return `sqlite:${path.join(work, `db${nextDb}.sqlite`)}`;
  const name = `routines_${nextDb}`;
  const psql = [path.join(pg.bin, 'psql'), '-h', pg.dir, '-p', String(pg.port), '-U', 'postgres',
    '-qc', `create database ${name} owner stafett`];
  const r = process.getuid() === 0
    ? spawnSync('runuser', ['-u', 'postgres', '--', ...psql], { encoding: 'utf8' })
    : spawnSync(psql[0], psql.slice(1), { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return `postgresql://stafett:${kPassword}@127.0.0.1:${pg.port}/${name}?sslmode=disable`;
}

const bti = fs.readFileSync(path.join(SRC, 'workflows/bti.yaml'), 'utf8');
const btiVersion = Number(/\nversion: (\d+)/.exec(bti)[1]);
function btiAs(version, deadline = 'P10D') {
  return bti.replace(/\nversion: \d+/, `\nversion: ${version}`)
    .replace('deadline: P14D', `deadline: ${deadline}`);
}

class Replica {
  constructor(db, port, routines = path.join(SRC, 'workflows')) {
    Object.assign(this, { db, port, routines, url: `http://127.0.0.1:${port}`, log: [] });
  }
  spawn() {
    this.proc = spawn(BIN, ['serve', '--db', this.db, '--listen', `127.0.0.1:${this.port}`,
      '--routines', this.routines, '--threads', '4', '--notify', 'off'],
    { env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.exited = new Promise((resolve) => this.proc.on('exit', (code) => resolve(code)));
    for (const s of [this.proc.stdout, this.proc.stderr]) {
      s.setEncoding('utf8');
      s.on('data', (d) => this.log.push(...d.split('\n').filter(Boolean)));
    }
  }
  async start() {
    this.spawn();
    const end = Date.now() + 30000;
    while (Date.now() < end && this.proc.exitCode === null) {
      if ((await call(`${this.url}/readyz`, { timeoutMs: 2000 })).status === 200) return;
      await sleep(100);
    }
    throw new Error(`serve did not start:\n${this.log.join('\n')}`);
  }
  async stop() {
    if (this.proc && this.proc.exitCode === null) {
      this.proc.kill('SIGTERM');
      await this.exited;
    }
  }
}

function postYaml(url, tok, text) {
  return new Promise((resolve) => {
    const body = Buffer.from(text);
    const req = http.request(url, { method: 'POST', agent: false, headers: {
      authorization: `Bearer ${tok}`, 'content-type': 'application/yaml',
      'content-length': body.length } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', (e) => resolve({ status: 0, body: String(e) }));
    req.end(body);
  });
}

const concern = { age_band: '6-12', categories: ['trivsel'], text: 'Eleven virker sliten.' };

function cli(args) {
  return spawnSync(BIN, args, { env, encoding: 'utf8', timeout: 120000 });
}

test('a version published on one replica is used on the other within seconds', async () => {
  const db = freshDb('postgresql');
  const a = new Replica(db, await freePort());
  const b = new Replica(db, await freePort());
  await a.start();
  await b.start();
  try {
    const admin = token('demo_admin', 'admin');
    const school = token();
    const before = await call(`${b.url}/api/v1/cases`, { method: 'POST', tok: school, body: concern });
    assert.equal(before.status, 201, before.body);
    assert.equal(json(before).routine.version, btiVersion);

    const published = await postYaml(`${a.url}/api/v1/routines`, admin, btiAs(btiVersion + 1));
    assert.equal(published.status, 201, published.body);
    // A's own API reloads at once; B within a poll interval (500 ms here).
    const onA = await call(`${a.url}/api/v1/cases`, { method: 'POST', tok: school, body: concern });
    assert.equal(json(onA).routine.version, btiVersion + 1, onA.body);
    await sleep(kPollMs * 3);
    const onB = await call(`${b.url}/api/v1/cases`, { method: 'POST', tok: school, body: concern });
    assert.equal(onB.status, 201, onB.body);
    assert.equal(json(onB).routine.version, btiVersion + 1, onB.body);
    assert.equal(json(onB).routine.hash, json(published).hash);

    // The same number with other content: 409 on either replica.
    const again = await postYaml(`${b.url}/api/v1/routines`, admin, btiAs(btiVersion + 1, 'P9D'));
    assert.equal(again.status, 409, again.body);
    assert.equal(json(again).code, 'version_exists');
  } finally {
    await a.stop();
    await b.stop();
  }

  // A routine file that reuses the published number with other content
  // stops the start-up with a clear message, before it listens.
  const dir = path.join(work, 'reused');
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, 'bti.yaml'), btiAs(btiVersion + 1, 'P8D'));
  const c = new Replica(db, await freePort(), dir);
  c.spawn();
  assert.equal(await c.exited, 1, c.log.join('\n'));
  assert.match(c.log.join('\n'), /versjon \d+ er allerede lagret i databasen med annet innhold/);
  assert.match(c.log.join('\n'), new RegExp(`version: ${btiVersion + 2}`));
});

for (const kind of ['sqlite', 'postgresql']) {
  test(`a migration killed midway is rerun to completion (${kind})`, async () => {
    const db = freshDb(kind);
    const serve = new Replica(db, await freePort());
    await serve.start();
    try {
      const school = token();
      const total = 240;
      for (let i = 0; i < total; i += 8) {
        const batch = await Promise.all(Array.from({ length: 8 }, () =>
          call(`${serve.url}/api/v1/cases`, { method: 'POST', tok: school, body: concern })));
        for (const r of batch) assert.equal(r.status, 201, r.body);
      }
      const file = path.join(work, `bti-${kind}.yaml`);
      fs.writeFileSync(file, btiAs(btiVersion + 1));
      const dry = cli(['routine', 'publish', file, '--db', db, '--dry-run']);
      assert.equal(dry.status, 0, dry.stdout + dry.stderr);
      assert.match(dry.stdout, new RegExp(`åpne saker: ${total}`));
      assert.match(dry.stdout, /\(steget endres\)/);
      const pub = cli(['routine', 'publish', file, '--db', db]);
      assert.equal(pub.status, 0, pub.stdout + pub.stderr);

      const args = ['routine', 'migrate', '--tenant', 'demo', '--routine', 'bti', '--to',
        String(btiVersion + 1), '--db', db];
      const plan = cli([...args, '--dry-run']);
      assert.equal(plan.status, 0, plan.stdout + plan.stderr);
      assert.match(plan.stdout, new RegExp(`versjon ${btiVersion} undring_registrert -> undring_registrert: ${total}`));
      assert.match(plan.stdout, /tørrkjøring: ingenting er endret/);

      // Kill -9 after the first 50 moved cases.
      const run = spawn(BIN, [...args, '--pause-ms', '20'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      const exited = new Promise((resolve) => run.on('exit', (code, sig) => resolve(sig || code)));
      await new Promise((resolve, reject) => {
        let err = '';
        run.stderr.setEncoding('utf8');
        run.stderr.on('data', (d) => {
          err += d;
          if (/flyttet \d+ av/.test(err)) {
            run.kill('SIGKILL');
            resolve();
          }
        });
        run.on('exit', () => reject(new Error(`finished before the kill: ${err}`)));
      });
      assert.equal(await exited, 'SIGKILL');

      const admin = token('demo_admin', 'admin');
      const mid = json(await call(`${serve.url}/api/v1/routines`, { tok: admin })).items[0].versions;
      const onNew = mid.find((v) => v.version === btiVersion + 1).open_cases;
      const onOld = mid.find((v) => v.version === btiVersion).open_cases;
      assert.ok(onNew >= 50 && onOld > 0, JSON.stringify(mid));
      assert.equal(onNew + onOld, total);

      const rerun = cli(args);
      assert.equal(rerun.status, 0, rerun.stdout + rerun.stderr);
      assert.match(rerun.stdout, new RegExp(`flyttet: ${onOld}, allerede på versjon ${btiVersion + 1}: ${onNew}`));
      const done = json(await call(`${serve.url}/api/v1/routines`, { tok: admin })).items[0].versions;
      assert.equal(done.find((v) => v.version === btiVersion + 1).open_cases, total);
      assert.equal(done.find((v) => v.version === btiVersion).open_cases, 0);

      const verify = cli(['audit', 'verify', '--db', db]);
      assert.equal(verify.status, 0, verify.stdout + verify.stderr);
    } finally {
      await serve.stop();
    }
  });
}
