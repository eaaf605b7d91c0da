#!/usr/bin/env bash
# test_serve_area.sh - the site's area pages, reports archive and open data
# page, driven with curl over loopback against the CLI on the same store:
# an area's crime by type equals `peel stats` for that district and months,
# its rate equals count / population x 1,000 as `peel stats` gives it, its
# funnel position equals `peel compare --by district`; the archive lists what
# `peel publish --list` says and serves each file byte for byte with the
# right headers; unknown areas, versions and files are 404; path tricks are
# 400 or 404; hostile area names are escaped.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_cmd curl python3 sha256sum

"$PEEL" generate --out "$WORK/data" --from 2021-04 --to 2023-03 --rows 1500 --kinds street >/dev/null
"$PEEL" import --quiet "$WORK/data/police-uk"
"$PEEL" import-areas "$WORK/data/lookups/lsoa-areas.csv" >/dev/null
"$PEEL" import-population "$WORK/data/lookups/lsoa-population.csv" >/dev/null
# a grouping whose names are markup: every LSOA of the lookup in one of two
hostile_grouping "$WORK/data/lookups/lsoa-areas.csv" "$WORK/hostile.csv"
"$PEEL" import-areas "$WORK/hostile.csv" >/dev/null
# a plan with an all-crime metric, for `peel compare` to check the funnel by
cat >"$WORK/allcrime.yaml" <<'EOF'
id: allcrime
title: All crime
force: leicestershire
period: {from: 2024-05, to: 2029-03}
vision: v
missions:
  - id: m
    title: M
    strategies:
      - id: s
        title: S
        success: a
        delivery: b
        measure: c
        metrics:
          - id: all-crime
            title: All crime
            source: national-measures
            unit: count
            polarity: lower-is-better
            definition:
              measure: count
EOF
"$PEEL" plan load "$WORK/allcrime.yaml" >/dev/null
"$PEEL" plan load "$PEEL_SOURCE_DIR/plans/llr-2024-29.yaml" >/dev/null
# two published versions of a report, the second correcting the first
export SOURCE_DATE_EPOCH=1700000000
"$PEEL" report governance --period 2023-03 --out "$WORK/r" >/dev/null
"$PEEL" publish "$WORK/r" >/dev/null
SOURCE_DATE_EPOCH=1700000999 "$PEEL" report governance --period 2023-03 --out "$WORK/r" --overwrite >/dev/null
"$PEEL" publish "$WORK/r" --corrects 1 --reason "March figures <revised>" >/dev/null

# path tricks are sent as written (lib.sh's status and header use this fetch)
fetch() { curl --noproxy '*' -s --max-time 60 --path-as-is "$@"; }
header() { fetch -o /dev/null -D - "$2" | tr -d '\r' | grep -i "^$1:" | head -n 1 | cut -d' ' -f2-; }

start_server --plan llr-2024-29

section "status codes"
for path in /area /area/force/leicestershire /area/district/Charnwood /area/district/Charnwood.csv \
    /area/district/Charnwood.json /area/district/Charnwood/trend /area/district/Charnwood/trend.json \
    /area/district/Charnwood/funnel.csv /area/csp/Leicester /reports /open-data \
    /reports/governance/2023-03/v1/index.html /reports/governance/2023-03/v2/tables.xlsx; do
    check_eq "GET $path" "200" "$(status "$BASE$path")"
done
for path in /area/district/Nowhere /area/nogrouping/Charnwood /area/force/other-force \
    /area/district/Charnwood/other.csv /area/month/2023-01 /reports/governance/2023-03/v9/index.html \
    /reports/governance/2023-03/v1/nope.html /reports/governance/2023-03/1/index.html \
    /reports/governance/2099-01/v1/index.html /reports/x/y/vz/index.html; do
    check_eq "GET $path is 404" "404" "$(status "$BASE$path")"
done
for path in '/reports/governance/2023-03/v1/..%2F..%2F..%2Fetc%2Fpasswd' \
    '/reports/governance/2023-03/v1/../../../../etc/passwd' '/area/district/..%2Fforce' \
    '/area/../../etc/passwd' '/reports/governance/2023-03/v1/%2E%2E' \
    '/reports/governance/2023-03/v1/index.html%00.pdf'; do
    code=$(status "$BASE$path")
    [[ "$code" == 400 || "$code" == 404 ]] || fail "GET $path: $code, expected 400 or 404"
    pass "GET $path is $code"
