// The administrator's hash routes (router.js hands every "#/admin..." here):
//   #/admin                                the routines and their versions
//   #/admin/routines/ID/versions/N         one version's diagram
//   #/admin/routines/ID/edit               the editor (check, diff, publish, migrate)
//   #/admin/editor                         the editor with an empty draft
//   #/admin/routines/ID/simulate           the simulator's charts
//   #/admin/notifications                  failed and pending deliveries
//   #/admin/access-log[/REFERENCE]         who read a case
//   #/admin/retention                      purge and archive status
// Route names start with "admin." so the shell knows the admin pages.
export function parseAdminRoute(parts) {
  const [, a, b, c, d] = parts;
  const n = parts.length;
  if (n === 1) return { name: 'admin.routines' };
  if (a === 'editor' && n === 2) return { name: 'admin.editor', id: null };
  if (a === 'routines' && n === 5 && c === 'versions' && /^\d+$/.test(d)) return { name: 'admin.version', id: b, version: Number(d) };
  if (a === 'routines' && n === 4 && c === 'edit') return { name: 'admin.editor', id: b };
  if (a === 'routines' && n === 4 && c === 'simulate') return { name: 'admin.simulate', id: b };
  if (a === 'notifications' && n === 2) return { name: 'admin.notifications' };
  if (a === 'access-log' && n <= 3) return { name: 'admin.access', reference: b || '' };
  if (a === 'retention' && n === 2) return { name: 'admin.retention' };
  return { name: 'notfound' };
}

export const isAdminRoute = (route) => !!route && typeof route.name === 'string' && route.name.startsWith('admin.');
