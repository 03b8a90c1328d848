// Hash routes: the server needs no fallback routes, and a reload keeps the
// page. Only hashes that start with "#/" are routes; "#main" (the skip
// link) is not.
//   #/            the worklist
//   #/new         log a concern
//   #/cases/ID    one case
//   #/routine     the routine
//   #/signin      development sign-in
//   #/dashboard   the leaders' compliance dashboard
//                 (?from=YYYY-MM&to=YYYY-MM&group=step: a link keeps the choice)
// A route may name its page title's catalogue key (`title`); otherwise the
// title is "title.<name>".
//   #/admin/...   the administrator's pages (admin_routes.js)
import { parseAdminRoute } from './admin_routes.js';

export function parseRoute(hash) {
  const h = hash || '#/';
  if (!h.startsWith('#/')) return null;
  const [path, search] = h.slice(2).split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return { name: 'worklist' };
  if (parts[0] === 'new' && parts.length === 1) return { name: 'new' };
  if (parts[0] === 'cases' && parts.length === 2) return { name: 'case', id: parts[1] };
  if (parts[0] === 'routine' && parts.length <= 2) return { name: 'routine', step: parts[1] || null };
  if (parts[0] === 'signin' && parts.length === 1) return { name: 'signin' };
  if (parts[0] === 'dashboard' && parts.length === 1) {
    return { name: 'dashboard', title: 'dash.title', query: Object.fromEntries(new URLSearchParams(search || '')) };
  }
  if (parts[0] === 'admin') return parseAdminRoute(parts);
  return { name: 'notfound' };
}

export function navigate(path) {
  const target = `#${path}`;
  if (location.hash === target) {
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    location.hash = target;
  }
}
