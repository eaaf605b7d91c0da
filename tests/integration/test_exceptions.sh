#!/usr/bin/env bash
# test_exceptions.sh - on the demo data (generate's default seed), `peel
# exceptions` finds the planted shoplifting rise (+20% from 2022-04), flags
# nothing before it, leaves the unshifted neighbourhood crimes alone, and does
# not take the newest months' unsettled outcomes for a fall.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

demo_store

before=$("$PEEL" exceptions --period 2022-02 --format csv)
check_eq "exceptions before the planted shift" "1" "$(printf '%s\n' "$before" | wc -l)"

after=$("$PEEL" exceptions --format csv)
check_contains "the shoplifting rise is found" "$after" "shoplifting,special cause concern,shift"
for m in burglary vehicle-crime theft-from-person robbery rural-crime; do
    check_not_contains "no exception for $m" "$after" "$m,"
done
check_not_contains "outcome lag is not taken for a fall" "$after" "positive-outcome"

metrics=$("$PEEL" metrics --format csv)
check_contains "burglary is common cause" "$(grep '^neighbourhood-crime,burglary,' <<<"$metrics")" \
    ",common cause,"
check_contains "outcome rates are judged on settled months only" \
    "$(grep ',positive-outcome-rate,' <<<"$metrics")" ",2022-08,"
check_contains "and are common cause there" "$(grep ',positive-outcome-rate,' <<<"$metrics")" \
    ",common cause,"
check_contains "the chart says why" "$("$PEEL" chart positive-outcome-rate --out "$WORK/por.svg" && cat "$WORK/por.svg")" \
    "The latest 7 months, whose outcomes police.uk is still recording, are not judged"
# 28 of the plan's metrics are supplied by the Office; one of them (the
# published medium-term financial strategy) is computed from the budget
# register, empty here, so it says so in its own words
check_eq "loaded metrics say so" "28" "$(grep -c 'no figures supplied yet' <<<"$metrics")"

# XmR options for every metric (cli/spc_options.c): named in the sentence
# and on the chart; a rebase that cannot be honoured is said; bad values
# are refused
check_contains "the options are named" \
    "$("$PEEL" exceptions --no-screen --run-length 6 --format csv | grep '^shoplifting,')" \
    "Chart options: no outlier screening; runs of 6"
run --rc 0 "$PEEL" chart shoplifting --rebase 2021-04,2030-01 --out "$WORK/rebased.svg"
check_contains "an impossible rebase is said" "$(cat "$WORK/rebased.svg")" \
    "No new limits from 2030-01 as asked: after the series"
run --rc 2 "$PEEL" metrics --run-length 9
check_contains "a bad run length" "$(cat "$ERR")" "the run length must be 6, 7 or 8"
# the reports and the site take them too
run --rc 2 "$PEEL" report governance --period 2023-03 --out "$WORK/g" --baseline 5
check_contains "peel report: a bad baseline" "$(cat "$ERR")" "a fixed baseline needs at least 12 points"
run --rc 2 "$PEEL" serve --port 0 --trend-length 5
check_contains "peel serve: a bad trend length" "$(cat "$ERR")" "the trend length must be 6, 7 or 8"

# peel scan charts every district's every crime type: the planted shifts are
# found where they were planted, and chance signals stay few (7-point runs
# alone fire on the latest month of about 1.6% of common-cause series).
run --rc 0 "$PEEL" scan --format csv --limit 0
scan=$(out_text)
check_contains "Charnwood's burglary fall (-30% from 2021-10)" \
    "$(grep '^Charnwood,Burglary,' <<<"$scan")" ",special cause improvement,"
check_contains "Leicester's shoplifting rise (+20% from 2022-04)" \
    "$(grep '^Leicester,Shoplifting,' <<<"$scan")" ",special cause concern,"
check_not_contains "Charnwood shoplifting unshifted" "$scan" "Charnwood,Shoplifting,"
signals=$(($(wc -l <<<"$scan") - 1))
[[ $signals -le 10 ]] || fail "scan: $signals signals in 113 charted series is more than chance explains"
scan_text=$("$PEEL" scan)
# 14 crime types' "(no location)" series are not crime series: they are
# summed into the one data-quality series, reported in a note
check_contains "scan says how many series" "$scan_text" "126 series: 113 charted"
check_contains "no location is data quality" "$scan_text" "Data quality: 2,270 crimes had no location (not a place, so not scanned as crime)"
check_not_contains "no location is not scanned as crime" "$scan" "(no location)"

