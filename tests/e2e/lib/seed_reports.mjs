// A tenant with a few hundred cases whose timings are known: the plan is
// built here (who logs what, when each step is left), run against a real
// `stafett serve` whose clock is a file (STAFETT_TEST_CLOCK_FILE,
// src/app/file_clock.h), and kept so that a test can work out what the
// report must say (true hours in step, which counts are small).
//
// Months 2026-01..2026-06 of tenant demo (workflows/bti.yaml), 50 concerns
// a month logged on the 5th at 08:00 UTC; "now" is 2026-06-28 12:00 UTC.
// Each case follows one of ten patterns through undring_registrert (14
// days), konkretisert (14 days) and droftet_anonymt (7 days); some miss a
// deadline, some stay open. Every 25th case is reported to child welfare
// instead, confirmed the same day or the next. The health clinic logs three
// concerns, all in January: its counts are under 5 everywhere.
import { writeFileSync, renameSync } from 'node:fs';

export const PERIOD = { from: '2026-01', to: '2026-06' };
export const NOW = '2026-06-28T12:00:00Z';
const MONTHS = ['01', '02', '03', '04', '05', '06'];
const PER_MONTH = 50;
const DAY = 86400000;
const HOUR = 3600000;

const D1 = [2, 5, 9, 13, 3, 20, 4, 16, 6, 1]; // undring_registrert -> konkretisert (14 d)
const D2 = [3, 7, 15, 4, 10, 6, 18, 2, 5, 8]; // konkretisert -> droftet_anonymt (14 d)
const D3 = [1, 2, 3, 9, 4, 5, 2, 3, 3, 3]; // droftet_anonymt -> closed or undringssamtale (7 d)

function reporterOf(month, i) {
  if (month === '01' && i >= 47) return 'helsestasjon';
  return i < 24 ? 'solsikken_barnehage' : 'demo_skole';
}

// The plan: cases [{reporter, created, commands: [{at, body}], visits:
// [{step, entered, left|null}]}], times in ms; only what happens by NOW.
export function plan() {
  const now = Date.parse(NOW);
  const cases = [];
  for (const month of MONTHS) {
    for (let i = 0; i < PER_MONTH; i++) {
      const p = i % 10;
      const created = Date.parse(`2026-${month}-05T08:00:00Z`);
      const c = { reporter: reporterOf(month, i), created, commands: [], visits: [] };
      if (i % 25 === 3) {
        const at = created + DAY;
        c.commands.push({ at, body: { type: 'report_child_welfare' } });
        c.commands.push({ at: i === 3 ? at + 2 * HOUR : at + DAY, body: { type: 'confirm_child_welfare_report' } });
        c.childWelfare = { reported: at, sameDay: i === 3 };
      } else {
        const t1 = created + D1[p] * DAY;
        const t2 = t1 + D2[p] * DAY;
        const t3 = t2 + D3[p] * DAY;
        c.commands.push({ at: t1, body: { type: 'outcome', outcome: 'describe' } });
        c.commands.push({ at: t2, body: { type: 'outcome', outcome: 'discuss', fields: { observation: 'Observert over to uker i lek og samling.' } } });
        c.commands.push({
          at: t3,
          body: p < 7
            ? { type: 'outcome', outcome: 'no_further_concern', fields: { discussed_with: 'ressursteam', reason: 'Ingen grunn til bekymring etter drøfting.' } }
            : { type: 'outcome', outcome: 'talk_with_family', fields: { discussed_with: 'ressursteam' } },
        });
      }
      c.commands = c.commands.filter((x) => x.at <= now);
      // The visits the plan makes (the steps the outcomes lead to).
      const steps = ['undring_registrert', 'konkretisert', 'droftet_anonymt', i % 10 < 7 ? 'avsluttet' : 'undringssamtale'];
      let entered = created;
      let s = 0;
      for (const cmd of c.commands) {
        if (cmd.body.type !== 'outcome') continue;
        c.visits.push({ step: steps[s], entered, left: cmd.at });
        entered = cmd.at;
        s++;
      }
      c.visits.push({ step: steps[s], entered, left: steps[s] === 'avsluttet' ? entered : null });
      cases.push(c);
    }
  }
  return cases;
}

// The nearest-rank percentile of whole hours in step of the completed
// visits of `step` (docs/audit.md), or null.
export function expectedHours(cases, step, percent) {
  const hours = cases
    .flatMap((c) => c.visits)
    .filter((v) => v.step === step && v.left !== null && v.step !== 'avsluttet')
    .map((v) => Math.floor((v.left - v.entered) / HOUR))
    .sort((a, b) => a - b);
  if (!hours.length) return null;
  return hours[Math.ceil((percent * hours.length) / 100) - 1];
}

export function setClock(file, ms) {
  writeFileSync(`${file}.tmp`, `${new Date(ms).toISOString().replace('.000Z', 'Z')}\n`);
  renameSync(`${file}.tmp`, file);
}

// Runs the plan: every action at its time, the actions of one moment in
// parallel. Returns the case ids in plan order.
export async function seed(server, clockFile, cases) {
  const tokens = {};
  const call = async (service, method, p, body, ifMatch) => {
    tokens[service] ||= server.token(service, 'worker');
    const headers = { Authorization: `Bearer ${tokens[service]}`, Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (ifMatch != null) headers['If-Match'] = `"${ifMatch}"`;
    const res = await fetch(server.url + p, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, data: text ? JSON.parse(text) : null, text };
  };
  const events = [];
  cases.forEach((c, n) => {
    events.push({ at: c.created, n, create: true });
    c.commands.forEach((cmd) => events.push({ at: cmd.at, n, cmd }));
  });
  events.sort((a, b) => a.at - b.at || (a.create ? -1 : 1));
  const ids = [];
  const versions = [];
  const bands = ['3-5', '6-12', '13-15'];
  async function run(e) {
    const c = cases[e.n];
    if (e.create) {
      const r = await call(c.reporter, 'POST', '/api/v1/cases', { age_band: bands[e.n % 3], categories: ['trivsel'], text: `Undring nummer ${e.n + 1} om trivsel i lek.` });
      if (r.status !== 201) throw new Error(`create ${e.n}: ${r.status} ${r.text}`);
      ids[e.n] = r.data.id;
      versions[e.n] = r.data.version;
      return;
    }
    for (let attempt = 0; attempt < 3; attempt++) {
      const r = await call(c.reporter, 'POST', `/api/v1/cases/${ids[e.n]}/commands`, e.cmd.body, versions[e.n]);
      if (r.status === 200) {
        versions[e.n] = r.data.version;
        return;
      }
      if (r.status !== 412) throw new Error(`case ${e.n} ${JSON.stringify(e.cmd.body)}: ${r.status} ${r.text}`);
      // The deadline worker wrote to the case meanwhile: read it again.
      const fresh = await call(c.reporter, 'GET', `/api/v1/cases/${ids[e.n]}`);
      versions[e.n] = fresh.data.version;
    }
    throw new Error(`case ${e.n}: still 412`);
  }
  for (let i = 0; i < events.length; ) {
    let j = i;
    while (j < events.length && events[j].at === events[i].at) j++;
    setClock(clockFile, events[i].at);
    const batch = events.slice(i, j);
    let next = 0;
    await Promise.all(Array.from({ length: 6 }, async () => {
      while (next < batch.length) await run(batch[next++]);
    }));
    i = j;
  }
  setClock(clockFile, Date.parse(NOW));
  return ids;
}
