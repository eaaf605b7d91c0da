#!/usr/bin/env bash
# test_explore_areas.sh - the explorer's area filters and rates, over
# loopback, on a store with an area lookup of several groupings and LSOA
# populations: a filter by each grouping (and district, lsoa) counts what
# `peel stats --area GROUPING=VALUE` counts; grouped by one area, the
# population and rate_per_1000 columns of the CSV, the JSON and the page are
# `peel stats`', and worked out again from the lookup and population files
# and the rows as published; two area filters and unknown names are 400
# pages that say which (and list the loaded groupings); a grouping named
# like a parameter ("from") leaves the parameter alone; hostile grouping
# values are escaped in the form, the sentence and the table.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_cmd curl python3 sqlite3

"$PEEL" generate --out "$WORK/data" --kinds street --from 2021-04 --to 2022-03 --rows 1500 >/dev/null
"$PEEL" import --quiet "$WORK/data/police-uk"
"$PEEL" import-areas "$WORK/data/lookups/lsoa-areas.csv" >/dev/null # district, csp, neighbourhood, rural_urban
"$PEEL" import-population "$WORK/data/lookups/lsoa-population.csv" >/dev/null
# the partnerships by name, which people read, and their codes (synthetic
# E229...: never issued by ONS) beside them for the machine formats
check_eq "the generated lookup's csp column holds names, csp_code their codes" \
    "Leicester=E22900001 Leicestershire=E22900002 Rutland=E22900003" \
    "$(python3 -c 'import csv, sys; print(" ".join(sorted({r["csp"] + "=" + r["csp_code"] for r in csv.DictReader(open(sys.argv[1]))})))' \
        "$WORK/data/lookups/lsoa-areas.csv")"
check_eq "the codes are not a grouping but the partnerships' codes" "Leicester=E22900001 Leicestershire=E22900002 Rutland=E22900003" \
    "$(sql "SELECT group_concat(value || '=' || code, ' ') FROM (SELECT value, code FROM area_code WHERE grouping = 'csp' ORDER BY value)")"
check_eq "...no csp_code grouping" "0" "$(sql "SELECT count(*) FROM area WHERE grouping = 'csp_code'")"
"$PEEL" import-areas --group 'from=csp' "$WORK/data/lookups/lsoa-areas.csv" >/dev/null
# a grouping whose values are markup: every LSOA in one of two
hostile_grouping "$WORK/data/lookups/lsoa-areas.csv" "$WORK/hostile.csv"
"$PEEL" import-areas "$WORK/hostile.csv" >/dev/null
"$PEEL" plan load "$PEEL_SOURCE_DIR/plans/llr-2024-29.yaml" >/dev/null

enc() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }
# stats ARGS... : peel stats as CSV, without the carriage returns
stats() { "$PEEL" stats "$@" --format csv | tr -d '\r'; }
csv() { fetch "$BASE/explore.csv?$1" | tr -d '\r'; }

start_server