# peel chart draws the same chart the exception comes from, in each format
for ext in svg png pdf; do
    run --rc 0 "$PEEL" chart shoplifting --out "$WORK/shoplifting.$ext"
    check_contains "chart .$ext written" "$(cat "$OUT")" "shoplifting.$ext: XmR chart of shoplifting"
done
check_eq "SVG" "<svg" "$(sed -n 2p "$WORK/shoplifting.svg" | cut -c1-4)"
check_eq "PNG" "PNG" "$(head -c 4 "$WORK/shoplifting.png" | tail -c 3)"
check_eq "PDF" "%PDF" "$(head -c 4 "$WORK/shoplifting.pdf")"
check_contains "SVG title for screen readers" "$(cat "$WORK/shoplifting.svg")" ">Incidences of shoplifting, monthly</title>"
check_contains "SVG description is the exception's sentence" "$(cat "$WORK/shoplifting.svg")" \
    "special cause concern, part of a run of months above the average"
run --rc 1 "$PEEL" chart no-such-metric --out "$WORK/x.svg"
check_contains "unknown metric" "$(cat "$ERR")" "has no metric 'no-such-metric'"
run --rc 1 "$PEEL" chart victim-satisfaction --out "$WORK/x.svg"
check_contains "loaded metric without values" "$(cat "$ERR")" "no figures supplied yet"
run --rc 2 "$PEEL" chart shoplifting --out "$WORK/x.gif"
check_contains "unknown format" "$(cat "$ERR")" "--out must end in .svg, .png or .pdf"

# peel compare: districts on a funnel; the counts are those of peel stats
run --rc 0 "$PEEL" compare --metric burglary --by district --fy 2021-22 --format csv
funnel=$(out_text)
stats=$("$PEEL" stats --group-by district --crime-type Burglary --from 2021-04 --to 2022-03 --format csv | tr -d '\r')
for d in Charnwood Leicester Rutland; do
    check_eq "$d's burglary count" "$(grep "^$d," <<<"$stats" | cut -d, -f2)" \
        "$(grep "^$d," <<<"$funnel" | cut -d, -f2)"
done
check_eq "one row per district" "9" "$(tail -n +2 <<<"$funnel" | grep -vc '^(no location)')"
run --rc 0 "$PEEL" compare --metric burglary --by district --fy 2021-22
check_contains "over-dispersion is stated" "$(cat "$OUT")" "Over-dispersion: phi = "
run --rc 0 "$PEEL" compare --metric positive-outcome-rate --fy 2021-22 --no-adjust --format csv
check_contains "a share is compared by crimes" "$(out_text | grep '^Charnwood,')" ",within"
check_contains "the method is named on every row" "$(out_text | grep '^Charnwood,')" ",within,spiegelhalter"
# --method phe: PHEindicatormethods' Wilson score limits, p +/- z sqrt(p(1-p)/n)
run --rc 0 "$PEEL" compare --metric positive-outcome-rate --fy 2021-22 --method phe --format csv
check_eq "Wilson score limits at every area" "ok" "$(out_text | python3 -c '
import csv, math, sys
rows = list(csv.DictReader(sys.stdin))
p = sum(int(r["observed"]) for r in rows) / sum(float(r["denominator"]) for r in rows)
for r in rows:
    n, half = float(r["denominator"]), 1.959963984540054 * math.sqrt(p * (1 - p) / float(r["denominator"]))
    for col, want in (("lower_95", p - half), ("upper_95", p + half)):
        if abs(float(r[col]) - 100 * want) > 1e-9 or r["method"] != "phe":
            sys.exit(f"{r}: {col} is not {100 * want}")
