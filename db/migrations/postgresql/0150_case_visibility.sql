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
-- sharing is 'consented' and the date is a real one.
insert into case_visibility (case_id, tenant, service, seen_through, work,
  status, worklist_due, step, level, responsible_service)
select c.id, c.tenant, s.service, max(s.through),
  case when s.service in (c.reporter_service, c.responsible_service,
    c.baton_holder, c.baton_offered_to) then 1 else 0 end,
  c.status, c.worklist_due, c.step, c.level, c.responsible_service
from cases c
join lateral (
  select c.reporter_service as service, '9999-12-31' as through
  union all select c.responsible_service, '9999-12-31' where c.level = 0
  union all select c.baton_holder, '9999-12-31' where c.level = 0
  union all select c.baton_offered_to, '9999-12-31' where c.level = 0
  union all select e.value, c.consent_valid_until
    from jsonb_array_elements_text(case when c.consent_services = ''
      then '[]' else c.consent_services end::jsonb) as e (value)
    where c.sharing = 'consented' and c.consent_given_at is not null
      and case when c.consent_valid_until
          ~ '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'
        then substr(c.consent_valid_until, 9, 2)::int <= extract(day from
          date_trunc('month', (substr(c.consent_valid_until, 1, 7)
            || '-01')::date) + interval '1 month - 1 day')
        else false end
) as s on s.service <> ''
group by c.id, s.service;

alter table cases add column sight text not null default '[]';
-- sight for the cases that exist, from the rows just computed (the format
-- may differ from the store's in spacing only, which rewrites it with the
-- next change).
update cases set sight = coalesce((select json_agg(json_build_array(
    v.service, v.seen_through, v.work) order by v.service)::text
  from case_visibility v where v.case_id = cases.id), '[]');

create function case_visibility_sync() returns trigger language plpgsql as '
begin
  if tg_op = ''UPDATE'' then
    delete from case_visibility where case_id = old.id;
  end if;
  insert into case_visibility (case_id, tenant, service, seen_through, work,
    status, worklist_due, step, level, responsible_service)
  select new.id, new.tenant, e ->> 0, e ->> 1, (e ->> 2)::smallint,
    new.status, new.worklist_due, new.step, new.level,
    new.responsible_service
  from jsonb_array_elements(new.sight::jsonb) as e;
  return null;
end';
create trigger case_visibility_on_insert after insert on cases
  for each row execute function case_visibility_sync();
create trigger case_visibility_on_update
  after update of sight, status, worklist_due, step, level,
    responsible_service on cases
  for each row when (old.sight is distinct from new.sight
    or old.status is distinct from new.status
    or old.worklist_due is distinct from new.worklist_due
    or old.step is distinct from new.step
    or old.level is distinct from new.level
    or old.responsible_service is distinct from new.responsible_service)
  execute function case_visibility_sync()
