// The administrator pages' calls to the API (docs/api.md: the routines'
// versions, check, publish and migrate; the simulator; notifications; the
// access log; retention).
// Each returns the JSON the page shows; errors are thrown as api.js's
// Problem, which a page turns into words with problems.js.
import { get, post, postText } from './api.js';
import { language } from './i18n.js';

const enc = encodeURIComponent;

// The tenant's routines, each with its stored versions (newest first).
// A server without the version store lists one version per routine: the
// one it runs.
export async function routinesWithVersions() {
  const { data } = await get('/api/v1/routines');
  const items = (data && data.items) || [];
  return items.map((r) => ({
    ...r,
    versions:
      Array.isArray(r.versions) && r.versions.length
        ? r.versions
        : [{ version: r.version, hash: r.hash, published_at: null, current: true, open_cases: null }],
  }));
}

// One stored version as the routine page draws it (steps, services, texts).
export async function routineVersion(id, version) {
  const q = version != null ? `?version=${enc(version)}` : '';
  const { data } = await get(`/api/v1/routines/${enc(id)}${q}`);
  const full = data && data.steps ? data : data && data.diagram && data.diagram.render;
  return { ...(full || {}), summary: data };
}

// POST /api/v1/routines/check: diagnostics, diff, affected cases. Changes
// nothing. Messages come in the app's language.
export async function checkDraft(yaml) {
  const { data } = await postText(`/api/v1/routines/check?lang=${enc(language())}`, yaml);
  return data;
}

// POST /api/v1/routines: publishes the draft (201, or 200 when that very
// version was published already).
export async function publishDraft(yaml) {
  const { status, data } = await postText(`/api/v1/routines?lang=${enc(language())}`, yaml);
  return { ...data, created: status === 201 };
}

// POST /api/v1/routines/{id}/migrations.
export async function migrateCases(id, to, map, dryRun) {
  const { data } = await post(`/api/v1/routines/${enc(id)}/migrations`, { to, map, dry_run: dryRun });
  return data;
}

export async function simulate(routine, { cases, months, seed, start }) {
  const { data } = await post('/api/v1/routines/simulate', { routine, cases, months, seed, start });
  return data;
}

export async function notifications(status, cursor) {
  const q = `status=${enc(status)}&limit=50${cursor ? `&cursor=${enc(cursor)}` : ''}`;
  const { data } = await get(`/api/v1/notifications?${q}`);
  return data;
}

export async function retryNotification(id) {
  const { data } = await post(`/api/v1/notifications/${enc(id)}/retry`, {});
  return data;
}

export async function outboxSummary() {
  const { data } = await get('/api/v1/notifications/summary');
  return data;
}

export async function accessLog(reference, reason) {
  const q = `reference=${enc(reference)}${reason ? `&reason=${enc(reason)}` : ''}`;
  const { data } = await get(`/api/v1/access-log?${q}`);
  return data;
}

export async function retentionStatus() {
  const { data } = await get('/api/v1/retention');
  return data;
}
