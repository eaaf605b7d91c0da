#!/usr/bin/env bash
# test_report_annual_real.sh - `peel report annual` on the real
# data.police.uk files for Leicestershire (shared/data/real, PROVENANCE.md
# section 1: 2019-12 to 2022-11, so financial years 2020-21 and 2021-22 are
# whole). The report for 2021-22 must equal `peel stats --fy 2021-22` cell by
# cell, with a sentence per line consistent with its p-value, and its
# districts must equal `peel stats --group-by district` (check_annual.py).
# Skips, saying why, when the real data is not there.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_cmd python3
require_real_data
export SOURCE_DATE_EPOCH=1700000000

section "real police.uk data, 2021-22 against 2020-21"
real_store
"$PEEL" import-population "$REAL_DATA/lookups/lsoa11_population_mid2019.csv" >/dev/null
"$PEEL" import-areas --where Police_force=Leicestershire \
    --group 'district=Local authority name' "$REAL_DATA/lookups/PoliceforceLSOA.csv" >/dev/null
run --rc 0 "$PEEL" report annual --fy 2021-22 --out "$WORK/annual"
check_contains "summary line" "$(cat "$OUT")" "annual crime statistics for 2021-22 against 2020-21"
"$PEEL" stats --fy 2021-22 --format csv >"$WORK/fy.csv"
"$PEEL" stats --group-by district --from 2021-04 --to 2022-03 --exclude-asb --format csv \
    >"$WORK/districts.csv"
python3 "$PEEL_SOURCE_DIR/tests/integration/check_annual.py" "$WORK/annual" "$WORK/fy.csv" \
    "$WORK/districts.csv" || fail "check_annual.py: the report does not match peel stats"
pass "the report matches peel stats on the real data"
page=$(cat "$WORK/annual/index.html")
check_not_contains "both years are whole" "$page" "<b>Incomplete.</b>"
check_contains "the force by name" "$page" "<h1>Recorded crime in Leicestershire Police, 2021-22</h1>"
check_contains "the nine LLR districts, Charnwood among them" "$page" "<th scope=\"row\">Charnwood</th>"
check_contains "each source file is listed" "$page" "2022-03-leicestershire-street.csv"
echo "report_annual_real: ok"
