# lib.sh - shared helpers for the integration tests (sourced, not run).
#
# Every test_*.sh is run by ctest as `bash SCRIPT` with
#   PEEL             the peel binary under test
#   PEEL_SOURCE_DIR  the repository root
#   PEEL_FIXTURES    (tests that call demo_store or real_store) the folder
#                    of the stores built once per ctest run (fixture.sh);
#                    without it those functions build the store on the spot
# Exit status: 0 pass, 77 skipped (reason printed), anything else fail.
#
# Sourcing this file:
#   - checks PEEL and PEEL_SOURCE_DIR,
#   - makes a private work folder $WORK (removed on exit) and cd's into it,
#   - points PEEL_DB at $WORK/peel.db, so nothing is ever written inside
#     the repository even if a test forgets --db.
#
# The rule for a test's size: its cost must not grow with the data. `make
# test` runs every test twice (normal and ASan) and must finish in ten
# minutes on two cores, so:
#   - a crawl samples by page template (two pages of each: the route with
#     its ids blanked, as tests/browser/check_site.mjs groups them) and
#     follows rel="next" once, never along a whole chain of pages;
#   - an unfiltered download (/explore.csv, /explore.json: the whole crime
#     table) is read only to its first 64 KB (curl ... | head -c 65536), and
#     a whole export is fetched only with a filter, or from a store the test
#     generated at the size it needs (test_explore_busy.sh);
#   - a loop over pages, rows or retries has a bound;
#   - the demo store comes from demo_store (a copy of the one built once per
#     ctest run), the real-data store from real_store; never rebuilt by hand;
#   - a background process is started so that its pid is the process itself
#     (not a subshell running a function), and added to _LIB_BG_PIDS, so that
#     it is stopped on exit and cannot hold ctest's output pipe open.

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
if [[ -n "${PEEL_FIXTURES:-}" ]]; then
    mkdir -p "$PEEL_FIXTURES"
    PEEL_FIXTURES=$(cd "$PEEL_FIXTURES" && pwd)
    export PEEL_FIXTURES
fi

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
# Debian's python3 (scripts/bootstrap test installs it, with the modules the
# checks import, python3-jsonschema) before any other on PATH: a version
# manager's shim (pyenv's) took 0.33 s to start against Debian's 0.04 s,
# and the suite starts Python hundreds of times.
if [[ -x /usr/bin/python3 ]]; then
    mkdir "$WORK/.bin" && ln -s /usr/bin/python3 "$WORK/.bin/python3"
    export PATH="$WORK/.bin:$PATH"
fi
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

# no_checker WHY : a tool the test checks with (a browser, curl, poppler) is
# missing. Run by hand, that skips; under make test (PEEL_REQUIRE_CHECKERS=1,
# set by the Makefile after scripts/bootstrap test installed them all) it
# fails, so that a check cannot silently stop running.
no_checker() {
    if [[ "${PEEL_REQUIRE_CHECKERS:-0}" == 1 ]]; then
        fail "$* (make test requires it: scripts/bootstrap test installs it)"
    fi
    skip "$*"
}