done

section "crimes with no location: counted on the list, not an area"
check_eq "GET /area/district/(no location) is 404" "404" "$(status "$BASE/area/district/%28no%20location%29")"
noloc=$("$PEEL" stats --group-by district --exclude-asb --from 2022-04 --to 2023-03 --format csv |
    tr -d '\r' | awk -F, '$1 == "(no location)" { print $2 }')
[[ "$noloc" =~ ^[0-9]{1,3}$ ]] || fail "crimes with no location in the window: '$noloc'"
check_contains "the list says how many, as data quality" "$(fetch "$BASE/area")" \
    "Not in any of these areas: $noloc crimes recorded with no location"
check_not_contains "and does not link it" "$(fetch "$BASE/area")" "/area/district/%28no"

section "an area's numbers are peel stats' numbers"
last=$("$PEEL" stats --group-by month --format csv | tail -n 1 | cut -d, -f1)
check_eq "the latest month" "2023-03" "$last"
stats_types() { # FROM TO -> "type,count" sorted
    "$PEEL" stats --group-by crime_type --area district=Charnwood --from "$1" --to "$2" --format csv |
        tr -d '\r' | tail -n +2 | sort
}
fetch "$BASE/area/district/Charnwood.csv" | tr -d '\r' >"$WORK/types.csv"
check_eq "latest 12 months by type" "$(stats_types 2022-04 2023-03)" \
    "$(tail -n +2 "$WORK/types.csv" | grep -v '^Total' | cut -d, -f1,3 | sort)"
check_eq "the 12 months before by type" "$(stats_types 2021-04 2022-03)" \
    "$(tail -n +2 "$WORK/types.csv" | grep -v '^Total' | cut -d, -f1,2 | sort)"
total=$("$PEEL" stats --group-by district --area district=Charnwood --from 2022-04 --to 2023-03 \
    --exclude-asb --format csv | tr -d '\r' | tail -n 1)
check_eq "the total excludes anti-social behaviour" "$(cut -d, -f2 <<<"$total")" \
    "$(grep '^Total' "$WORK/types.csv" | cut -d, -f3)"
check_contains "each change says whether it is real" "$(cat "$WORK/types.csv")" "beyond chance"
page=$(fetch "$BASE/area/district/Charnwood")
IFS=, read -r _ count population rate <<<"$total"
check_eq "peel stats' rate is count / population x 1000, every digit" "$rate" \
    "$(python3 -c "print(repr(1000 * $count / $population))")"
check_contains "the page gives that rate, rounded" "$page" \
    "$(python3 -c "print(f'{$rate:.2f}')") per 1,000 residents"
force=$("$PEEL" stats --group-by force --from 2022-04 --to 2023-03 --exclude-asb --format csv |
    tr -d '\r' | tail -n 1 | cut -d, -f2)
check_contains "and the force's crimes beside it" "$page" "$(python3 -c "print(f'{$force:,}')") crimes"
check_contains "the trend chart is inline SVG" "$page" "<svg"
check_contains "the trend's method" "$page" "XmR chart"
check_eq "the trend table has every month" "24" \
    "$(fetch "$BASE/area/district/Charnwood/trend" | tr -d '\r' | tail -n +2 | wc -l | tr -d ' ')"

section "its funnel position is peel compare's"
"$PEEL" compare --plan allcrime --metric all-crime --by district --from 2022-04 --to 2023-03 \
    --format csv | tr -d '\r' >"$WORK/compare.csv"
fetch "$BASE/area/district/Charnwood/funnel.csv" | tr -d '\r' >"$WORK/funnel.csv"
check_eq "every area's row" "$(tail -n +2 "$WORK/compare.csv")" "$(tail -n +2 "$WORK/funnel.csv")"
position=$(grep '^Charnwood,' "$WORK/compare.csv" | cut -d, -f9)
check_contains "the page says where Charnwood is" "$page" "Charnwood is $position"
check_eq "the force page has no funnel of its own" "200" "$(status "$BASE/area/force/leicestershire")"

