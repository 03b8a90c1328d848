-- When the latest child-welfare report was confirmed as sent; null while it
-- awaits confirmation (the same-day watch, and the compliance report's
-- "confirmed the same day", read it).
alter table cases add column child_welfare_confirmed_at bigint;