# sign_in USER : a cookie jar $WORK/jar-USER holding USER's staff session,
# signed in through the form with $PASSWORD (of a started server)
sign_in() {
    local jar="$WORK/jar-$1" token
    curl -s -m 10 -c "$jar" -o "$WORK/form.html" "$BASE/staff/sign-in"
    token=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$WORK/form.html" | head -1)
    check_eq "$1 signs in" 303 "$(curl -s -m 10 -o /dev/null -w '%{http_code}' -b "$jar" -c "$jar" \
        --data-urlencode "csrf=$token" -d "username=$1" --data-urlencode "password=$PASSWORD" \
        "$BASE/staff/sign-in")"
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

# check_plain_english FILE... : HTML pages that a member of the public
# reads name no command, field name or file path (check_plain.py)
check_plain_english() {
    python3 "$PEEL_SOURCE_DIR/tests/integration/check_plain.py" "$@" ||
        fail "plain English: the pages above name commands, fields or paths"
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
        command -v "$c" >/dev/null 2>&1 || no_checker "needs '$c', which is not installed"
    done
}

# browser_node : the Node.js that runs the browser check, 20 or later
# (playwright-core's need): the system's, or the runtime scripts/bootstrap
# put in tests/browser/.runtime where the system's is older (Debian 12: 18).
browser_node() {
    local own="$PEEL_SOURCE_DIR/tests/browser/.runtime/node_modules/.bin/node" n
    for n in "$own" "$(command -v node 2>/dev/null || true)"; do
        [[ -n "$n" && -x "$n" ]] || continue
        (($("$n" -p 'process.versions.node.split(".")[0]') >= 20)) && { echo "$n"; return 0; }
    done
    return 1
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
        rollup_all area population; do
        printf '%s=%s\n' "$t" "$(sql "$db" "SELECT count(*) FROM $t")"
    done
    printf 'rollup_force.n=%s\n' "$(sql "$db" "SELECT coalesce(sum(n), 0) FROM rollup_force")"
    printf 'rollup_lsoa.n=%s\n' "$(sql "$db" "SELECT coalesce(sum(n), 0) FROM rollup_lsoa")"
    printf 'rollup_all.n=%s\n' "$(sql "$db" "SELECT coalesce(sum(n), 0) FROM rollup_all")"
    printf 'street_row=%s\n' "$(street_dump_hash "$db")"
}

# police_uk_out_of_order DB [names] : street rows that come after a row
# they should come before in data.police.uk's order (every real file: by
# LSOA name, then crime type with "Other crime" last, the rows with no
# location last). With `names`, the LSOA names' byte order too (police.uk's
# own ignores case and punctuation). peel generate writes this order.
police_uk_out_of_order() {
    local by_name=""
    [[ -n ${2:-} ]] && by_name="OR (n <> '' AND pn <> '' AND n < pn)"
    sql "$1" "SELECT count(*) FROM ($_lib_pairs) WHERE pl IS NOT NULL
              AND ((n <> '' AND pn = '') OR (n = pn AND k < pk) $by_name)"
}

# lsoa_runs DB : "R runs, L LSOAs": runs of rows with one LSOA, and LSOAs,
# over the street files (equal when each LSOA is one run).
lsoa_runs() {
    printf '%s runs, %s LSOAs' "$(sql "$1" "SELECT count(*) FROM ($_lib_pairs) WHERE pl IS NULL OR n <> pn")" \
        "$(sql "$1" "SELECT count(*) FROM (SELECT DISTINCT file, \"LSOA name\" FROM street_row)")"
}

# Each street row beside the one before it in its file (street_row keeps
# the line): n, pn its LSOA name and the last row's; k, pk their crime
# types' places in police.uk's order.
_lib_type_place="CASE t WHEN 'Anti-social behaviour' THEN 0 WHEN 'Bicycle theft' THEN 1
  WHEN 'Burglary' THEN 2 WHEN 'Criminal damage and arson' THEN 3 WHEN 'Drugs' THEN 4
  WHEN 'Other theft' THEN 5 WHEN 'Possession of weapons' THEN 6 WHEN 'Public order' THEN 7
  WHEN 'Robbery' THEN 8 WHEN 'Shoplifting' THEN 9 WHEN 'Theft from the person' THEN 10
  WHEN 'Vehicle crime' THEN 11 WHEN 'Violence and sexual offences' THEN 12
  WHEN 'Other crime' THEN 13 END"
_lib_pairs="SELECT n, pn, $_lib_type_place AS k, lag($_lib_type_place) OVER w AS pk,
       lag(n) OVER w AS pl
       FROM (SELECT file, line, \"LSOA name\" AS n, lag(\"LSOA name\") OVER w AS pn,
                    \"Crime type\" AS t FROM street_row WINDOW w AS (PARTITION BY file ORDER BY line))
       WINDOW w AS (PARTITION BY file ORDER BY line)"

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
# 2024-29 plan in $PEEL_DB, as `make demo` builds it (street files only), and
# DEMO_DATA, the generated folder it was imported from (police-uk/ and the
# lookups/ CSVs). Under ctest, a copy of the store the fixture/demo test
# built once for the run ($PEEL_FIXTURES/demo); DEMO_DATA is then that
# fixture's folder, shared by every test: read it, never write into it. Run
# by hand (no PEEL_FIXTURES), the store is built here, in $WORK.
demo_store() {
    if [[ -z "${PEEL_FIXTURES:-}" ]]; then
        demo_store_build "$WORK/demo"
        mv "$WORK/demo/peel.db" "$PEEL_DB"
        DEMO_DATA="$WORK/demo/data"
        return
    fi
    _lib_fixture_copy demo
    DEMO_DATA="$PEEL_FIXTURES/demo/data"
}

# demo_store_build DIR : the demo store built from nothing into DIR/peel.db,
# from the data generated into DIR/data (fixture.sh and demo_store).
demo_store_build() {
    local dir=$1
    mkdir -p "$dir"
    "$PEEL" generate --out "$dir/data" --kinds street >/dev/null
    "$PEEL" --db "$dir/peel.db" import --quiet "$dir/data/police-uk"
    "$PEEL" --db "$dir/peel.db" import-areas "$dir/data/lookups/lsoa-areas.csv" >/dev/null
    "$PEEL" --db "$dir/peel.db" import-population "$dir/data/lookups/lsoa-population.csv" >/dev/null
    "$PEEL" --db "$dir/peel.db" plan load "$PEEL_SOURCE_DIR/plans/llr-2024-29.yaml" >/dev/null
    _lib_store_closed "$dir/peel.db"
}

# real_store : the 36 real street months and 3 stop-and-search months
# ($REAL_DATA/police-uk) imported into $PEEL_DB, and REAL_IMPORT_OUT, a file
# holding what that `peel import --format csv` printed (its table of files).
# Skips the test when the real data is not there. Under ctest, a copy of the
# fixture/real test's store ($PEEL_FIXTURES/real); by hand, imported here.
real_store() {
    require_real_data
    if [[ -z "${PEEL_FIXTURES:-}" ]]; then
        real_store_build "$WORK/real"
        mv "$WORK/real/peel.db" "$PEEL_DB"
        REAL_IMPORT_OUT="$WORK/real/import.csv"
        return
    fi
    _lib_fixture_copy real
    REAL_IMPORT_OUT="$PEEL_FIXTURES/real/import.csv"
}

# real_store_build DIR : the real months imported into DIR/peel.db, what the
# import printed in DIR/import.csv.
real_store_build() {
    local dir=$1
    mkdir -p "$dir"
    "$PEEL" --db "$dir/peel.db" import --format csv "$REAL_DATA/police-uk" >"$dir/import.csv"
    _lib_store_closed "$dir/peel.db"
}

# _lib_store_closed DB : the store is whole in its one file, as a copy needs
# (peel checkpoints and removes the WAL when its last connection closes).
_lib_store_closed() {
    [[ ! -s "$1-wal" ]] || fail "$1-wal is not empty after peel exited: a copy of $1 would lose it"
}

# _lib_fixture_copy NAME : $PEEL_FIXTURES/NAME/peel.db copied to $PEEL_DB,
# after checking that the fixture is there, finished, and was built by this
# very binary (fixture.sh records its sha256): a store left by an older
# peel, or by a failed or excluded fixture test, is an error, not a test of
# the wrong thing. Copies are plain reads of a file no one writes during the
# run (fixture.sh finishes before its dependent tests start, and swaps a
# rebuilt folder in by rename), so tests may copy it concurrently.
_lib_fixture_copy() {
    local dir="$PEEL_FIXTURES/$1"
    [[ -f "$dir/peel.db" && -f "$dir/peel.sha256" ]] ||
        fail "no fixture store at $dir: it is built by the ctest test fixture/$1 (ctest runs it first; see tests/CMakeLists.txt)"
    [[ "$(cat "$dir/peel.sha256")" == "$(sha256sum <"$PEEL" | cut -d' ' -f1)" ]] ||
        fail "the fixture store at $dir was built by another peel binary than $PEEL: run ctest again (fixture/$1 rebuilds it)"
    cp "$dir/peel.db" "$PEEL_DB"
    chmod u+w "$PEEL_DB" # the fixture's files are read-only
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

# The tests' servers are on loopback: never reached through a proxy from
# the environment.
export NO_PROXY='*' no_proxy='*'
# fetch ARGS... : curl, silent and bounded (a test adds -f, -D and the like);
# status ARGS... : the HTTP status it gets.
fetch() { curl --noproxy '*' -s --max-time 60 "$@"; }
status() { fetch -o /dev/null -w '%{http_code}' "$@"; }

SERVER_PID=""
BASE=""
# start_server ARGS... : peel serve --port 0 in the background; sets
# SERVER_PID and BASE (http://127.0.0.1:PORT) from the line it prints.
# Every request of a test comes from one or two loopback addresses, so the
# budget of pages made afresh per client (web/guard.h) is the most the
# server takes, 3,600 s of CPU a minute, which two cores cannot spend:
# a test whose subject is not the budget is never refused with 429 (an
# ASan build makes pages several times slower). A test of the budget
# gives its own --client-budget (test_serve_load.sh: the default).
start_server() {
    : >"$WORK/serve.out"
    local budget=(--client-budget 3600) a
    for a in "$@"; do
        [[ "$a" == --client-budget* ]] && budget=()
    done
    # SERVE_AS: a command (or function) to run the server through, e.g. as
    # another user (test_serve_readonly.sh); unquoted, so unset is none
    ${SERVE_AS:-} "$PEEL" serve --port 0 "${budget[@]}" "$@" >"$WORK/serve.out" 2>"$WORK/serve.err" &
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
