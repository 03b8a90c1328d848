-- Lists in text columns, schema step 0030 (PostgreSQL 15). See docs/store.md.
-- Conventions as in 0001. No semicolons inside statements (the runner
-- splits on them).

-- Until now cases.categories, cases.consent_services and
-- outbox.channels_done held their items joined by ',' so an item with a
-- comma could not be stored (a 500). From now on each holds a JSON array
-- of strings ('["a","b"]'), which round-trips every UTF-8 string. The
-- empty string stays valid for an empty list (the column default, and what
-- erasure writes). The columns stay text: the store reads them as opaque
-- text on both databases.
update cases set categories =
  array_to_json(string_to_array(categories, ','))::text
  where categories <> '';
update cases set consent_services =
  array_to_json(string_to_array(consent_services, ','))::text
  where consent_services <> '';
update outbox set channels_done =
  array_to_json(string_to_array(channels_done, ','))::text
  where channels_done <> '';
