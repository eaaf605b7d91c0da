#!/usr/bin/env bash
# test_targets.sh - plan targets judged against the data: a reduction from a
# baseline year, met / not met / too close to call by the 95% interval of the
# underlying count; a level target on a proportion; on track during a year;
# and a missed target listed among the exceptions. The figures in each
# sentence must be those `peel stats` gives for the same crimes.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

# generate plants a 30% fall in Charnwood's burglary from 2021-10.
# To 2022-10: an outcome rate's months settle at 7 months old (series.h), so
# the whole of 2021-22 is settled only in data that runs to 2022-10.
"$PEEL" generate --out "$WORK/data" --from 2020-04 --to 2022-10 --kinds street >/dev/null
"$PEEL" import --quiet "$WORK/data/police-uk"

plan() { # plan FILE TO-MONTH: a plan whose burglary metrics carry targets
    cat >"$1" <<YAML
id: targets
title: Targets test
force: leicestershire
period: {from: 2020-04, to: $2}
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
          - {id: met, title: Charnwood burglary (5% reduction), source: local-data, unit: count,
             polarity: lower-is-better, target: {reduction: 5, baseline: 2020-21},
             definition: {crime-types: [Burglary], area: district=Charnwood}}
          - {id: not-met, title: Charnwood burglary (40% reduction), source: local-data,
             unit: count, polarity: lower-is-better, target: {reduction: 40, baseline: 2020-21},
             definition: {crime-types: [Burglary], area: district=Charnwood}}
          - {id: outcomes, title: Positive outcome rate, source: local-data, unit: percent,
             polarity: higher-is-better, target: {at-least: 90},
             definition: {measure: positive-outcome-rate}}
YAML
}
plan "$WORK/plan.yaml" 2022-03
"$PEEL" plan load "$WORK/plan.yaml" >/dev/null

counts=$("$PEEL" stats --group-by fy --crime-type Burglary --area district=Charnwood --format csv | tr -d '\r')
base=$(grep '^2020-21,' <<<"$counts" | cut -d, -f2)
year=$(grep '^2021-22,' <<<"$counts" | cut -d, -f2)
[[ -n $base && -n $year ]] || fail "no burglary counts for Charnwood: $counts"

run --rc 0 "$PEEL" metrics --period 2022-03 --format csv
metrics=$(out_text)
check_contains "5% reduction met" "$(grep '^s,met,' <<<"$metrics")" ",5% reduction on 2020-21,met,"
check_contains "40% reduction not met" "$(grep '^s,not-met,' <<<"$metrics")" ",40% reduction on 2020-21,not met,"
check_contains "90% outcome rate not met" "$(grep '^s,outcomes,' <<<"$metrics")" ",at least 90,not met,"

run --rc 0 "$PEEL" exceptions --period 2022-03 --format csv
exc=$(out_text)
check_contains "a missed target is an exception" "$(grep '^not-met,' <<<"$exc")" "target,target not met"
commas() { sed -e ':a' -e 's/\([0-9]\)\([0-9]\{3\}\)\($\|,\)/\1,\2\3/; ta' <<<"$1"; }
check_contains "its sentence uses the stats figures" "$(grep '^not-met,' <<<"$exc")" \
    "2021-22: $(commas "$year"), a "
check_eq "a met target is not an exception" "" "$(grep '^met,' <<<"$exc" || true)"

# during 2022-23 (seven months in): on track or not against April-October 2020
run --rc 0 "$PEEL" metrics --format csv
check_contains "year to date" "$(out_text | grep '^s,met,')" ",on track,"
# ... but an outcome rate is judged on settled months only: April-October
# 2022 are provisional, so its latest year is still the whole of 2021-22
check_contains "outcome level on settled months" "$(out_text | grep '^s,outcomes,')" ",2022-03,"
check_contains "whole year, not met" "$(out_text | grep '^s,outcomes,')" ",not met,"
run --rc 0 "$PEEL" exceptions --format csv
check_eq "a target on track is no exception" "" "$(out_text | grep '^met,target,' || true)"
check_contains "outcomes exception names the year" "$(out_text | grep '^outcomes,target,')" \
    "2021-22: 15."
pass
