-- Lists in text columns, schema step 0030 (SQLite 3.40). See docs/store.md.
-- Conventions as in 0001. No semicolons inside statements (the runner
-- splits on them).

-- Until now cases.categories, cases.consent_services and
-- outbox.channels_done held their items joined by ',' so an item with a
-- comma could not be stored (a 500). From now on each holds a JSON array
-- of strings ('["a","b"]'), which round-trips every UTF-8 string. The
-- empty string stays valid for an empty list (the column default, and what
-- erasure writes).
--
-- Conversion: json_quote escapes the whole old value as one JSON string;
-- no JSON escape contains a ',', so every ',' in it is a separator and
-- becomes '","'.
update cases set categories =
  '[' || replace(json_quote(categories), ',', '","') || ']'
  where categories <> '';
update cases set consent_services =
  '[' || replace(json_quote(consent_services), ',', '","') || ']'
  where consent_services <> '';
update outbox set channels_done =
  '[' || replace(json_quote(channels_done), ',', '","') || ']'
  where channels_done <> '';
