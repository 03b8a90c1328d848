// Which pages a role may use: the one place the web app decides it. The
// server decides for itself (src/http/scope.cc: RequireTeamRole,
// RequireReportRole) and answers 403 whatever the app shows; these lists
// only keep the app from offering what the server would refuse.
//   team roles: the worklist, logging a concern, case pages
//   report roles: the compliance dashboard (aggregates, never a case)
// Every signed-in role reads the routine.

export const TEAM_ROLES = ['worker', 'coordinator', 'unit_leader'];
export const REPORT_ROLES = ['auditor', 'admin'];

export const canWorkCases = (role) => TEAM_ROLES.includes(role);
export const canReadReports = (role) => REPORT_ROLES.includes(role);

// The page a role starts on (a hash path).
export function homeFor(role) {
  if (canWorkCases(role)) return '/';
  if (role === 'admin') return '/admin';
  if (canReadReports(role)) return '/dashboard';
  return '/routine';
}
