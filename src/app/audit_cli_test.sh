#!/bin/sh
# CLI test for `stafett audit verify` (src/app/audit_cli.cmake): builds a
# SQLite database with one case whose two journal entries are hashed exactly
# as store/cases/journal_hash.h specifies (with sha256sum, independently of the
# C++ code), verifies it, changes one journal row directly in the database
# and verifies again. Prints each command's output and "rc=<exit code>".
#   audit_cli_test.sh STAFETT_BINARY WORK_DIR
set -u
stafett=$1
dir=$2
rm -rf "$dir" && mkdir -p "$dir" || exit 99
db="$dir/audit.db"
"$stafett" migrate --db "sqlite:$db" >/dev/null || exit 99

id=0123456789abcdef0123456789abcdef
entry() {  # seq kind text
  printf '{"v":1,"case_id":"%s","seq":%s,"tenant":"nes","kind":"%s","step":"undring","level":0,"actor_service":"skole","actor_role":"worker","at":1780000000000,"text":"%s","detail_json":"{}"}' \
    "$id" "$1" "$2" "$3"
}
h1=$(printf '\n%s' "$(entry 1 case_opened Uro)" | sha256sum | cut -d' ' -f1)
h2=$(printf '%s\n%s' "$h1" "$(entry 2 note Samtale)" | sha256sum | cut -d' ' -f1)

sqlite3 "$db" <<SQL || exit 99
insert into routine_versions (hash, tenant, routine_id, version, source_name, source_text, loaded_at)
  values ('rh', 'nes', 'bti', 1, 'bti.yaml', 'x', 0);
insert into cases (id, tenant, reference, routine_id, routine_version, routine_hash, version, status,
  step, level, reporter_service, responsible_service, sharing, baton, created_at, updated_at,
  step_entered_at, worklist_due, visit_seq, journal_seq, journal_head)
  values ('$id', 'nes', 'NES-2026-0001', 'bti', 1, 'rh', 2, 'open', 'undring', 0, 'skole', 'skole',
  'anonymous', 'none', 1780000000000, 1780000000000, 1780000000000, 9223372036854775807, 1, 2, '$h2');
insert into journal (case_id, seq, tenant, kind, step, level, actor_service, actor_role, at, text,
  detail_json, prev_hash, hash) values
  ('$id', 1, 'nes', 'case_opened', 'undring', 0, 'skole', 'worker', 1780000000000, 'Uro', '{}', '', '$h1'),
  ('$id', 2, 'nes', 'note', 'undring', 0, 'skole', 'worker', 1780000000000, 'Samtale', '{}', '$h1', '$h2');
SQL

"$stafett" audit verify --db "sqlite:$db"; echo "rc=$?"
"$stafett" audit checkpoint --db "sqlite:$db" --tenant nes >/dev/null; echo "rc=$?"
sqlite3 "$db" "update journal set text = 'Endret' where seq = 2" || exit 99
"$stafett" audit verify --db "sqlite:$db" --tenant nes; echo "rc=$?"
"$stafett" audit checkpoint --db "sqlite:$db" --tenant nes >/dev/null; echo "rc=$?"
