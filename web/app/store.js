// What the app knows besides the page it shows: the session and the
// routines of the caller's tenant (titles, services, steps, labels).
// Plain module state; pages read it through these functions and the App
// re-renders when it changes. Nothing here is persisted.
import { get, setCsrfToken } from './api.js';
import { pick } from './i18n.js';

let session = null;
const routines = new Map(); // id -> routine JSON (the "render" object)
let routineList = null;

export function currentSession() {
  return session;
}

// GET /auth/session: the signed-in actor and the CSRF token, or null.
export async function loadSession() {
  try {
    const { data } = await get('/auth/session', { quiet401: true });
    session = data;
    setCsrfToken(data && data.csrf_token);
  } catch (e) {
    if (e.status !== 401 && e.status !== 404) throw e;
    session = null;
    setCsrfToken(null);
  }
  return session;
}

export function forgetSession() {
  session = null;
  setCsrfToken(null);
  routines.clear();
  routineList = null;
}

export async function listRoutines() {
  if (!routineList) {
    const { data } = await get('/api/v1/routines');
    routineList = (data && (data.items || data.routines)) || (Array.isArray(data) ? data : []);
  }
  return routineList;
}

// The full routine (steps, services, fields); the first one of the
// tenant when id is not given.
export async function loadRoutine(id) {
  if (!id) {
    const list = await listRoutines();
    if (!list.length) return null;
    id = list[0].id;
  }
  if (!routines.has(id)) {
    const { data } = await get(`/api/v1/routines/${encodeURIComponent(id)}`);
    const full = (data && data.render) || data;
    // Older servers nest the full routine under diagram.render.
    const render = full && full.steps ? full : data && data.diagram && data.diagram.render;
    routines.set(id, { ...(render || {}), summary: data });
  }
  return routines.get(id);
}

export function cachedRoutine(id) {
  return routines.get(id) || (routines.size ? routines.values().next().value : null);
}

export function findStep(routine, stepId) {
  return (routine && routine.steps && routine.steps.find((s) => s.id === stepId)) || null;
}

export function stepTitle(routine, stepId) {
  const s = findStep(routine, stepId);
  if (!s) return stepId || '';
  return pick(s.title_i18n || s.title, stepId);
}

export function serviceName(routine, serviceId) {
  if (!serviceId) return '';
  const s = routine && routine.services && routine.services.find((x) => x.id === serviceId);
  if (!s) return serviceId;
  return pick(s.name_i18n || s.name, serviceId);
}

export function routineTitle(routine) {
  if (!routine) return '';
  return pick(routine.titles || routine.title_i18n || routine.title, routine.id);
}
