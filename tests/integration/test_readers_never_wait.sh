#!/usr/bin/env bash
# test_readers_never_wait.sh - a read command works while another process
# holds the write lock (an import in progress): opening the store must not
# take the write lock when the schema and outcome mapping are up to date.
# Regression: every open used to take BEGIN IMMEDIATE, so `peel stats`
# waited behind an import and failed with "database is locked" after 5 s.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_cmd sqlite3

"$PEEL" generate --out "$WORK/data" --from 2021-04 --to 2021-06 --rows 200 --kinds street > /dev/null
"$PEEL" import --quiet "$WORK/data/police-uk"

# another writer holds the lock for longer than peel's 5 s busy timeout
( printf 'BEGIN IMMEDIATE;\nSELECT 1;\n'; sleep 8; printf 'COMMIT;\n' ) |
    sqlite3 "$PEEL_DB" > /dev/null &
writer=$!
sleep 1
run --rc 0 "$PEEL" stats --group-by fy --format csv
check_contains "stats answered while the write lock was held" "$(cat "$OUT")" "2021-22,"
wait "$writer"
echo "readers never wait: ok"
