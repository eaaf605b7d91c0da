#!/usr/bin/env bash
# test_plan_cli.sh - `peel plan load|show|check` on the shipped 2024-29 plan:
# versions are kept, show lists the whole performance framework, check says
# what is missing, and a broken file is refused with file:line:column.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

plan="$PEEL_SOURCE_DIR/plans/llr-2024-29.yaml"

out=$("$PEEL" plan load "$plan")
check_contains "first load" "$out" "loaded as version 1"
out=$("$PEEL" plan load "$plan")
check_contains "same file again" "$out" "is unchanged (version 1)"

sed 's/^title: .*/title: A revised plan/' "$plan" > "$WORK/revised.yaml"
out=$("$PEEL" plan load "$WORK/revised.yaml")
check_contains "changed file" "$out" "loaded as version 2"
check_contains "show header" "$("$PEEL" plan show --version 1 --format csv | head -1)" "mission,strategy,metric"
check_eq "metrics of version 1" "38" "$("$PEEL" plan show --version 1 --format csv | tail -n +2 | wc -l)"
check_eq "metrics of version 2 (json)" "38" "$("$PEEL" plan show --format json | grep -c '"metric"')"

# an empty store: every metric needs attention, and check says so with status 1
run --rc 1 "$PEEL" plan check --as-of 2024-06 --format csv
cp "$OUT" "$WORK/check.csv"
check_eq "no data, empty store" "30" "$(grep -c ',no data,' "$WORK/check.csv")"
check_eq "undefined, empty store" "8" "$(grep -c ',undefined reference,' "$WORK/check.csv")"

# with a year of recorded crime and the area lookup, defined metrics are ok
"$PEEL" generate --out "$WORK/data" --from 2023-04 --to 2024-03 --rows 300 --kinds street > /dev/null
"$PEEL" import --quiet "$WORK/data/police-uk"
"$PEEL" import-areas "$WORK/data/lookups/lsoa-areas.csv" > /dev/null
run --rc 1 "$PEEL" plan check --as-of 2024-05 --format csv
cp "$OUT" "$WORK/check.csv"
check_eq "defined metrics ok" "9" "$(grep -c ',ok,' "$WORK/check.csv")"
run --rc 1 "$PEEL" plan check --as-of 2025-01 --format csv
cp "$OUT" "$WORK/check.csv"
check_eq "defined metrics stale later" "9" "$(grep -c ',stale,' "$WORK/check.csv")"

# a broken file: every error with its position, nothing stored, exit 2
printf 'id: broken\ntitle: B\nperiod: {from: 2024-05, to: 2029-03}\nvision: V\nmissions: []\nsurprise: 1\n' > "$WORK/broken.yaml"
run --rc 2 "$PEEL" plan load "$WORK/broken.yaml"
check_contains "broken file" "$(cat "$ERR")" "broken.yaml:6:1: plan: unknown key 'surprise'"
run --rc 1 "$PEEL" plan show --plan broken

# the IOPC's figures loaded before the plan: the plan load takes them (docs/complaints-data.md)
mkdir -p "$WORK/iopc"
printf '%s\n' "force,from,to,measure,breakdown,value,last_year,similar_forces,england_and_wales" \
    "leicestershire,2026-04-01,2026-06-30,cases_per_1000_employees,,98.7,,," >"$WORK/iopc/q.csv"
run --rc 0 "$PEEL" --db "$WORK/iopc/peel.db" iopc import "$WORK/iopc/q.csv"
run --rc 0 "$PEEL" --db "$WORK/iopc/peel.db" plan load "$plan"
check_contains "figures stored, plan loaded" "$(cat "$OUT")" "the IOPC figures stored: 1 values new"
run --rc 0 "$PEEL" --db "$WORK/iopc/peel.db" plan load "$plan"
check_eq "the same plan again says nothing of them" "0" "$(grep -c 'IOPC figures' "$OUT" || true)"
echo "plan cli: ok"
