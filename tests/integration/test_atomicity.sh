#!/usr/bin/env bash
# test_atomicity.sh - an import is one transaction: killing it part-way
# (SIGKILL, as by the OOM killer or a power cut; SIGINT, as by Ctrl-C) leaves
# the database exactly as it was before the import began:
#   * same row counts, rollup sums and street rows as before,
#   * PRAGMA integrity_check is ok and peel can still read it,
#   * a later complete import works and gives the same store as a complete
#     import that was never interrupted.
# "Part-way" is made sure of by watching which file peel has open
# (/proc/PID/fd): the signal is sent while it reads one of the middle months
# (2021-02..2021-11 of 12), before the single COMMIT at the end; the
# process must still be running then and must end by that signal.
source "$(dirname "$0")/lib.sh"
require_cmd sqlite3

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

section "a complete import, on a copy, for comparison"
# Copy with sqlite's backup so that a WAL, if any, is included.
sql ".backup full.db"
run --rc 0 "$PEEL" --db full.db import --quiet "$DATA"
full=$(fingerprint full.db)
[[ "$full" != "$before" ]] || fail "the complete import did not change the store"
pass "complete import done"
[[ -d /proc/self/fd ]] || skip "needs /proc/PID/fd to see how far an import has got"

# open_month PID : sets month to that of the street CSV the process has
# open, if one of the middle months (2021-02..2021-11). Builtins only (-ef compares
# device and inode), and nap waits 5 ms without a process (read timing out
# on a FIFO no one writes): the reading thread holds a file only while the
# writer works through it (a fraction of a second here), and a loop forking
# ls and sleep each look missed every middle month under a parallel ctest
# once the import got faster.
middle=("$DATA"/2021-0[2-9]/*-street.csv "$DATA"/2021-1[01]/*-street.csv)
open_month() {
    local fd f
    for fd in /proc/"$1"/fd/*; do
        for f in "${middle[@]}"; do
            if [[ $fd -ef $f ]]; then
                f=${f##*/}
                month=${f:0:7}
                return 0
            fi
        done
    done
}
mkfifo nap
exec {nap_fd}<>nap
nap() { read -r -t 0.005 -u "$nap_fd" _ || true; }

# interrupt SIGNAL : starts the big import in the background and signals it
# while it is reading one of the middle months.
interrupt() {
    local sig=$1 num status month="" wal
    num=$(kill -l "$sig")
    # Non-interactive bash starts background jobs with SIGINT ignored; restore
    # the default so that the signal acts as Ctrl-C would.
    (
        trap - INT
        exec "$PEEL" import --quiet "$DATA"
    ) >bg.out 2>bg.err &
    local pid=$!
    _LIB_BG_PIDS="$pid"
    while kill -0 "$pid" 2>/dev/null; do
        open_month "$pid"
        [[ "$month" > 2021-01 && "$month" < 2021-12 ]] && break
        nap
    done
    [[ "$month" > 2021-01 && "$month" < 2021-12 ]] ||
        fail "SIG$sig: the import finished (status: $(wait "$pid" && echo 0 || echo $?)) before it was seen reading 2021-02..2021-11"
    wal=$(stat -c %s "$PEEL_DB-wal" 2>/dev/null || echo none)
    kill "-$sig" "$pid"
    status=0
    wait "$pid" 2>/dev/null || status=$?
    _LIB_BG_PIDS=""
    echo "  (signalled while peel was reading the $month file of 2021-01..2021-12; WAL was $wal bytes)"
    if [[ "$sig" == KILL ]]; then
        check_eq "SIGKILL: the import was killed by the signal (exit status)" $((128 + num)) "$status"
    else
        # Peel may catch SIGINT to roll back and exit on its own; any failure
        # status will do, but never success: the import was not finished.
        [[ "$status" != 0 ]] || fail "SIG$sig: the interrupted import exited 0"
        pass "SIG$sig: the import stopped (exit status $status)"
    fi
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

# The first import into a new store is written with a rollback journal in
# place of the WAL (store/import.c, fresh_load): killed part-way, the next
# opener must roll it back, leaving the store with nothing imported, in WAL
# mode again once a peel that writes has opened it.
section "SIGKILL part-way through the first import into a new store"
main_db=$PEEL_DB
export PEEL_DB="$WORK/first.db"
interrupt KILL
check_eq "first import: it was writing a rollback journal, not the WAL" yes \
    "$([[ -s $PEEL_DB-journal ]] && echo yes || echo "no (WAL: $(stat -c %s "$PEEL_DB-wal" 2>&1))")"
check_eq "first import: integrity_check" ok "$(sql "PRAGMA integrity_check")"
check_eq "first import: nothing imported" \
    "$(printf 'source_file=0\nslice=0\ncrime=0\nrollup_lsoa=0\nimport_run=0')" \
    "$(for t in source_file slice crime rollup_lsoa import_run; do
        printf '%s=%s\n' "$t" "$(sql "SELECT count(*) FROM $t")"
    done)"
run --rc 0 "$PEEL" import --quiet "$DATA/2021-01"
check_eq "first import: a later import works, in WAL mode" \
    "wal $(sql "$main_db" "SELECT count(*) FROM crime")" \
    "$(sql "PRAGMA journal_mode") $(sql "SELECT count(*) FROM crime")"
export PEEL_DB=$main_db

section "a later complete import works"
run --rc 0 "$PEEL" import --quiet "$DATA"
check_eq "integrity after" ok "$(sql "PRAGMA integrity_check")"
check_eq "same store as an import never interrupted" "$full" "$(fingerprint)"
check_eq "all 12 months present" 12 "$(sql "SELECT count(*) FROM slice WHERE kind = 'street'")"

echo
echo "PASS $TEST_NAME"
