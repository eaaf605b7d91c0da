#!/usr/bin/env bash
# test_loads.sh - provenance of the files every rate and judgement rests
# on: `peel import-areas`, `peel import-population`, `peel plan load` and
# `peel metric load` each leave a record with the file's path, its SHA-256
# (the same as sha256sum's), who loaded it and the command, listed by
# `peel loads`; the records never change; and a lookup giving an LSOA twice
# is refused naming both lines, loading nothing and recording nothing.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_cmd sqlite3 sha256sum

printf 'LSOA code,district,Police_force\nE01000001,Blaby,Leicestershire\nE01000002,Melton,Leicestershire\nE01000003,Hartlepool,Cleveland\n' >"$WORK/lookup.csv"
printf 'E01000001,1200\nE01000002,1300\n' >"$WORK/population.csv"
printf 'metric,period,value\nvictim-satisfaction,2022-23 Q1,71.0\n' >"$WORK/values.csv"
"$PEEL" import-areas --where Police_force=Leicestershire --group district=district "$WORK/lookup.csv" >/dev/null
"$PEEL" import-population "$WORK/population.csv" >/dev/null
"$PEEL" plan load "$PEEL_SOURCE_DIR/plans/llr-2024-29.yaml" >/dev/null
"$PEEL" metric load "$WORK/values.csv" >/dev/null

run --rc 0 "$PEEL" loads --format csv
REAL=$(cd "$WORK" && pwd -P) # paths are recorded resolved
loads=$(out_text)
sha() { sha256sum <"$1" | cut -c1-64; }
check_contains "the values file" "$loads" ",metric-values,$REAL/values.csv,1,$(wc -c <"$WORK/values.csv"),$(sha "$WORK/values.csv"),$(id -un),peel metric load $WORK/values.csv,\"1 new, 0 revised, 0 unchanged\""
check_contains "the plan" "$loads" ",plan,$(cd "$PEEL_SOURCE_DIR/plans" && pwd -P)/llr-2024-29.yaml,38,$(wc -c <"$PEEL_SOURCE_DIR/plans/llr-2024-29.yaml"),$(sha "$PEEL_SOURCE_DIR/plans/llr-2024-29.yaml"),$(id -un),peel plan load"
check_contains "the populations" "$loads" ",population,$REAL/population.csv,2,$(wc -c <"$WORK/population.csv"),$(sha "$WORK/population.csv"),$(id -un),peel import-population $WORK/population.csv,"
check_contains "the lookup, with the command as typed" "$loads" ",areas,$REAL/lookup.csv,2,$(wc -c <"$WORK/lookup.csv"),$(sha "$WORK/lookup.csv"),$(id -un),peel import-areas --where Police_force=Leicestershire --group district=district $WORK/lookup.csv,groupings: district; only rows where Police_force = Leicestershire"
if sqlite3 "$PEEL_DB" "UPDATE data_load SET sha256 = printf('%064d', 0)" 2>/dev/null; then fail "a load's record was changed"; fi

printf 'LSOA code,district\nE01000001,Blaby\nE01000002,Melton\nE01000001,Charnwood\n' >"$WORK/twice.csv"
run --rc 2 "$PEEL" import-areas "$WORK/twice.csv"
check_contains "an LSOA given twice names both lines" "$(cat "$ERR")" "$WORK/twice.csv:4: LSOA code: given twice, first on line 2: 'E01000001'"
check_contains "and loads nothing" "$(cat "$ERR")" "peel import-areas: nothing was loaded"
check_eq "Blaby is still Blaby, and no load was recorded" "Blaby|4" \
    "$(sql "SELECT (SELECT value FROM area WHERE grouping = 'district' AND lsoa_code = 'E01000001'), (SELECT count(*) FROM data_load)")"
pass