section "a filter by each area counts what peel stats counts"
for g in district csp neighbourhood rural_urban evil lsoa; do
    # the second value of the grouping (the first may be a pseudo-value)
    v=$(stats --group-by "$g" | tail -n +2 | grep -v '^"\?(' | sed -n 2p | python3 -c '
import csv, sys; print(next(csv.reader(sys.stdin))[0])')
    [[ -n "$v" ]] || fail "no value of $g to filter by"
    stats --area "$g=$v" --group-by quarter,crime_type >"$WORK/stats.csv"
    [[ $(wc -l <"$WORK/stats.csv") -gt 1 ]] || fail "$g=$v has no crimes: a test of nothing"
    csv "$g=$(enc "$v")&group_by=quarter,crime_type" >"$WORK/explore.csv"
    check_files_eq "$g=$v, by quarter and crime type" "$WORK/stats.csv" "$WORK/explore.csv"
done
stats --area csp=Leicestershire >"$WORK/stats.csv"
check_eq "the rows of a grouping's filter: as many as its count" \
    "$(tail -n +2 "$WORK/stats.csv" | cut -d, -f2 | awk "{ s += \$1 } END { print s }")" \
    "$(csv "csp=Leicestershire" | tail -n +2 | wc -l | tr -d ' ')"

section "population and rate per 1,000 are peel stats'"
stats --group-by district >"$WORK/stats.csv"
check_contains "peel stats has the rate columns" "$(head -n 1 "$WORK/stats.csv")" "count,population,rate_per_1000"
check_files_eq "by district" "$WORK/stats.csv" <(csv "group_by=district")
check_files_eq "by neighbourhood in one CSP (its populations only)" \
    <(stats --group-by neighbourhood --area csp=Rutland) <(csv "csp=Rutland&group_by=neighbourhood")
check_files_eq "by LSOA and month, rural LSOAs, burglary" \
    <(stats --group-by month,lsoa --area rural_urban=Rural --crime-type Burglary) \
    <(csv "rural_urban=Rural&crime_type=Burglary&group_by=month,lsoa")
check_files_eq "two areas: no rate (per which?)" \
    <(stats --group-by district,csp) <(csv "group_by=district,csp")
check_eq "...so no rate columns" "district,csp,count" "$(csv "group_by=district,csp" | head -n 1)"
check_eq "not by an area: no rate columns" "month,count" "$(csv "group_by=month" | head -n 1)"
fetch "$BASE/explore.json?group_by=csp" >"$WORK/csp.json"
check_eq "JSON: the same rates as the CSV" \
    "$(csv "group_by=csp" | tail -n +2 | cut -d, -f4 | paste -sd' ')" \
    "$(python3 -c '
import json, sys
print(" ".join("" if r["rate_per_1000"] is None else repr(r["rate_per_1000"]) for r in json.load(open(sys.argv[1]))))' "$WORK/csp.json")"
check_eq "JSON: no population is null, not zero" "null null" \
    "$(python3 -c '
import json, sys
r = [r for r in json.load(open(sys.argv[1])) if r["csp"] == "(not in lookup)"] or [{"population": None, "rate_per_1000": None}]
print(json.dumps(r[0]["population"]), json.dumps(r[0]["rate_per_1000"]))' "$WORK/csp.json")"
page=$(fetch "$BASE/explore?group_by=csp")
check_contains "the page: the columns" "$page" '<th scope="col" class="num">Residents</th><th scope="col" class="num">Crimes per 1,000 residents</th>'
row=$(csv "group_by=csp" | grep '^Leicester,')
IFS=, read -r _ count pop rate <<<"$row"
thousands() { python3 -c 'import sys; print(f"{int(sys.argv[1]):,}")' "$1"; }
check_contains "the page: Leicester's row" "$page" \
    "<tr><th scope=\"row\">Leicester</th><td class=\"num\">$(thousands "$count")</td><td class=\"num\">$(thousands "$pop")</td><td class=\"num\">$(python3 -c "print(f'{$rate:.2f}')")</td></tr>"
check_contains "the page states the method" "$page" "Crimes per 1,000 residents: the count divided by the residents of the area's LSOAs"
check_not_contains "no method sentence without rates" "$(fetch "$BASE/explore?group_by=month")" "Crimes per 1,000 residents:"

section "rates worked out again from the source files"
# populations summed from the lookup and population files as published;
# crimes counted from the rows as published (the street_row view), not
# from the rollup that the explorer and peel stats read
python3 - "$WORK/data/lookups/lsoa-areas.csv" "$WORK/data/lookups/lsoa-population.csv" \
    "$(sql "SELECT a.value || '|' || count(*) FROM street_row r JOIN area a ON a.grouping = 'csp'
            AND a.lsoa_code = r.\"LSOA code\" GROUP BY a.value")" >"$WORK/want.csv" <<'EOF'
import csv, sys
csp = {r["lsoa_code"]: r["csp"] for r in csv.DictReader(open(sys.argv[1]))}
pop = {}
for r in csv.DictReader(open(sys.argv[2])):
    pop[csp[r["lsoa_code"]]] = pop.get(csp[r["lsoa_code"]], 0) + int(r["population"])
for line in sys.argv[3].splitlines():
    area, n = line.split("|")
    print(f"{area},{n},{pop[area]},{1000 * int(n) / pop[area]!r}")
EOF
[[ $(wc -l <"$WORK/want.csv") -ge 3 ]] || fail "too few CSPs to compare: a test of nothing"
check_files_eq "each CSP's count, population and rate" "$WORK/want.csv" \
    <(csv "group_by=csp" | tail -n +2 | grep -v '^(') # (no location) is not an area

