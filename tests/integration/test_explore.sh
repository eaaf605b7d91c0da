#!/usr/bin/env bash
# test_explore.sh - the crime data explorer of `peel serve`, over loopback:
# grouped counts equal `peel stats --group-by`, a CSV export has exactly the
# filter's crimes (counted independently in SQL), its JSON is the same rows,
# bad parameters are 400 pages naming the parameter, hostile filter values
# are escaped, keyset paging walks every row once, a large export runs while
# other requests are answered (no deadlock of the connection pool), and
# clients that hang up mid-download neither leak (the ASan build checks at
# exit) nor keep the download slots.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_cmd curl python3 sqlite3

"$PEEL" generate --out "$WORK/data" --kinds street --from 2021-01 --to 2022-06 --rows 2000 >/dev/null
"$PEEL" import --quiet "$WORK/data/police-uk"
"$PEEL" import-areas "$WORK/data/lookups/lsoa-areas.csv" >/dev/null
"$PEEL" plan load "$PEEL_SOURCE_DIR/plans/llr-2024-29.yaml" >/dev/null

header() { fetch -o /dev/null -D - "${@:2}" | tr -d '\r' | grep -i "^$1:" | head -n 1 | cut -d' ' -f2-; }
# rows FILE : data lines of a CSV file (the header left out; no field has a newline)
rows() { tail -n +2 "$1" | wc -l | tr -d ' '; }

start_server

section "grouped counts are peel stats'"
"$PEEL" stats --group-by month,crime_type --from 2021-04 --to 2022-03 --format csv |
    tr -d '\r' >"$WORK/stats.csv"
fetch "$BASE/explore.csv?from=2021-04&to=2022-03&group_by=month,crime_type" | tr -d '\r' >"$WORK/explore.csv"
check_files_eq "month x crime type" "$WORK/stats.csv" "$WORK/explore.csv"
"$PEEL" stats --group-by district,outcome --crime-type Burglary --format csv | tr -d '\r' |
    cut -d, -f1-3 >"$WORK/stats.csv"
fetch "$BASE/explore.csv?crime_type=Burglary&group_by=district&group_by=outcome" | tr -d '\r' >"$WORK/explore.csv"
check_files_eq "district x outcome, burglary" "$WORK/stats.csv" "$WORK/explore.csv"
"$PEEL" stats --group-by quarter --area district=Charnwood --format csv | tr -d '\r' >"$WORK/stats.csv"
fetch "$BASE/explore.csv?district=Charnwood&group_by=quarter" | tr -d '\r' >"$WORK/explore.csv"
check_files_eq "quarters in Charnwood" "$WORK/stats.csv" "$WORK/explore.csv"
fetch "$BASE/explore.json?district=Charnwood&group_by=quarter" >"$WORK/explore.json"
check_eq "grouped JSON: the same counts" \
    "$(tail -n +2 "$WORK/stats.csv" | cut -d, -f2 | paste -sd+ | bc)" \
    "$(python3 -c 'import json,sys; print(sum(r["count"] for r in json.load(open(sys.argv[1]))))' "$WORK/explore.json")"

