#!/usr/bin/env bash
# test_prc_metric.sh - a plan metric defined over the Home Office recorded
# crime tables (measure: home-office-offences): charted quarter by quarter
# for the plan's force, a missing quarter a gap, its target judged on the
# financial years, and `plan check` aware of the tables.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

HEADER='Financial Year,Financial Quarter,Force Name,Offence Description,Offence Group,Offence Subgroup,Offence Code,Number of Offences'
{
    echo "$HEADER"
    for fy in 2015/16 2016/17 2017/18; do
        for q in 1 2 3 4; do
            [[ $fy == 2016/17 && $q == 3 ]] && continue # a quarter missing: a gap
            theft=$([[ $fy == 2017/18 ]] && echo 130 || echo 100)
            echo "$fy,$q,Leicestershire,Burglary Residential,Theft offences,Burglary,28E, $theft "
            echo "$fy,$q,Leicestershire,Shoplifting,Theft offences,Shoplifting,46, 50 "
            echo "$fy,$q,Leicestershire,Possession of article with blade,Possession of weapons offences,Possession of other weapons,10D, 7 "
            echo "$fy,$q,Nottinghamshire,Shoplifting,Theft offences,Shoplifting,46, 999 "
        done
    done
} >"$WORK/prc.csv"
"$PEEL" import-prc --quiet "$WORK/prc.csv" >/dev/null

cat >"$WORK/plan.yaml" <<'YAML'
id: prc-plan
title: A plan on national statistics
force: leicestershire
period: {from: 2015-04, to: 2018-03}
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
          - id: theft
            title: Theft offences (Home Office)
            source: national-statistics
            unit: count
            polarity: lower-is-better
            frequency: quarterly
            target: {reduction: 5, baseline: 2015-16}
            definition: {measure: home-office-offences, offence-groups: [Theft offences]}
          - id: all-offences
            title: All offences (Home Office)
            source: national-statistics
            unit: count
            polarity: lower-is-better
            frequency: quarterly
            definition: {measure: home-office-offences}
YAML
peel_ok plan load "$WORK/plan.yaml" >/dev/null

run --rc 0 "$PEEL" metrics --period 2018-03 --format csv
theft=$(out_text | grep '^s,theft,')
# 2017/18 Q4: burglary 130 + shoplifting 50 = 180; the quarter before the same
check_contains "latest quarter, this force's groups only" "$theft" ",2017-18 Q4,180,180,"
# 2015-16: 4 x 150 = 600, target at most 570; 2017-18: 4 x 180 = 720, far above
check_contains "the reduction target is missed" "$theft" ",5% reduction on 2015-16,not met,"
all=$(out_text | grep '^s,all-offences,')
check_contains "all offences: every group" "$all" ",2017-18 Q4,187,187,"

run --rc 0 "$PEEL" chart theft --out "$WORK/theft.svg"
# 11 quarters: drawn, not judged (METRIC_MIN_POINTS), and the title says so
check_contains "quarters on the chart" "$(cat "$WORK/theft.svg")" \
    ">Theft offences (Home Office), quarterly (not judged: 11 points, fewer than the 12 an XmR chart needs)</title>"
run --rc 0 "$PEEL" exceptions --period 2018-03 --format csv
check_contains "the missed target is an exception" "$(out_text | grep '^theft,target,')" \
    "2017-18: 720, a 20.0% rise"

run --rc 0 "$PEEL" plan check --as-of 2018-06 --format csv
check_contains "plan check sees the tables" "$(out_text | grep ',theft,')" ',ok,"loaded values, latest 2017-18 Q4"'
run --rc 1 "$PEEL" compare --metric theft
check_contains "no area comparison for force tables" "$(cat "$ERR")" "compare forces with peel prc --similar"

# the YAML says which list goes with which measure
sed 's/offence-groups: \[Theft offences\]/crime-types: [Burglary]/' "$WORK/plan.yaml" >"$WORK/bad.yaml"
run --rc 2 "$PEEL" plan load "$WORK/bad.yaml"
check_contains "crime types are police.uk's" "$(cat "$ERR")" "counts 'offence-groups', not police.uk 'crime-types'"

# the real table, when present: Leicestershire's weapons offences, 2017-18
if [[ -f "$REAL_DATA/prc/prc-pfa-mar2013-onwards-tables201718.csv" ]]; then
    "$PEEL" --db "$WORK/real.db" import-prc --quiet "$REAL_DATA/prc/prc-pfa-mar2013-onwards-tables201718.csv" >/dev/null
    sed 's/offence-groups: \[Theft offences\]/offence-groups: [Possession of weapons offences]/' \
        "$WORK/plan.yaml" >"$WORK/weapons.yaml"
    "$PEEL" --db "$WORK/real.db" plan load "$WORK/weapons.yaml" >/dev/null
    expect=$(awk -F, '$3 == "Leicestershire" && $5 == "Possession of weapons offences" && $2 == 4 { gsub(/ /, "", $8); n += $8 } END { print n }' \
        "$REAL_DATA/prc/prc-pfa-mar2013-onwards-tables201718.csv")
    run --rc 0 "$PEEL" --db "$WORK/real.db" metrics --format csv
    check_contains "real 2017-18 Q4 weapons offences (awk over the file: $expect)" \
        "$(out_text | grep '^s,theft,')" ",2017-18 Q4,$expect,"
else
    echo "  (real PRC table not found under $REAL_DATA: real-data check skipped)"
fi
pass
