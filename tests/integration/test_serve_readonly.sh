#!/usr/bin/env bash
# test_serve_readonly.sh - peel serve as a user who may only read the store
# (docs/web.md, "Deploying it"): a WAL-mode store needs its -wal and -shm
# files, which such a user cannot create; every writing peel command keeps
# them (the -wal emptied), so the site then serves. A store copied without
# its -shm is refused with a message saying what to do, not "schema
# version -1". As root the site runs as nobody; as anyone else, on a store
# and folder made read-only.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_cmd curl

demo_store
store="$WORK/ro/peel.db"
mkdir "$WORK/ro"
mv "$PEEL_DB" "$store"
chmod u+w "$store"
run --rc 0 "$PEEL" --db "$store" quarantine
section "a writing command keeps the -wal and -shm files"
[[ -f "$store-shm" && -f "$store-wal" ]] || fail "no -shm or -wal beside the store: $(ls "$WORK/ro")"
check_eq "the -wal file is empty" 0 "$(stat -c %s "$store-wal")"

# as_reader CMD... : CMD as a user who may only read the store
chmod 755 "$WORK"
chmod 644 "$store" "$store-shm" "$store-wal"
if [[ $(id -u) == 0 ]]; then
    # setpriv execs the command itself: the server's PID is the one
    # start_server signals (through runuser, or a function, the server was
    # a child that outlived the test)
    require_cmd setpriv
    reader="setpriv --reuid=nobody --regid=nogroup --clear-groups --"
else
    chmod 555 "$WORK/ro"
    chmod 444 "$store" "$store-shm" "$store-wal"
    reader=""
fi
as_reader() { $reader "$@"; }

section "the site runs as a reader"
PEEL_DB=$store SERVE_AS=$reader start_server
check_eq "the home page" 200 "$(curl -s -m 10 -o /dev/null -w '%{http_code}' "$BASE/")"
check_eq "a search" 200 "$(curl -s -m 10 -o /dev/null -w '%{http_code}' "$BASE/explore?group_by=fy")"
kill -TERM "$SERVER_PID"
wait "$SERVER_PID" || true

section "a store copied without its -shm"
chmod u+w "$WORK/ro"
rm "$store-shm" "$store-wal"
chmod a-w "$WORK/ro"
run --rc 1 as_reader "$PEEL" --db "$store" serve --port 0
check_contains "says what to do" "$(cat "$ERR")" \
    "its -shm file is missing and this user may not create it in that folder"
check_not_contains "not a schema version" "$(cat "$ERR")" "schema version -1"
chmod u+w "$WORK/ro"