section "hostile area names are escaped"
for path in /area "/area/evil/%3Cscript%3Ealert%281%29%3C%2Fscript%3E" \
    "/area/evil/%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert%282%29%3E"; do
    body=$(fetch "$BASE$path")
    check_not_contains "no script tag in $path" "$body" "<script>alert"
    check_not_contains "no img tag in $path" "$body" "<img src=x"
done
check_contains "the name shown as text" "$(fetch "$BASE/area")" "&lt;script&gt;alert(1)&lt;/script&gt;"

section "the archive lists what peel publish --list says"
"$PEEL" publish --list --format csv | tr -d '\r' >"$WORK/list.csv"
archive=$(fetch "$BASE/reports")
check_eq "two versions" "3" "$(wc -l <"$WORK/list.csv" | tr -d ' ')"
while IFS=, read -r kind period version _; do
    check_contains "lists $kind $period v$version" "$archive" "$kind report, $period, version $version"
done < <(tail -n +2 "$WORK/list.csv")
check_contains "the correction says why, escaped" "$archive" "March figures &lt;revised&gt;"
check_contains "and links back to what it corrects" "$archive" 'href="#governance/2023-03/v1">version 1</a>'
check_contains "the corrected version links to its correction" "$archive" "Corrected by <a"

section "each file byte for byte, with its headers"
n=0
while IFS='|' read -r version name sha; do
    url="$BASE/reports/governance/2023-03/v$version/$name"
    check_eq "v$version/$name bytes" "$sha" "$(fetch "$url" | sha256sum | cut -c1-64)"
    check_contains "the archive gives its SHA-256" "$archive" "$sha"
    check_eq "v$version/$name ETag" "\"$sha\"" "$(header ETag "$url")"
    check_eq "v$version/$name immutable" "public, max-age=31536000, immutable" "$(header Cache-Control "$url")"
    check_eq "v$version/$name If-None-Match" "304" "$(status -H "If-None-Match: \"$sha\"" "$url")"
    case "$name" in
    *.html)
        check_eq "$name type" "text/html; charset=utf-8" "$(header Content-Type "$url")"
        csp=$(header Content-Security-Policy "$url")
        check_contains "$name may use its inline styles" "$csp" "style-src 'unsafe-inline'"
        check_contains "$name still runs no script" "$csp" "default-src 'none'"
        ;;
    *.xlsx)
        check_eq "$name type" "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" \
            "$(header Content-Type "$url")"
        check_eq "$name downloads" "attachment; filename=\"$name\"" "$(header Content-Disposition "$url")"
        ;;
    *.json) check_eq "$name type" "application/json; charset=utf-8" "$(header Content-Type "$url")" ;;
    esac
    n=$((n + 1))
done < <(sql "SELECT p.version, f.name, f.sha256 FROM publication p JOIN publication_file f ON f.publication_id = p.id ORDER BY 1, 2")
[[ $n -ge 4 ]] || fail "only $n files published"
check_contains "the site's own pages keep the strict policy" "$(header Content-Security-Policy "$BASE/reports")" "style-src 'self';"

section "open data"
open=$(fetch "$BASE/open-data")
check_contains "the licence" "$open" "Open Government Licence v3.0"
for f in $(sql "SELECT name FROM source_file ORDER BY name LIMIT 3"); do
    check_contains "lists $f" "$open" "$f"
done
check_contains "the plan file's SHA-256" "$open" "$(sha256sum <"$PEEL_SOURCE_DIR/plans/llr-2024-29.yaml" | cut -c1-64)"
check_contains "the lookup file's SHA-256" "$open" "$(sha256sum <"$WORK/data/lookups/lsoa-areas.csv" | cut -c1-64)"
check_contains "the population file's SHA-256" "$open" "$(sha256sum <"$WORK/data/lookups/lsoa-population.csv" | cut -c1-64)"
check_contains "the area lookups" "$open" "csp: "
check_contains "the populations" "$open" "residents, from"
check_contains "the explorer's export" "$open" 'href="/explore.csv"'
check_contains "the navigation" "$open" 'href="/open-data" aria-current="page"'

stop_server
pass
