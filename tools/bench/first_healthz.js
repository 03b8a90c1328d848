// tools/bench/first_healthz.js PORT LOG CMD ARGS...: starts CMD (a `stafett
// serve` listening on 127.0.0.1:PORT, output to LOG) and prints the
// milliseconds from the spawn to the first /healthz 200 and to the first
// /readyz 200, as "HEALTHZ READYZ CPU" (CPU: the server's CPU ms at the first /healthz
// 200), polling every 2 ms over fresh
// connections (no curl process per try). Leaves the server running and
// prints its pid on a second line. For tools/bench/startup.sh.
'use strict';
const http = require('http');
const fs = require('fs');
const {spawn} = require('child_process');

const [port, log, cmd, ...args] = process.argv.slice(2);
const out = fs.openSync(log, 'a');
const t0 = process.hrtime.bigint();
const child = spawn(cmd, args, {stdio: ['ignore', out, out], detached: true});
child.on('exit', (code) => {
  console.error('server exited with ' + code);
  process.exit(1);
});
const ms = () => Number(process.hrtime.bigint() - t0) / 1e6;

function poll(path) {
  return new Promise((resolve) => {
    const attempt = () => {
      const req = http.get({host: '127.0.0.1', port, path, agent: false}, (res) => {
        res.resume();
        if (res.statusCode === 200) resolve(ms());
        else setTimeout(attempt, 2);
      });
      req.on('error', () => setTimeout(attempt, 2));
    };
    attempt();
  });
}

(async () => {
  const h = await poll('/healthz');
  // The server's own CPU until then (user + system, clock ticks of 10 ms):
  // a figure the machine's load does not stretch as it does wall time.
  const stat = fs.readFileSync('/proc/' + child.pid + '/stat', 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const cpu = (Number(f[11]) + Number(f[12])) * 10;
  const r = await poll('/readyz');
  console.log(Math.round(h) + ' ' + Math.round(r) + ' ' + cpu);
  console.log(child.pid);
  child.unref();
  child.removeAllListeners('exit');
  process.exit(0);
})();
