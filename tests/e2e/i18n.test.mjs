// The message catalogues: every language has every key (a missing key
// fails here, before a user meets it), no value is empty, every key the
// code asks for exists, placeholders agree across languages, and Sami
// letters are stored as the characters they are.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { SOURCE } from './lib/server.mjs';

const LANGS = ['nb', 'nn', 'se', 'en'];
const dir = path.join(SOURCE, 'web/i18n');
const cat = Object.fromEntries(LANGS.map((l) => [l, JSON.parse(readFileSync(path.join(dir, `${l}.json`), 'utf8'))]));

function jsFiles(d) {
  return readdirSync(d).flatMap((f) => {
    const p = path.join(d, f);
    return statSync(p).isDirectory() ? jsFiles(p) : p.endsWith('.js') ? [p] : [];
  });
}

test('every language has exactly the keys of every other, none empty', () => {
  const all = new Set(LANGS.flatMap((l) => Object.keys(cat[l])));
  for (const l of LANGS) {
    const missing = [...all].filter((k) => !(k in cat[l]));
    assert.deepEqual(missing, [], `${l}.json lacks keys`);
    const empty = Object.entries(cat[l]).filter(([, v]) => typeof v !== 'string' || !v.trim()).map(([k]) => k);
    assert.deepEqual(empty, [], `${l}.json has empty values`);
  }
});

test('placeholders are the same in every language', () => {
  const names = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(',');
  for (const k of Object.keys(cat.nb)) {
    for (const l of LANGS) assert.equal(names(cat[l][k]), names(cat.nb[k]), `${l}: ${k}`);
  }
});

test('every key the code names exists (plural keys as .one/.other)', () => {
  const missing = [];
  for (const f of jsFiles(path.join(SOURCE, 'web/app'))) {
    const src = readFileSync(f, 'utf8');
    for (const m of src.matchAll(/\bt\('([a-z0-9_.]+)'(\s*,\s*\{[^}]*\bn\s*:)?/g)) {
      const key = m[1];
      const keys = m[2] ? [`${key}.one`, `${key}.other`] : [key];
      for (const k of keys) if (!(k in cat.nb)) missing.push(`${path.basename(f)}: ${k}`);
    }
  }
  assert.deepEqual(missing, []);
});

test('keys built at run time exist for every value the API and routines use', () => {
  const want = [
    ...['worker', 'coordinator', 'unit_leader', 'auditor', 'admin'].map((r) => `role.${r}`),
    ...['concern', 'observation', 'team_meeting', 'action', 'evaluation', 'closed'].map((p) => `phase.${p}`),
    ...['open', 'closed'].map((s) => `status.${s}`),
    ...['note', 'consent', 'withdraw_consent', 'offer_baton', 'accept_baton', 'decline_baton', 'close', 'confirm_child_welfare_report', 'report_child_welfare'].map((a) => `action.${a}`),
    ...['consent_missing', 'not_responsible', 'baton_not_held', 'role_not_allowed', 'case_closed', 'other'].map((b) => `blocked.${b}`),
    ...['case_opened', 'step_entered', 'outcome', 'consent_given', 'consent_withdrawn', 'consent_expired', 'access_revoked', 'baton_offered', 'baton_accepted', 'baton_declined', 'note', 'child_welfare_reported', 'child_welfare_report_confirmed', 'closed', 'deadline_missed'].map((k) => `log.${k}`),
    ...['text', 'date', 'datetime', 'service', 'services', 'choice', 'integer', 'boolean'].map((f) => `fieldtype.${f}`),
    ...['guardians', 'young_person'].map((g) => `consent.given_by.${g}`),
    ...['worklist', 'new', 'case', 'routine', 'signin', 'notfound'].map((r) => `title.${r}`),
    ...['national_id', 'phone', 'email'].map((k) => `pii.kind.${k}`),
  ];
  // Every choice option in the shipped routines has a label.
  for (const f of readdirSync(path.join(SOURCE, 'workflows')).filter((x) => x.endsWith('.yaml'))) {
    const y = readFileSync(path.join(SOURCE, 'workflows', f), 'utf8');
    for (const m of y.matchAll(/options:\s*\[([^\]]*)\]/g)) {
      for (const o of m[1].split(',').map((x) => x.trim()).filter(Boolean)) want.push(`option.${o}`);
    }
  }
  const missing = [...new Set(want)].filter((k) => !(k in cat.nb));
  assert.deepEqual(missing, []);
});

test('North Sami keeps its letters as precomposed characters', () => {
  const raw = readFileSync(path.join(dir, 'se.json'), 'utf8');
  for (const ch of ['á', 'č', 'đ', 'ŋ', 'š', 'ž']) assert.ok(raw.includes(ch), `se.json has ${ch}`);
  assert.equal(raw, raw.normalize('NFC'), 'se.json is NFC');
  assert.ok(!raw.includes('\\u'), 'letters are stored as UTF-8, not escapes');
  assert.ok(!/Ã|Å¡|Ä/.test(raw), 'no double-encoded UTF-8');
});
