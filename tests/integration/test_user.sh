#!/usr/bin/env bash
# test_user.sh - `peel user` and `peel audit`: staff accounts made,
# listed, disabled and reset from the command line, each change one row of
# the audit log, whose chain `peel audit verify` and `peel verify` check.
# No password is ever an argument, stored, listed or logged.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_cmd sqlite3

section "accounts"
run --rc 0 "$PEEL" user roles --format csv
check_contains "the roles are data" "$(out_text)" "auditor,Auditor,"
run --rc 0 "$PEEL" user add jsmith --role officer --name "Jo <Smith>"
check_contains "added" "$(cat "$OUT")" "jsmith: added"
made=$(tail -n 1 "$OUT")
check_eq "a new password, shown once: 20 characters" 20 "${#made}"
check_eq "stored as its argon2id hash only" '$argon2id$' \
    "$(sql "SELECT substr(password_hash, 1, 10) FROM account WHERE username = 'jsmith'")"
check_eq "never in the clear" 0 "$(sql "SELECT count(*) FROM account WHERE password_hash LIKE '%$made%'")"
run --rc 1 "$PEEL" user add jsmith --role officer --name "Again"
check_contains "a username is never reused" "$(cat "$ERR")" "'jsmith' is taken"
run --rc 2 "$PEEL" user add al --role king --name "Al"
check_contains "an unknown role" "$(cat "$ERR")" "no role 'king'"
check_eq "and no password was shown for it" "" "$(cat "$OUT")"
run --rc 2 "$PEEL" user add "Bad Name" --role officer --name "X"
check_contains "usernames are plain" "$(cat "$ERR")" "lower-case letters"
run --rc 2 "$PEEL" user add pw --role auditor --name "P" --password-stdin <<<"too short"
check_contains "a short password" "$(cat "$ERR")" "shorter than 12 characters"
run --rc 0 "$PEEL" user add pw --role auditor --name "P" --password-stdin <<<"a long enough password"
check_eq "a given password is not printed" "pw: added" "$(cat "$OUT")"
run --rc 0 "$PEEL" user reset jsmith
check_contains "reset" "$(cat "$OUT")" "jsmith: password reset"
check_ne "a new password" "$made" "$(tail -n 1 "$OUT")"
run --rc 2 "$PEEL" user role pw --role nobody
check_contains "no such role" "$(cat "$ERR")" "no role 'nobody'"
run --rc 0 "$PEEL" user role pw --role panel-member
run --rc 0 "$PEEL" user list --format csv
check_contains "another role" "$(out_text)" "pw,P,panel-member,active"
run --rc 2 "$PEEL" user disable jsmith --reason "  "
check_contains "a reason says something" "$(cat "$ERR")" "a --reason that says something"
run --rc 0 "$PEEL" user disable jsmith --reason "Left the Office"
run --rc 1 "$PEEL" user reset jsmith
check_contains "a disabled account is not reset" "$(cat "$ERR")" "'jsmith' is disabled"
run --rc 0 "$PEEL" user list --format csv
check_contains "listed, disabled, with why" "$(out_text)" "jsmith,Jo <Smith>,officer,disabled,"
check_contains "the reason" "$(out_text)" ",Left the Office"
check_not_contains "no hash listed" "$(out_text)" "argon2"

section "the audit log"
run --rc 0 "$PEEL" audit list --format csv
check_eq "one row per change made (5), none per refusal" 6 "$(out_text | wc -l)"
check_contains "who and what" "$(out_text)" ",account.disable,account:jsmith,"
check_contains "from where" "$(out_text)" "peel user disable jsmith --reason Left the Office"
check_not_contains "no password, no hash" "$(out_text)" "argon2"
check_not_contains "not the shown one" "$(out_text)" "$made"
run --rc 0 "$PEEL" audit verify
check_contains "the chain is whole" "$(cat "$OUT")" "audit log: 5 rows, the chain is whole; head: row 5 "
run --rc 0 "$PEEL" verify
check_contains "peel verify checks it too" "$(cat "$OUT")" "the audit log's chain (5 rows) hashed again"
if sqlite3 "$PEEL_DB" "UPDATE audit SET actor = 'someone' WHERE seq = 2" 2>/dev/null; then
    fail "an audit row was changed"
fi
if sqlite3 "$PEEL_DB" "INSERT OR REPLACE INTO audit SELECT * FROM audit WHERE seq = 2" 2>/dev/null; then
    fail "an audit row was replaced"
fi
sqlite3 "$PEEL_DB" "DROP TRIGGER audit_kept; UPDATE audit SET after = replace(after, 'Left', 'Fired') WHERE seq = 5"
run --rc 1 "$PEEL" audit verify
check_contains "a row changed behind peel's back" "$(cat "$OUT")" "row 5: its fields hash to"
check_contains "counted" "$(cat "$ERR")" "1 problem in 5 rows"
run --rc 1 "$PEEL" verify
check_contains "peel verify names it" "$(cat "$OUT")" "audit: row 5: its fields hash to"
check_contains "and the dropped trigger" "$(cat "$OUT")" "triggers: trigger audit_kept is missing"
