# lib.sh - shared helpers for the integration tests (sourced, not run).
#
# Every test_*.sh is run by ctest as `bash SCRIPT` with
#   PEEL             the peel binary under test
#   PEEL_SOURCE_DIR  the repository root
# Exit status: 0 pass, 77 skipped (reason printed), anything else fail.
#
# Sourcing this file:
#   - checks PEEL and PEEL_SOURCE_DIR,
#   - makes a private work folder $WORK (removed on exit) and cd's into it,
#   - points PEEL_DB at $WORK/peel.db, so nothing is ever written inside
#     the repository even if a test forgets --db.

set -euo pipefail

if [[ -z "${PEEL:-}" || ! -x "${PEEL:-}" ]]; then
    echo "FAIL: PEEL must name the built peel binary (got '${PEEL:-}')" >&2
    exit 1
fi
if [[ -z "${PEEL_SOURCE_DIR:-}" || ! -d "${PEEL_SOURCE_DIR:-}" ]]; then
    echo "FAIL: PEEL_SOURCE_DIR must name the repository root (got '${PEEL_SOURCE_DIR:-}')" >&2
    exit 1
fi
# Absolute paths: the tests cd into their work folder.
PEEL=$(cd "$(dirname "$PEEL")" && pwd)/$(basename "$PEEL")
PEEL_SOURCE_DIR=$(cd "$PEEL_SOURCE_DIR" && pwd)
export PEEL PEEL_SOURCE_DIR

TEST_NAME=$(basename "$0" .sh)
REAL_DATA="$PEEL_SOURCE_DIR/../shared/data/real"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/peel-$TEST_NAME.XXXXXX")
_lib_cleanup() {
    local rc=$?
    # Background peel processes a test started and did not reap.
    local pid
    for pid in ${_LIB_BG_PIDS:-}; do
        kill -KILL "$pid" 2>/dev/null || true
    done
    rm -rf "$WORK"
    exit "$rc"
}
trap _lib_cleanup EXIT
cd "$WORK"
export PEEL_DB="$WORK/peel.db"
export LC_ALL=C

# ---- reporting ---------------------------------------------------------------

fail() {
    echo "FAIL [$TEST_NAME]: $*" >&2
    exit 1
}

skip() {
    echo "SKIP [$TEST_NAME]: $*"
    exit 77
}

# A heading for a group of checks.
section() {
    echo
    echo "== $*"
}

pass() {
    echo "  ok: $*"
}

# check_eq DESCRIPTION EXPECTED ACTUAL
check_eq() {
    if [[ "$2" == "$3" ]]; then
        pass "$1 = $(_lib_show "$3")"
    else
        fail "$1: expected '$2', got '$3'"
    fi
}