print("ok" if len(rows) == 9 else f"{len(rows)} rows")')"
run --rc 2 "$PEEL" compare --metric burglary --method wilson
check_contains "bad --method" "$(cat "$ERR")" "--method must be spiegelhalter or phe, not 'wilson'"
run --rc 2 "$PEEL" compare --metric burglary --by postcode
check_contains "bad --by" "$(cat "$ERR")" "no area grouping 'postcode' in the store (known: district, lsoa, lsoa_name, csp, neighbourhood, rural_urban)"
run --rc 1 "$PEEL" compare --metric victim-satisfaction
check_contains "loaded metric" "$(cat "$ERR")" "areas can be compared only for metrics defined over recorded crime"
run --rc 0 "$PEEL" chart --funnel --metric burglary --by district --fy 2021-22 --out "$WORK/funnel.svg"
check_contains "funnel chart title" "$(cat "$WORK/funnel.svg")" ">Burglary by district, 2021-22 (2021-04 to 2022-03)</title>"
check_contains "funnel chart description" "$(cat "$WORK/funnel.svg")" "Funnel plot of 9 areas around"
run --rc 0 "$PEEL" chart --funnel --metric burglary --fy 2021-22 --method phe --out "$WORK/funnel.svg"
check_contains "the chart names its method" "$(cat "$WORK/funnel.svg")" "(Limits at 95% and 99.8%: exact Poisson interval inverted (PHEindicatormethods))"

# --xlsx: the performance framework as a workbook, numbers as numbers
run --rc 0 "$PEEL" metrics --format csv --xlsx "$WORK/framework.xlsx"
latest=$(out_text | grep ',shoplifting,' | cut -d, -f4)
check_eq "the workbook holds the same shoplifting figure" "ok" "$(python3 - "$WORK/framework.xlsx" "$latest" <<'PY'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
strings = re.findall(r"<t[^>]*>([^<]*)</t>", z.read("xl/sharedStrings.xml").decode())
sheet = z.read("xl/worksheets/sheet1.xml").decode()
rows = {}
for r, cells in re.findall(r'<row r="(\d+)"[^>]*>(.*?)</row>', sheet):
    rows[int(r)] = {c: (t, v) for c, t, v in re.findall(r'<c r="([A-Z]+)\d+"(?: s="\d+")?(?: t="(\w+)")?><v>([^<]*)</v>', cells)}
def text(cell): return strings[int(cell[1])] if cell[0] == "s" else cell[1]
row = next(r for r in rows.values() if "B" in r and text(r["B"]) == "shoplifting")
print("ok" if row["D"][0] == "" and float(row["D"][1]) == float(sys.argv[2].replace(",", "")) else row)
PY
)"
# A plan starting inside the data with too few months since (the demo's
# 2024-29 plan moved to 2022-08: 8 months of street data since): its first
# month starts no new limits, and every output says so; `peel plan show`
# gives each metric's chart options, the plan's then the defaults
sed -e 's/^  from: 2024-05$/  from: 2022-08/' -e 's/^id: llr-2024-29$/id: llr-start-test/' \
    -e '/- id: shoplifting$/,/definition:/s/^            definition:$/            charts: {run-length: 6}\n            definition:/' \
    "$PEEL_SOURCE_DIR/plans/llr-2024-29.yaml" >"$WORK/late-start.yaml"
run --rc 0 "$PEEL" plan load "$WORK/late-start.yaml"
note="Limits not recalculated at August 2022, the plan's start: 8 months since; 12 are needed."
run --rc 0 "$PEEL" chart shoplifting --out "$WORK/late.svg"
check_contains "peel chart says it" "$(cat "$OUT")" "$note"
check_contains "in the chart's description" "$(cat "$WORK/late.svg")" \
    "Limits not recalculated at August 2022, the plan&#39;s start: 8 months since; 12 are needed"
points=$("$PEEL" chart shoplifting --format csv | tr -d '\r')
check_contains "peel chart --format csv: at the plan's first month" "$(grep '^2022-08,' <<<"$points")" ",1,\"$note\""
check_eq "every point, limits at full precision" "48 569.1920744680851" \
    "$(tail -n +2 <<<"$points" | wc -l) $(sed -n 2p <<<"$points" | cut -d, -f4)"
check_eq "peel metrics carries it" "$note" "$("$PEEL" metrics --format json |
    python3 -c 'import json, sys; print(next(r["limits_note"] for r in json.load(sys.stdin) if r["metric"] == "shoplifting"))')"
shown=$("$PEEL" plan show --format csv | grep ',shoplifting,')
check_contains "plan show: the plan's option, then the defaults" "$shown" \
    "runs of 6; defaults: outliers screened, limits from every point, new limits at the plan's start when 12 points lie on each side, trends of 7"

echo "exceptions: ok"
