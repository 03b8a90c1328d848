-- The 5-statement floor of a step change (tools/bench/run.sh): the least a
-- step change can cost on this PostgreSQL with durable commits. Tables
-- shaped like Stafett's, with only the keys the statements need.
create table cases_f (id int primary key, version bigint not null,
  step text not null, updated_at timestamptz not null);
create table journal_f (id bigserial primary key, case_id int not null,
  at timestamptz not null, kind text not null, hash text not null);
create table step_visits_f (id bigserial primary key, case_id int not null,
  step text not null, entered_at timestamptz not null, left_at timestamptz);
create index step_visits_f_open on step_visits_f (case_id) where left_at is null;
create table outbox_f (id bigserial primary key, case_id int not null,
  event text not null, payload text not null, status text not null);
insert into cases_f select g, 1, 'a', now() from generate_series(1, 100000) g;
insert into step_visits_f (case_id, step, entered_at)
  select g, 'a', now() from generate_series(1, 100000) g;
vacuum analyze;