section "one area at a time"
for q in "csp=Leicester&district=Charnwood" "district=Charnwood&csp=Leicester" "lsoa=E01900001&rural_urban=Urban"; do
    first=${q%%=*}
    second=${q#*&}
    second=${second%%=*}
    check_eq "400 for $q" "400" "$(status "$BASE/explore?$q")"
    body=$(fetch "$BASE/explore.csv?$q")
    check_contains "it names $second first" "$body" "<p>$second: one area at a time, and $first="
    check_contains "...and says what to do" "$body" "so choose $first or $second"
done
check_contains "the same grouping twice" "$(fetch "$BASE/explore?csp=Leicester&csp=Rutland")" \
    "<p>csp: one value at a time (got &#39;Leicester&#39; and &#39;Rutland&#39;)"
check_eq "the form's empty fields are no filter" "200" \
    "$(status "$BASE/explore?from=&to=&district=&csp=&evil=&neighbourhood=&rural_urban=&lsoa=&outcome=")"
check_eq "one chosen among them" "200" \
    "$(status "$BASE/explore?district=&csp=Rutland&evil=&neighbourhood=&rural_urban=&lsoa=")"

section "unknown names list the loaded groupings"
body=$(fetch "$BASE/explore?ward=Abbey")
check_eq "400 for ward=" "400" "$(status "$BASE/explore?ward=Abbey")"
check_contains "the areas it could be" "$body" \
    "<p>ward: no such parameter: use from, to, force, crime_type, outcome, group_by, _size or _next, or one area: district, csp, evil, neighbourhood, rural_urban, lsoa</p>"
check_contains "group_by too" "$(fetch "$BASE/explore?group_by=ward")" \
    "(loaded: csp, district, evil, from, neighbourhood, rural_urban)"

section "an unknown crime type or area is an error, not 0 crimes"
check_eq "400 for crime_type=Burglarz" "400" "$(status "$BASE/explore?crime_type=Burglarz")"
check_contains "says what was meant" "$(fetch "$BASE/explore?crime_type=Burglarz")" \
    "no crime type &#39;Burglarz&#39; in the store (did you mean &#39;Burglary&#39;?)"
check_contains "an area too" "$(fetch "$BASE/explore?district=Charnwod")" \
    "no district &#39;Charnwod&#39; in the store (did you mean &#39;Charnwood&#39;?)"

section "a grouping named like a parameter"
check_files_eq "from= is still the first month" \
    <(stats --group-by month --from 2022-01) <(csv "from=2022-01&group_by=month")
check_eq "from=Rutland is a bad month, not an area" "400" "$(status "$BASE/explore?from=Rutland")"
check_files_eq "but it can be grouped by" <(stats --group-by from) <(csv "group_by=from")
check_not_contains "and the form does not offer it as an area" "$(fetch "$BASE/explore")" '<select id="from"'

section "the form"
page=$(fetch "$BASE/explore?csp=Rutland")
check_contains "an Area fieldset" "$page" "<legend>Area</legend>"
check_contains "that says one at most" "$page" '<p id="area-hint">One area at most'
check_contains "a labelled select per grouping" "$page" '<label for="neighbourhood">neighbourhood</label> <select id="neighbourhood" name="neighbourhood" aria-describedby="area-hint">'
check_contains "the chosen area selected" "$page" '<option value="Rutland" selected>Rutland</option>'
check_contains "any, by default" "$page" '<option value="">Any</option>'
check_not_contains "no choice that filters nothing" "$page" '<option value="(not in lookup)"'
check_contains "LSOA typed" "$page" '<label for="lsoa">LSOA code</label> <input type="text" id="lsoa" name="lsoa"'
check_contains "count by a grouping" "$page" 'name="group_by" value="rural_urban">'
check_contains "the sentence names the area" "$page" "<p>All months; csp Rutland.</p>"

section "hostile grouping values are escaped"
evil='<script>alert(1)</script>'
page=$(fetch "$BASE/explore?evil=$(enc "$evil")&group_by=evil")
check_not_contains "no raw markup" "$page" "<script>alert"
check_not_contains "no attribute break-out" "$page" '"><img'
check_contains "the option" "$page" '<option value="&lt;script&gt;alert(1)&lt;/script&gt;" selected>&lt;script&gt;alert(1)&lt;/script&gt;</option>'
check_contains "the sentence" "$page" "<p>All months; evil &lt;script&gt;alert(1)&lt;/script&gt;.</p>"
check_contains "the table" "$page" '<th scope="row">&lt;script&gt;alert(1)&lt;/script&gt;</th>'
check_contains "the download link, percent-encoded" "$page" 'href="/explore.csv?evil=%3Cscript%3Ealert%281%29%3C%2Fscript%3E&amp;group_by=evil"'
check_files_eq "and counted as peel stats counts" \
    <(stats --area "evil=$evil" --group-by evil) <(csv "evil=$(enc "$evil")&group_by=evil")

section "stopping"
stop_server
check_not_contains "no sanitizer report" "$(cat "$WORK/serve.err")" "Sanitizer"
