#!/usr/bin/env bash
# test_atomicity.sh - an import is one transaction: killing it part-way
# (SIGKILL, as by the OOM killer or a power cut; SIGINT, as by Ctrl-C) leaves
# the database exactly as it was before the import began:
#   * same row counts, rollup sums and street rows as before,
#   * PRAGMA integrity_check is ok and peel can still read it,
#   * a later complete import works and gives the same store as a complete
#     import that was never interrupted.
# "Part-way" is made sure of: the time a complete import takes is measured
# first, the kill lands at about 40% of it, the process must still be running
# when signalled and must end by that signal (not by finishing).
source "$(dirname "$0")/lib.sh"
require_cmd sqlite3

now_ms() { echo $(($(date +%s%N) / 1000000)); }

section "generate a year of synthetic street data"
run --rc 0 "$PEEL" generate --out gen --rows 30000 --from 2021-01 --to 2021-12 --kinds street \
    --no-lookups
DATA=gen/police-uk
echo "  $(cat "$DATA"/*/*.csv | wc -l) lines in $(ls "$DATA"/*/*.csv | wc -l) files"

section "the database before: one month imported"
run --rc 0 "$PEEL" import --quiet "$DATA/2021-01"
before=$(fingerprint)
echo "$before" | sed 's/^/    /'
check_eq "integrity before" ok "$(sql "PRAGMA integrity_check")"

section "a complete import, timed, on a copy"
# Copy with sqlite's backup so that a WAL, if any, is included.
sql ".backup full.db"
t0=$(now_ms)
run --rc 0 "$PEEL" --db full.db import --quiet "$DATA"
t1=$(now_ms)
full_ms=$((t1 - t0))
full=$(fingerprint full.db)
echo "  a complete import took ${full_ms} ms"
[[ "$full" != "$before" ]] || fail "the complete import did not change the store"
if [[ $full_ms -lt 500 ]]; then
    fail "the complete import took only ${full_ms} ms: too fast to interrupt reliably; generate more rows"
fi
delay_ms=$((full_ms * 4 / 10))

# interrupt SIGNAL : starts the big import in the background, signals it at
# ~40% of a complete import's time, and checks that it really was running
# and died of the signal.
interrupt() {
    local sig=$1 num status wal
    num=$(kill -l "$sig")
    # Non-interactive bash starts background jobs with SIGINT ignored; restore
    # the default so that the signal acts as Ctrl-C would.
    (
        trap - INT
        exec "$PEEL" import --quiet "$DATA"
    ) >bg.out 2>bg.err &
    local pid=$!
    _LIB_BG_PIDS="$pid"
    # Wait until peel has opened the database (WAL mode creates -wal) ...
    local waited=0
    while [[ ! -e "$PEEL_DB-wal" ]] && kill -0 "$pid" 2>/dev/null && [[ $waited -lt 5000 ]]; do
        sleep 0.01
        waited=$((waited + 10))
    done
    # ... then into the import.
    sleep "$(awk -v ms="$delay_ms" 'BEGIN { printf "%.3f", ms / 1000 }')"
    kill -0 "$pid" 2>/dev/null ||
        fail "SIG$sig: the import had already finished after ${delay_ms} ms; cannot test an interruption"
    wal=$(stat -c %s "$PEEL_DB-wal" 2>/dev/null || echo none)
    kill "-$sig" "$pid"
    status=0
    wait "$pid" 2>/dev/null || status=$?
    _LIB_BG_PIDS=""
    if [[ "$sig" == KILL ]]; then
        check_eq "SIGKILL: the import was killed by the signal (exit status)" $((128 + num)) "$status"
    else
        # Peel may catch SIGINT to roll back and exit on its own; any failure
        # status will do, but never success: the import was not finished.
        [[ "$status" != 0 ]] || fail "SIG$sig: the interrupted import exited 0"
        pass "SIG$sig: the import stopped (exit status $status)"
    fi
    echo "  (signalled after ~${delay_ms} ms; WAL was $wal bytes)"
}

for sig in KILL INT; do
    section "SIG$sig part-way through an import of the whole year"
    interrupt "$sig"
    check_eq "SIG$sig: integrity_check" ok "$(sql "PRAGMA integrity_check")"
    check_eq "SIG$sig: store unchanged" "$before" "$(fingerprint)"
    run --rc 0 "$PEEL" stats --group-by month --format csv
    check_eq "SIG$sig: stats still answers, with only 2021-01" "month,count
2021-01,$(sql "SELECT count(*) FROM crime")" "$(out_text)"
done

section "a later complete import works"
run --rc 0 "$PEEL" import --quiet "$DATA"
check_eq "integrity after" ok "$(sql "PRAGMA integrity_check")"
check_eq "same store as an import never interrupted" "$full" "$(fingerprint)"
check_eq "all 12 months present" 12 "$(sql "SELECT count(*) FROM slice WHERE kind = 'street'")"

echo
echo "PASS $TEST_NAME"
