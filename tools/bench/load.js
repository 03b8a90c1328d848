// tools/bench/load.js: a small keep-alive HTTP load client for run.sh (wrk is
// not installed here). Each connection works its own cases, so commands do
// not conflict.
//
//   node load.js create URL TOKEN CONNS SECONDS      -> cases created
//   node load.js step   URL TOKEN CONNS SECONDS CASES_PER_CONN
//   node load.js read   URL TOKEN CONNS SECONDS CASES_PER_CONN
//
// Prints one JSON line: {mode, conns, seconds, ok, errors, per_s, p50_ms,
// p99_ms, max_ms, client_cpu_s} (client_cpu_s: this process's own CPU,
// set-up included). "step" first creates CASES_PER_CONN cases per connection
// (not timed), then sends outcome "next" (a step change) round-robin over
// them with the If-Match of the last answer.
'use strict';
const http = require('http');

const [mode, base, token, connsArg, secondsArg, perConnArg] = process.argv.slice(2);
const conns = Number(connsArg), seconds = Number(secondsArg);
const perConn = Number(perConnArg || 4);
const url = new URL(base);
const created = JSON.stringify({
  routine: 'bench', age_band: '6-12', categories: ['trivsel'],
  text: 'Benchmark.'});
const next = JSON.stringify({type: 'outcome', outcome: 'next', fields: {}});

function request(agent, method, path, body, headers) {
  return new Promise((resolve, reject) => {
    const h = Object.assign({authorization: 'Bearer ' + token}, headers || {});
    if (body) {
      h['content-type'] = 'application/json';
      h['content-length'] = Buffer.byteLength(body);
    }
    const req = http.request({host: url.hostname, port: url.port, method, path,
                              agent, headers: h}, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({status: res.statusCode, headers: res.headers,
                                   body: Buffer.concat(chunks).toString()}));
    });
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

function etagVersion(r) {
  return r.headers.etag ? r.headers.etag.replace(/"/g, '') : null;
}

async function worker(i, deadline, lat, counts) {
  const agent = new http.Agent({keepAlive: true, maxSockets: 1});
  const cases = [];
  if (mode !== 'create') {
    for (let k = 0; k < perConn; k++) {
      const r = await request(agent, 'POST', '/api/v1/cases', created);
      if (r.status !== 201) throw new Error('create ' + r.status + ' ' + r.body);
      cases.push({id: JSON.parse(r.body).id, version: etagVersion(r)});
    }
    await barrier();
  }
  const start = Date.now();
  let k = 0;
  while (Date.now() < deadline()) {
    const t0 = process.hrtime.bigint();
    let r;
    if (mode === 'create') {
      r = await request(agent, 'POST', '/api/v1/cases', created);
    } else {
      const c = cases[k++ % cases.length];
      if (mode === 'step') {
        r = await request(agent, 'POST', `/api/v1/cases/${c.id}/commands`, next,
                          {'if-match': `"${c.version}"`});
        if (r.status === 200) c.version = etagVersion(r);
      } else {
        r = await request(agent, 'GET', `/api/v1/cases/${c.id}`, null,
                          {'x-access-reason': 'bench'});
      }
    }
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.status >= 200 && r.status < 300) {
      counts.ok++;
      lat.push(ms);
    } else {
      counts.errors++;
      if (counts.errors <= 3) console.error(r.status, r.body.slice(0, 300));
    }
  }
  agent.destroy();
  return start;
}

let arrived = 0, release;
const released = new Promise((r) => { release = r; });
function barrier() {
  if (++arrived === conns) release();
  return released;
}

async function main() {
  const lat = [], counts = {ok: 0, errors: 0};
  let end = Infinity;
  const deadline = () => end;
  let t0 = Date.now();
  if (mode === 'create') end = t0 + seconds * 1000;
  released.then(() => { t0 = Date.now(); end = t0 + seconds * 1000; });
  await Promise.all(Array.from({length: conns}, (_, i) => worker(i, deadline, lat, counts)));
  const elapsed = (Date.now() - t0) / 1000;
  lat.sort((a, b) => a - b);
  const q = (p) => lat.length ? lat[Math.min(lat.length - 1, Math.floor(p * lat.length))] : 0;
  console.log(JSON.stringify({mode, conns, seconds: +elapsed.toFixed(2), ok: counts.ok,
    errors: counts.errors, per_s: +(counts.ok / elapsed).toFixed(1),
    p50_ms: +q(0.5).toFixed(2), p99_ms: +q(0.99).toFixed(2),
    max_ms: +(lat.length ? lat[lat.length - 1] : 0).toFixed(2),
    client_cpu_s: +((process.cpuUsage().user + process.cpuUsage().system) / 1e6).toFixed(2)}));
}

main().catch((e) => { console.error(e.message); process.exit(1); });
