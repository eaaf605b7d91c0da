#!/usr/bin/env bash
# test_export_cache.sh - a CSV download of whole months is served from each
# slice's stored CSV (export_csv, store/export.h), and those bytes are the
# row-by-row path's, whatever happened to the store:
#   * the stored path is taken (a blob altered by hand shows in the download),
#     and its bytes equal the row path's (the same download with the blobs
#     deleted, which is how a store with no blobs is served), for a year, for
#     one force by name and by id, for every month and for no month at all;
#   * a filtered download equals the same rows counted in SQL (row path);
#   * after import-areas renames a district and after a month is re-imported
#     with changed outcomes, the download shows the change: no stale blob;
#   * an import killed while reading, or after its commit while the blobs
#     are rendered, leaves either every blob or none of a slice it replaced,
#     never a half-written set, and the download still equals the row path.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_cmd curl sqlite3 awk

"$PEEL" generate --out "$WORK/data" --kinds street --from 2021-01 --to 2022-06 --rows 3000 >/dev/null
"$PEEL" import --quiet "$WORK/data/police-uk"
"$PEEL" import-areas "$WORK/data/lookups/lsoa-areas.csv" >/dev/null
"$PEEL" plan load "$PEEL_SOURCE_DIR/plans/llr-2024-29.yaml" >/dev/null

fetch() { curl --noproxy '*' -sf --max-time 60 "$@"; }
slices() { sql "SELECT count(*) FROM slice WHERE kind = 'street'"; }
blobs() { sql "SELECT count(*) FROM export_csv"; }

# same_as_rows NAME QUERY : the download of QUERY, served from the blobs
# (every slice has one), is byte for byte the download with the blobs gone
# (the row path); the blobs are put back by rendering them again.
same_as_rows() {
    check_eq "$1: every slice rendered" "$(slices)" "$(blobs)"
    fetch "$BASE/explore.csv?$2" >"$WORK/fast.csv"
    sql "DELETE FROM export_csv"
    fetch "$BASE/explore.csv?$2" >"$WORK/rows.csv"
    check_files_eq "$1: stored bytes = row path bytes" "$WORK/rows.csv" "$WORK/fast.csv"
    "$PEEL" import-areas "$WORK/lookup.csv" >/dev/null # renders them again, unchanged
}

cp "$WORK/data/lookups/lsoa-areas.csv" "$WORK/lookup.csv"
start_server

section "the stored CSV is what a download of whole months serves"
check_eq "the import rendered every street slice" "$(slices)" "$(blobs)"
[[ $(slices) -eq 18 ]] || fail "expected 18 monthly slices, found $(slices)"
first=$(sql "SELECT min(id) FROM slice WHERE kind = 'street' AND month = $(month_index 2021-04)")
check_eq "the import packed them (store/export_pack.h)" "$(blobs)" \
    "$(sql "SELECT count(*) FROM export_csv WHERE form = 1")"
# a literal row (tag 0, its length 17) put first in the slice's packed rows
sql "UPDATE export_csv SET csv = X'0011' || CAST('altered by hand' || char(13, 10) AS BLOB) || csv
     WHERE slice_id = $first"
check_contains "a blob altered by hand shows: the stored path is taken" \
    "$(fetch "$BASE/explore.csv?from=2021-04&to=2022-03" | head -n 2)" "altered by hand"
check_not_contains "a filtered download takes the row path" \
    "$(fetch "$BASE/explore.csv?from=2021-04&to=2022-03&crime_type=Burglary" | head -n 2)" "altered by hand"
sql "DELETE FROM export_csv WHERE slice_id = $first"
check_not_contains "one slice without a blob: the whole download takes the row path" \
    "$(fetch "$BASE/explore.csv?from=2021-04&to=2022-03" | head -n 2)" "altered by hand"
"$PEEL" import-areas "$WORK/lookup.csv" >/dev/null
check_eq "a write command renders the missing slice" "$(slices)" "$(blobs)"

same_as_rows "a year" "from=2021-04&to=2022-03"
same_as_rows "every month" ""
same_as_rows "a force by name, from a month on" "from=2022-01&force=Leicestershire%20Police"
same_as_rows "a force by police.uk id" "to=2021-02&force=leicestershire"
# a force the store does not know is refused, not served as no rows
check_eq "an unknown force is refused" 400 \
    "$(curl --noproxy '*' -s -o /dev/null -w '%{http_code}' "$BASE/explore.csv?force=nowhere")"
fetch "$BASE/explore.csv?from=2021-04&to=2022-03" >"$WORK/year.csv"
want=$(sql "SELECT count(*) FROM street_row WHERE \"Month\" BETWEEN '2021-04' AND '2022-03'")
check_eq "a year's rows = its crimes counted in SQL" "$want" "$(($(wc -l <"$WORK/year.csv") - 1))"
check_eq "the header is the row path's" \
    "crime_id,month,reported_by,falls_within,longitude,latitude,location,lsoa_code,lsoa_name,crime_type,last_outcome_category,district" \
    "$(head -n 1 "$WORK/year.csv" | tr -d '\r')"
etag=$(fetch -o /dev/null -D - "$BASE/explore.csv?from=2021-04&to=2022-03" | tr -d '\r' |
    sed -n 's/^[Ee][Tt][Aa][Gg]: //p')
[[ -n "$etag" ]] || fail "no ETag on the stored download"
check_eq "If-None-Match: 304, as on the row path" 304 \
    "$(curl --noproxy '*' -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" \
        "$BASE/explore.csv?from=2021-04&to=2022-03")"

check_eq "HEAD of the stored download: 200, no body" "200 0" \
    "$(curl --noproxy '*' -s -I -o /dev/null -w '%{http_code} %{size_download}' \
        "$BASE/explore.csv?from=2021-04&to=2022-03")"