section "the rows of a filter"
from=$(month_index 2021-04)
to=$(month_index 2022-03)
filter="from=2021-04&to=2022-03&crime_type=Burglary&crime_type=Robbery&district=Leicester"
fetch "$BASE/explore.csv?$filter" >"$WORK/rows.csv"
want=$(sql "SELECT count(*) FROM street_row r JOIN lsoa l ON l.code = r.\"LSOA code\" AND l.name = r.\"LSOA name\"
            WHERE r.\"Month\" BETWEEN '2021-04' AND '2022-03' AND r.\"Crime type\" IN ('Burglary', 'Robbery')
            AND coalesce((SELECT value FROM area WHERE grouping = 'district' AND lsoa_code = l.code), l.district) = 'Leicester'")
[[ "$want" -gt 0 ]] || fail "the filter matches no crime: a test of nothing"
check_eq "CSV rows = crimes in the store for the filter" "$want" "$(rows "$WORK/rows.csv")"
check_eq "CSV header: police.uk's columns" \
    "crime_id,month,reported_by,falls_within,longitude,latitude,location,lsoa_code,lsoa_name,crime_type,last_outcome_category,district" \
    "$(head -n 1 "$WORK/rows.csv" | tr -d '\r')"
check_eq "CSV rows = the explorer's own count" "$want" \
    "$(fetch "$BASE/explore.csv?$filter&group_by=district" | tail -n +2 | cut -d, -f2 | tr -d '\r')"
fetch "$BASE/explore.json?$filter" >"$WORK/rows.json"
python3 -m json.tool "$WORK/rows.json" >/dev/null || fail "the JSON export does not parse"
pass "the JSON export parses"
check_eq "JSON: the same crimes, in the same order" \
    "$(tail -n +2 "$WORK/rows.csv" | cut -d, -f1 | tr -d '\r' | sha256sum)" \
    "$(python3 -c 'import json,sys; [print(r["crime_id"]) for r in json.load(open(sys.argv[1]))]' "$WORK/rows.json" | sha256sum)"
check_eq "JSON: only those crime types" "Burglary Robbery" \
    "$(python3 -c 'import json,sys; print(" ".join(sorted({r["crime_type"] for r in json.load(open(sys.argv[1]))})))' "$WORK/rows.json")"
check_eq "a month with no data: a header and no rows" "1" "$(fetch "$BASE/explore.csv?from=2030-01" | wc -l | tr -d ' ')"
check_eq "...and an empty JSON array" "[]" "$(fetch "$BASE/explore.json?from=2030-01")"

section "paging through the rows"
next=""
seen=0
pages=0
while :; do
    page=$(fetch "$BASE/explore?$filter&_size=250${next:+&_next=$next}")
    n=$(grep -c '^<tr><th scope="row">' <<<"$page" || true)
    seen=$((seen + n))
    pages=$((pages + 1))
    next=$(sed -n 's|.*<a rel="next" href="[^"]*_next=\([0-9]*\)".*|\1|p' <<<"$page")
    [[ -n "$next" && $pages -lt 100 ]] || break
done
check_eq "every row once, 250 a page" "$want" "$seen"
check_eq "as many pages as it takes" "$(((want + 249) / 250))" "$pages"

section "bad input is a 400 naming the parameter"
for q in "bogus=1" "from=2021-13" "from=21-04" "to=2021-04&from=2022-01" "group_by=colour" \
    "_size=0" "_size=1001" "_size=ten" "_next=-1" "district=A&district=B" \
    "$(printf 'crime_type=T%d&' $(seq 9))"; do
    name=${q%%=*}
    [[ $q == to=* ]] && name=to
    body=$(fetch "$BASE/explore.csv?$q")
    check_eq "400 for $q" "400" "$(status "$BASE/explore.csv?$q")"
    check_contains "it names $name" "$body" "<p>$name: "
done
check_eq "HTML too" "400" "$(status "$BASE/explore?from=nope")"
check_eq "an empty form field is no filter" "200" "$(status "$BASE/explore?from=&to=&district=&group_by=")"

section "hostile values are escaped"
evil='<script>alert(1)</script>"'"'"
enc=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$evil")
page=$(fetch "$BASE/explore?district=$enc&crime_type=$enc")
check_not_contains "no raw markup" "$page" "<script>"
check_contains "shown as text" "$page" "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;"
# a name no crime has is refused (400), escaped in the message; hostile
# values that are loaded, in links, are test_explore_areas.sh's
check_eq "refused: no such crime type" "400" "$(status "$BASE/explore?district=$enc&crime_type=$enc")"

section "the page"
page=$(fetch "$BASE/explore?from=2021-04&to=2021-06&group_by=month")
check_contains "a labelled form" "$page" '<label for="from">'
check_contains "fieldsets" "$page" "<legend>Crime type</legend>"
check_contains "a captioned table" "$page" "<caption>Crimes by Month</caption>"
n=$(fetch "$BASE/explore.csv?from=2021-04&to=2021-04&group_by=month" | tail -n 1 | cut -d, -f2 | tr -d '\r')
check_contains "counts formatted" "$page" "<td class=\"num\">$(python3 -c 'import sys; print(f"{int(sys.argv[1]):,}")' "$n")</td>"
check_contains "links to the CSV" "$page" 'href="/explore.csv?from=2021-04&amp;to=2021-06&amp;group_by=month"'
check_contains "and the JSON" "$page" 'href="/explore.json?from=2021-04&amp;to=2021-06&amp;group_by=month"'
check_contains "in the site's navigation" "$(fetch "$BASE/")" '<a href="/explore">Explore the data</a>'

section "headers, ETag, HEAD"
etag=$(header ETag "$BASE/explore.csv?$filter")
[[ "$etag" =~ ^W/\"[0-9a-f]{32}\"$ ]] || fail "ETag '$etag' is not a weak tag"
check_eq "the same export, the same tag" "$etag" "$(header ETag "$BASE/explore.csv?$filter")"
check_ne "another filter, another tag" "$etag" "$(header ETag "$BASE/explore.csv?from=2021-05")"
check_eq "If-None-Match: 304" "304" "$(status -H "If-None-Match: $etag" "$BASE/explore.csv?$filter")"
check_eq "CSV type" "text/csv; charset=utf-8; header=present" "$(header Content-Type "$BASE/explore.csv")"
check_eq "open data" "*" "$(header Access-Control-Allow-Origin "$BASE/explore.json")"
check_eq "HEAD" "200" "$(status -I "$BASE/explore.csv")"
check_eq "HEAD has no body" "0" "$(fetch -I "$BASE/explore.csv" | tr -d '\r' | sed '1,/^$/d' | wc -c | tr -d ' ')"

section "a large export while other requests are served"
# Slow readers: each download holds its slot until its client has read all.
# curl itself in the background, not the fetch function: $! must be curl's
# pid, or the kill below stops only a subshell and the orphaned curl reads
# on at 50 KB/s for its --max-time (60 s), holding ctest's output pipe open.
slow=()
for i in 1 2 3; do
    curl --noproxy '*' -s --max-time 60 --limit-rate 50k -o "$WORK/slow$i.csv" "$BASE/explore.csv" &
    slow+=($!)
    _LIB_BG_PIDS="${_LIB_BG_PIDS:-} $!" # killed by lib.sh on any exit, too
done
sleep 1
for path in / /metric/shoplifting "/explore?group_by=fy" "/explore?$filter"; do
    check_eq "GET $path during the downloads" "200" "$(status "$BASE$path")"
done
fetch "$BASE/explore.csv?$filter" >"$WORK/again.csv"
check_files_eq "another export during the downloads" "$WORK/rows.csv" "$WORK/again.csv"
for p in "${slow[@]}"; do kill "$p" 2>/dev/null || true; done
wait "${slow[@]}" 2>/dev/null || true

section "clients that hang up"
for i in $(seq 12); do # more than the 8 download slots
    fetch "$BASE/explore.csv" | head -c 2000 >/dev/null || true
    fetch "$BASE/explore.json" | head -c 100 >/dev/null || true
done
sleep 1
kill -0 "$SERVER_PID" || fail "peel serve died"
fetch "$BASE/explore.csv?$filter" >"$WORK/after.csv"
check_files_eq "downloads still work: every slot came back" "$WORK/rows.csv" "$WORK/after.csv"

section "stopping"
kill -TERM "$SERVER_PID"
rc=0
wait "$SERVER_PID" || rc=$?
check_eq "peel serve exit status (ASan: no leaks)" "0" "$rc"
check_not_contains "no sanitizer report" "$(cat "$WORK/serve.err")" "Sanitizer"
