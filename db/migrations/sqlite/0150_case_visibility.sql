-- Who may see which case, schema step 0150 (issue 15; docs/store.md,
-- "Worklist visibility"). One row per case and service that
-- engine::WhoSees lists (engine/visibility.h: engine::CanSee made
-- enumerable). The worklist of a service reads its own rows in index order,
-- so a service that sees 20 of a million cases finds them on its first
-- page.
--
-- seen_through: the last Oslo date (YYYY-MM-DD) the service sees the case;
-- '9999-12-31' unless only effective consent lets it in, then the
-- consent's valid_until. A read at `now` asks seen_through >= today, so it
-- is exact before the deadline worker journals the expiry.
-- work: 1 when the case is on the service's own worklist (reporter,
-- responsible, baton holder or offeree: engine::HasWorkOn), what a worker
-- lists. status, worklist_due, step, level and responsible_service are
-- the case's, copied so that every worklist filter is a column of the row.
--
-- How the rows follow the case: the store writes cases.sight, WhoSees as
-- JSON ([["service","seen_through",work],...], store/case_visibility.h),
-- with every case row it writes, and the triggers below rewrite the case's
-- rows from it in the same statement. The rule stays in the engine; the
-- triggers only copy.
create table case_visibility (
  case_id text not null,
  tenant text not null,
  service text not null,
  seen_through text not null,
  work smallint not null check (work in (0, 1)),
  status text not null check (status in ('open', 'closed')),
  worklist_due bigint not null,
  step text not null,
  level integer not null,
  responsible_service text not null,
  primary key (case_id, service)
);
-- A unit leader's or coordinator's list, and a worker's own work: the
-- keyset (worklist_due, case_id) within one service and status. The
-- window and the other filters ride along, so they are checked in the
-- index (on PostgreSQL an index-only scan; a rare step or level costs
-- index entries, not heap pages).
create index case_visibility_list
  on case_visibility (tenant, service, status, worklist_due, case_id,
                      seen_through, step, level, responsible_service);
create index case_visibility_work
  on case_visibility (tenant, service, status, worklist_due, case_id,
                      seen_through, step, level, responsible_service)
  where work = 1;

-- The rows of the cases that exist, as engine::WhoSees computes them
-- (store/case_visibility_dbtest.cc runs this statement again and compares):
-- the reporter always; at level 0 the responsible service, the baton holder
-- and the offeree always; the consent's services through valid_until while
-- sharing is 'consented' and the date is a real one (SQLite's date()
-- normalises an impossible one, so it differs).
insert into case_visibility (case_id, tenant, service, seen_through, work,
  status, worklist_due, step, level, responsible_service)
select c.id, c.tenant, s.service, max(s.through),
  case when s.service in (c.reporter_service, c.responsible_service,
    c.baton_holder, c.baton_offered_to) then 1 else 0 end,
  c.status, c.worklist_due, c.step, c.level, c.responsible_service
from cases c
join (
  select id as case_id, reporter_service as service,
    '9999-12-31' as through from cases
  union all select id, responsible_service, '9999-12-31' from cases
    where level = 0
  union all select id, baton_holder, '9999-12-31' from cases
    where level = 0
  union all select id, baton_offered_to, '9999-12-31' from cases
    where level = 0
  union all select k.id, e.value, k.consent_valid_until
    from cases k, json_each(case when k.consent_services = '' then '[]'
      else k.consent_services end) as e
    where k.sharing = 'consented' and k.consent_given_at is not null
      and date(k.consent_valid_until) = k.consent_valid_until
) as s on s.case_id = c.id and s.service <> ''
group by c.id, s.service;

alter table cases add column sight text not null default '[]';
-- sight for the cases that exist, from the rows just computed (the format
-- may differ from the store's, which rewrites it with the next change).
update cases set sight = coalesce((select json_group_array(json(x)) from (
    select json_array(v.service, v.seen_through, v.work) as x
    from case_visibility v where v.case_id = cases.id
    order by v.service)), '[]');

-- Trigger bodies hold no CASE (store/sql_util.h: the splitter ends a body
-- at the word END).
create trigger case_visibility_on_insert after insert on cases
for each row begin
  insert into case_visibility (case_id, tenant, service, seen_through, work,
    status, worklist_due, step, level, responsible_service)
  select new.id, new.tenant, json_extract(e.value, '$[0]'),
    json_extract(e.value, '$[1]'), json_extract(e.value, '$[2]'),
    new.status, new.worklist_due, new.step, new.level,
    new.responsible_service
  from json_each(new.sight) as e;
end;
create trigger case_visibility_on_update
  after update of sight, status, worklist_due, step, level,
    responsible_service on cases
  for each row when old.sight is not new.sight
    or old.status is not new.status
    or old.worklist_due is not new.worklist_due
    or old.step is not new.step
    or old.level is not new.level
    or old.responsible_service is not new.responsible_service
begin
  delete from case_visibility where case_id = old.id;
  insert into case_visibility (case_id, tenant, service, seen_through, work,
    status, worklist_due, step, level, responsible_service)
  select new.id, new.tenant, json_extract(e.value, '$[0]'),
    json_extract(e.value, '$[1]'), json_extract(e.value, '$[2]'),
    new.status, new.worklist_due, new.step, new.level,
    new.responsible_service
  from json_each(new.sight) as e;
end