section "never stale: a district renamed by import-areas"
awk -F, -v OFS=, 'NR > 1 && $3 == "Charnwood" { $3 = "Charnwood Borough" } 1' \
    "$WORK/data/lookups/lsoa-areas.csv" >"$WORK/lookup.csv"
"$PEEL" import-areas "$WORK/lookup.csv" >/dev/null
fetch "$BASE/explore.csv?from=2021-04&to=2022-03" >"$WORK/year.csv"
check_contains "the download has the new name" "$(cat "$WORK/year.csv")" ",Charnwood Borough"
check_eq "and no district is the old name" 0 "$(grep -c $',Charnwood\r$' "$WORK/year.csv" || true)"
same_as_rows "after the rename" "from=2021-04&to=2022-03"

section "never stale: a month re-imported with changed outcomes"
mkdir -p "$WORK/revised"
street="$WORK/data/police-uk/2021-06/2021-06-leicestershire-street.csv"
awk -F, -v OFS=, 'NR > 1 && $11 != "" { $11 = "Awaiting court outcome" } 1' "$street" \
    >"$WORK/revised/$(basename "$street")"
grep -q "Awaiting court outcome" "$WORK/revised/$(basename "$street")" || fail "no outcome was revised"
"$PEEL" import --quiet "$WORK/revised"
check_contains "the download has the revised outcomes" \
    "$(fetch "$BASE/explore.csv?from=2021-06&to=2021-06")" ",Awaiting court outcome,"
same_as_rows "after the re-import" "from=2021-04&to=2022-03"
stop_server

section "peel serve says when months have no stored CSV (a store from before migration 8)"
sql "DELETE FROM export_csv WHERE slice_id IN (SELECT slice_id FROM export_csv LIMIT 2)"
start_server
check_contains "the note at start names how many and what renders them" "$(cat "$WORK/serve.err")" \
    "note: 2 months of crimes have no stored CSV export, so their downloads are made row by row"
stop_server
"$PEEL" import-areas "$WORK/lookup.csv" >/dev/null
start_server
check_not_contains "no note once every month is rendered" "$(cat "$WORK/serve.err")" "no stored CSV"
stop_server

section "an interrupted import leaves no half-written blobs"
[[ -d /proc/self/fd ]] || skip "needs /proc/PID/fd to see how far an import has got"
"$PEEL" generate --out "$WORK/big" --kinds street --from 2021-01 --to 2021-12 --rows 20000 \
    --no-lookups >/dev/null
for f in "$WORK"/big/police-uk/*/*-street.csv; do # changed rows: re-importing drops every blob
    awk -F, -v OFS=, 'NR > 1 { $11 = "Interrupted" } 1' "$f" >"$f.tmp" && mv "$f.tmp" "$f"
done
# open_street PID : whether the process has a street CSV open. Builtins
# only (-ef compares device and inode), and nap waits 2 ms without a
# process (read timing out on a FIFO no one writes): the import's commit
# after its last file is a few tens of milliseconds on this input, which a
# loop forking ls, grep and sleep each time could miss on a busy machine.
streets=("$WORK"/big/police-uk/*/*-street.csv)
open_street() {
    local fd f
    for fd in /proc/"$1"/fd/*; do
        for f in "${streets[@]}"; do
            [[ $fd -ef $f ]] && return 0
        done
    done
    return 1
}
mkfifo "$WORK/nap"
exec {nap_fd}<>"$WORK/nap"
nap() { read -r -t 0.002 -u "$nap_fd" _ || true; }
for phase in reading rendering; do
    sql ".backup $WORK/before.db"
    (exec "$PEEL" import --quiet "$WORK/big/police-uk") >/dev/null 2>&1 &
    pid=$!
    _LIB_BG_PIDS="$pid"
    seen=0
    while kill -0 "$pid" 2>/dev/null; do
        if open_street "$pid"; then
            seen=1
            [[ $phase == reading ]] && break
        elif [[ $seen == 1 ]]; then
            break # read every file: committing, then rendering
        fi
        nap
    done
    kill -KILL "$pid" 2>/dev/null || fail "$phase: the import finished before it could be killed"
    wait "$pid" 2>/dev/null || true
    _LIB_BG_PIDS=""
    check_eq "$phase: integrity_check" ok "$(sql "PRAGMA integrity_check")"
    n=$(blobs)
    total=$(slices)
    month_blobs=$(sql "SELECT count(*) FROM export_csv e JOIN slice s ON s.id = e.slice_id
                       WHERE s.month BETWEEN $(month_index 2021-01) AND $(month_index 2021-12)")
    [[ $month_blobs == 0 || $month_blobs == 12 ]] ||
        fail "$phase: $month_blobs of the 12 replaced months have a blob: half written"
    pass "$phase: killed with $n of $total slices rendered ($month_blobs of the 12 replaced)"
    start_server
    if [[ $n == "$total" ]]; then
        same_as_rows "$phase: killed" "from=2021-01&to=2021-12"
    else
        fetch "$BASE/explore.csv?from=2021-01&to=2021-12" >"$WORK/rows.csv"
        want=$(sql "SELECT count(*) FROM street_row WHERE \"Month\" BETWEEN '2021-01' AND '2021-12'")
        check_eq "$phase: the row path serves every crime" "$want" "$(($(wc -l <"$WORK/rows.csv") - 1))"
        "$PEEL" import-areas "$WORK/lookup.csv" >/dev/null
        same_as_rows "$phase: killed, then rendered by the next write" "from=2021-01&to=2021-12"
    fi
    stop_server
    sql ".restore $WORK/before.db"
done

echo
echo "PASS $TEST_NAME"