# A value short enough to print on one line, else its size.
_lib_show() {
    if [[ -z "$1" ]]; then
        echo "(empty)"
    elif [[ "$1" == *$'\n'* || ${#1} -gt 100 ]]; then
        echo "(the same ${#1} characters)"
    else
        echo "$1"
    fi
}

# check_ne DESCRIPTION UNEXPECTED ACTUAL
check_ne() {
    if [[ "$2" != "$3" ]]; then
        pass "$1 ($(_lib_show "$3") differs from $(_lib_show "$2"))"
    else
        fail "$1: expected a value other than '$2'"
    fi
}

# check_contains DESCRIPTION HAYSTACK NEEDLE  (fixed string)
check_contains() {
    if grep -qF -- "$3" <<<"$2"; then
        pass "$1 (contains '$3')"
    else
        printf '%s\n' "$2" | sed 's/^/    | /' >&2
        fail "$1: output above does not contain '$3'"
    fi
}

# check_not_contains DESCRIPTION HAYSTACK NEEDLE
check_not_contains() {
    if grep -qF -- "$3" <<<"$2"; then
        printf '%s\n' "$2" | sed 's/^/    | /' >&2
        fail "$1: output above contains '$3'"
    else
        pass "$1 (no '$3')"
    fi
}

# check_files_eq DESCRIPTION EXPECTED_FILE ACTUAL_FILE  (byte for byte)
check_files_eq() {
    if cmp -s "$2" "$3"; then
        pass "$1"
    else
        diff -u "$2" "$3" | sed 's/^/    /' >&2 || true
        fail "$1: files differ (expected $2, actual $3; diff above)"
    fi
}

# ---- running -----------------------------------------------------------------

# run [--rc N] CMD... : runs CMD, stdout to $WORK/out, stderr to $WORK/err, exit
# status in $RC; with --rc N, fails the test unless the status is N (printing
# what the command said).
OUT="$WORK/out"
ERR="$WORK/err"
RC=0
run() {
    local want=""
    if [[ "$1" == "--rc" ]]; then
        want=$2
        shift 2
    fi
    RC=0
    "$@" >"$OUT" 2>"$ERR" || RC=$?
    if [[ -n "$want" && "$RC" != "$want" ]]; then
        echo "    command: $*" >&2
        sed 's/^/    stdout| /' "$OUT" >&2
        sed 's/^/    stderr| /' "$ERR" >&2
        fail "exit status $RC, expected $want: $*"
    fi
    return 0
}

# out_text : the last run's stdout with CR removed (peel writes CSV with CRLF
# line ends, as RFC 4180 asks).
out_text() {
    tr -d '\r' <"$OUT"
}

# peel_ok ARGS... : runs peel, fails the test unless it exits 0; prints stdout.
peel_ok() {
    run --rc 0 "$PEEL" "$@"
    cat "$OUT"
}

require_cmd() {
    local c
    for c in "$@"; do
        command -v "$c" >/dev/null 2>&1 || skip "needs '$c', which is not installed"
    done
}

require_real_data() {
    [[ -d "$REAL_DATA" && -f "$REAL_DATA/PROVENANCE.md" ]] ||
        skip "real data not found at $REAL_DATA (see shared/data/real/PROVENANCE.md); nothing to test"
}

# ---- the database ------------------------------------------------------------

# sql [DB] QUERY : runs a query with the sqlite3 CLI, '|'-separated, no header.
sql() {
    local db="$PEEL_DB"
    if [[ $# -gt 1 ]]; then
        db=$1
        shift
    fi
    sqlite3 -batch -noheader "$db" "$1"
}

# fingerprint [DB] : one text block that changes whenever stored crime data
# changes: row counts per table, the rollup sums, and a sha256 of every
# street row as published (sorted; row ids and source file names left out,
# since those legitimately differ between equivalent imports).
fingerprint() {
    local db="${1:-$PEEL_DB}"
    local t
    for t in source_file slice crime outcome stop_search quarantine rollup_force rollup_lsoa \
        area population; do
        printf '%s=%s\n' "$t" "$(sql "$db" "SELECT count(*) FROM $t")"
    done
    printf 'rollup_force.n=%s\n' "$(sql "$db" "SELECT coalesce(sum(n), 0) FROM rollup_force")"
    printf 'rollup_lsoa.n=%s\n' "$(sql "$db" "SELECT coalesce(sum(n), 0) FROM rollup_lsoa")"
    printf 'street_row=%s\n' "$(street_dump_hash "$db")"
}

# street_dump_hash [DB] : sha256 of the sorted street rows (12 published
# columns and line number; no id, no file).
street_dump_hash() {
    local db="${1:-$PEEL_DB}"
    sql "$db" "SELECT line, \"Crime ID\", \"Month\", \"Reported by\", \"Falls within\",
                      \"Longitude\", \"Latitude\", \"Location\", \"LSOA code\", \"LSOA name\",
                      \"Crime type\", \"Last outcome category\", \"Context\"
               FROM street_row" | sort | sha256sum | cut -d' ' -f1
}

# month_index YYYY-MM : the month as stored in slice.month (year*12 + month-1).
month_index() {
    local y=${1%-*} m=${1#*-}
    echo $((10#$y * 12 + 10#$m - 1))
}

# ---- peel serve --------------------------------------------------------------

# demo_store : the synthetic street data with areas, populations and the
# 2024-29 plan in $PEEL_DB, as `make demo` builds it (street files only).
demo_store() {
    "$PEEL" generate --out "$WORK/data" --kinds street >/dev/null
    "$PEEL" import --quiet "$WORK/data/police-uk"
    "$PEEL" import-areas "$WORK/data/lookups/lsoa-areas.csv" >/dev/null
    "$PEEL" import-population "$WORK/data/lookups/lsoa-population.csv" >/dev/null
    "$PEEL" plan load "$PEEL_SOURCE_DIR/plans/llr-2024-29.yaml" >/dev/null
}

# hostile_grouping LOOKUP OUT : an area lookup with one grouping, "evil",
# whose values are markup, every LSOA of LOOKUP in one of the two: for the
# escaping checks of the pages that name areas.
hostile_grouping() {
    python3 - "$1" "$2" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
with open(sys.argv[2], "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["lsoa_code", "evil"])
    for i, r in enumerate(rows):
        w.writerow([r["lsoa_code"], "<script>alert(1)</script>" if i % 2 else "\"><img src=x onerror=alert(2)>"])
PY
}

SERVER_PID=""
BASE=""
# start_server ARGS... : peel serve --port 0 in the background; sets
# SERVER_PID and BASE (http://127.0.0.1:PORT) from the line it prints.
start_server() {
    : >"$WORK/serve.out"
    "$PEEL" serve --port 0 "$@" >"$WORK/serve.out" 2>"$WORK/serve.err" &
    SERVER_PID=$!
    _LIB_BG_PIDS="${_LIB_BG_PIDS:-} $SERVER_PID" # killed by lib.sh on any exit
    local i
    for i in $(seq 100); do
        grep -q '^Serving ' "$WORK/serve.out" && break
        kill -0 "$SERVER_PID" 2>/dev/null || fail "peel serve exited: $(cat "$WORK/serve.err")"
        sleep 0.1
    done
    BASE=$(sed -n 's|^Serving \(http://127\.0\.0\.1:[0-9]*\)/ (Ctrl-C to stop)$|\1|p' "$WORK/serve.out")
    [[ -n "$BASE" ]] || fail "no 'Serving http://127.0.0.1:PORT/' line: $(cat "$WORK/serve.out")"
    pass "serving at $BASE"
}

# stop_server : SIGTERM, then the process must exit 0 by itself, promptly.
stop_server() {
    kill -TERM "$SERVER_PID"
    local rc=0 i
    for i in $(seq 100); do
        kill -0 "$SERVER_PID" 2>/dev/null || break
        sleep 0.1
    done
    kill -0 "$SERVER_PID" 2>/dev/null && fail "peel serve still running 10 s after SIGTERM"
    wait "$SERVER_PID" || rc=$?
    check_eq "peel serve exit status after SIGTERM" "0" "$rc"
    check_contains "says it stopped" "$(cat "$WORK/serve.err")" "peel serve: terminated, stopping"
}
