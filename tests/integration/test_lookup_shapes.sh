#!/usr/bin/env bash
# test_lookup_shapes.sh - the site and the reports on stores shaped like the
# real ONS lookup, which three public pages once answered with 500:
#   * the shipped 2024-29 plan's rural metrics name a grouping (rural_urban)
#     that the ONS lookup does not have: /metric/rural-crime and
#     /metric/rural-positive-outcomes say the grouping is not loaded, and
#     the reports and `peel metrics` are written all the same;
#   * a rural_urban grouping with no Rural LSOA: the pages still answer;
#   * an area by LSOA name (/area/lsoa_name/NAME, the dimension `peel stats
#     --group-by lsoa_name` lists): its page counts what `peel stats --area
#     lsoa_name=NAME` counts.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_cmd curl python3

# status URL : the HTTP status of a GET, the body in $WORK/body
status() {
    curl -s -o "$WORK/body" -w '%{http_code}' "$BASE$1"
}

page_text() {
    sed 's/<[^>]*>/ /g' "$WORK/body" | tr -s ' \n' ' '
}

# ---------------------------------------------------------------------------
section "a plan naming a grouping that is not loaded"
demo_store
# A fresh store: three months of the demo data and the plan, no lookup.
export PEEL_DB="$WORK/bare.db"
"$PEEL" import --quiet "$DEMO_DATA/police-uk/2023-01" "$DEMO_DATA/police-uk/2023-02" \
    "$DEMO_DATA/police-uk/2023-03"
"$PEEL" plan load "$PEEL_SOURCE_DIR/plans/llr-2024-29.yaml" >/dev/null
run --rc 0 "$PEEL" metrics --format csv
check_contains "peel metrics says why" "$(out_text)" \
    "rural-crime,rural-crime,,,,,,,,,,local-data,no data yet: the rural urban areas are not loaded"
run --rc 0 "$PEEL" report governance --period 2023-03 --out "$WORK/gov"
pass "the governance report is written"
run --rc 0 "$PEEL" report public --period 2023-03 --out "$WORK/public"
pass "the public report is written"
start_server
for m in rural-crime rural-positive-outcomes; do
    check_eq "/metric/$m" 200 "$(status "/metric/$m")"
    check_contains "/metric/$m says why" "$(page_text)" "no data yet: the rural urban areas are not loaded"
    check_eq "/metric/$m.json" 200 "$(status "/metric/$m.json")"
done
stop_server

# ---------------------------------------------------------------------------
section "a rural_urban grouping with no Rural LSOA"
export PEEL_DB="$WORK/peel.db"
python3 - "$DEMO_DATA/lookups/lsoa-areas.csv" "$WORK/urban.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
with open(sys.argv[2], "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["lsoa_code", "rural_urban"])
    for r in rows:
        w.writerow([r["lsoa_code"], "Urban"])
PY
"$PEEL" import-areas "$WORK/urban.csv" >/dev/null
start_server
for m in rural-crime rural-positive-outcomes; do
    check_eq "/metric/$m" 200 "$(status "/metric/$m")"
    check_eq "/metric/$m.csv" 200 "$(status "/metric/$m.csv")"
done

# ---------------------------------------------------------------------------
section "an area by LSOA name"
run --rc 0 "$PEEL" stats --group-by lsoa_name --from 2022-04 --to 2023-03 --format csv
# awk reads to the end: an early exit would SIGPIPE out_text, and under
# pipefail that ended the script without a word whenever the pipe filled.
name=$(out_text | awk -F, 'NR > 1 && $1 !~ /^\(/ && !n {n = $1} END {print n}') # not "(no location)"
[[ -n "$name" ]] || fail "no LSOA name in the store"
enc=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$name")
check_eq "/area/lsoa_name/$enc" 200 "$(status "/area/lsoa_name/$enc")"
check_contains "the page names the area" "$(cat "$WORK/body")" "$name"
check_eq "/area/lsoa_name/$enc.json" 200 "$(status "/area/lsoa_name/$enc.json")"
check_eq "/area/lsoa_name/$enc/trend" 200 "$(status "/area/lsoa_name/$enc/trend")"
check_eq "an LSOA name that is not there" 404 "$(status "/area/lsoa_name/Nowhere%20999Z")"
stop_server
# The filter counts what the grouping lists for that name.
want=$(out_text | awk -F, -v n="$name" '$1 == n {print $2}')
run --rc 0 "$PEEL" stats --area "lsoa_name=$name" --from 2022-04 --to 2023-03 --group-by fy \
    --format csv
check_eq "peel stats --area lsoa_name=NAME" "fy,count
2022-23,$want" "$(out_text)"
