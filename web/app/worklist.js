// Reading the worklist: every page of GET /api/v1/cases for the filters,
// following next_cursor (the server caps a page at 500 cases). Pure
// helpers for the baton offers and the overdue mark sit beside it.
import { get } from './api.js';

export async function fetchWorklist(filters) {
  const params = new URLSearchParams();
  params.set('limit', '500');
  if (filters.status) params.set('status', filters.status);
  if (filters.step) params.set('step', filters.step);
  if (filters.level !== '' && filters.level != null) params.set('level', String(filters.level));
  if (filters.overdue) params.set('overdue', 'true');
  const items = [];
  let cursor = null;
  for (let page = 0; page < 40; page++) {
    if (cursor) params.set('cursor', cursor);
    const { data } = await get(`/api/v1/cases?${params}`);
    items.push(...(data.items || []));
    cursor = data.next_cursor;
    if (!cursor) break;
  }
  return items;
}

// Offers of the baton that wait for this service.
export function offersFor(items, service) {
  return items.filter((c) => c.baton && c.baton.state === 'offered' && c.baton.offered_to === service);
}

// The server sorts by deadline already; this keeps the order stable when a
// client filters locally (none last, then by id).
export function byDeadline(a, b) {
  const da = a.deadline && a.deadline.due_at;
  const db = b.deadline && b.deadline.due_at;
  if (da && db && da !== db) return da < db ? -1 : 1;
  if (da && !db) return -1;
  if (!da && db) return 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export async function findByReference(reference) {
  const ref = reference.trim().toUpperCase();
  const { data } = await get(`/api/v1/cases?reference=${encodeURIComponent(ref)}`);
  const items = (data && data.items) || [];
  return items.find((c) => c.reference === ref) || items[0] || null;
}
