#!/usr/bin/env bash
# test_prc_real.sh - the real Home Office Police Recorded Crime table for
# 2017/18 (shared/data/real/prc, PROVENANCE.md section 4), when present:
#   * every one of its 23,068 rows is stored, none quarantined; its 36
#     negative counts are kept and reported; 48 force names, 4 of them
#     bodies with no police.uk force; the load's SHA-256 is the one
#     PROVENANCE.md lists;
#   * Leicestershire 2017-18: 83,793 offences (Q1 20,213; Q2 21,161;
#     Q3 21,417; Q4 21,002), by quarter and by offence group;
#   * with the 2018 mid-year force populations, Leicestershire and its most
#     similar group are ranked by rate;
#   * `peel stats --fy 2017-18` cannot use one year of tables for a
#     two-year table, and says so.
# Skipped (77) when the real data is absent.
source "$(dirname "$0")/lib.sh"
require_real_data
PRC="$REAL_DATA/prc/prc-pfa-mar2013-onwards-tables201718.csv"
POP="$REAL_DATA/lookups/pfa_population_mye2018.csv"
[[ -f "$PRC" ]] || skip "$PRC not found"

section "import-prc of the real 2017/18 table"
start=$(date +%s.%N)
run --rc 0 "$PEEL" import-prc --format csv "$PRC"
end=$(date +%s.%N)
summary=$(out_text)
check_contains "rows, quarantine, negatives" "$summary" \
    "2017-18 Q1 to 2017-18 Q4 (4),48 (4 not on police.uk),23068,23068,0,36,0,72e2f98aaad643ef"
check_contains "negative counts reported by line" "$(cat "$ERR")" \
    "prc-pfa-mar2013-onwards-tables201718.csv:6187: Number of Offences: negative count -1, stored as published"
echo "  (import took $(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }') s)"

section "Leicestershire 2017-18, as PROVENANCE.md gives it"
run --rc 0 "$PEEL" prc --force leicestershire --by quarter --format csv
check_eq "quarters" \
"quarter,offences
2017-18 Q1,20213
2017-18 Q2,21161
2017-18 Q3,21417
2017-18 Q4,21002" "$(out_text)"
run --rc 0 "$PEEL" prc --fy 2017-18 --force 'Leicestershire Police' --format csv
check_contains "the year's total" "$(out_text)" "Total recorded crime,83793,100.0"
run --rc 0 "$PEEL" prc --fy 2017-18 --force leicestershire
check_contains "table text" "$(out_text)" "Offences recorded by Leicestershire, financial year 2017-18, by Home Office offence group"

section "Leicestershire against its most similar group"
run --rc 0 "$PEEL" import-population --forces "$POP"
check_contains "43 force areas" "$(out_text)" "populations of 43 police force areas loaded"
run --rc 0 "$PEEL" prc --fy 2017-18 --force leicestershire --similar --format csv
check_eq "eight forces" 9 "$(out_text | wc -l)"
rate=$(out_text | grep ',Leicestershire,83793,1093200,' | cut -d, -f5)
check_eq "Leicestershire's rate (83793 / 1093200 * 1000, full precision)" 76.6493 \
    "$(python3 -c 'import sys; print(round(float(sys.argv[1]), 4))' "$rate")"
run --rc 0 "$PEEL" prc --fy 2017-18 --format csv
check_eq "43 territorial forces by default" 44 "$(out_text | wc -l)"
run --rc 0 "$PEEL" prc --fy 2017-18 --all-bodies --format csv
check_eq "48 with --all-bodies" 49 "$(out_text | wc -l)"

section "one year of tables cannot make the two-year table"
run --rc 0 "$PEEL" stats --fy 2017-18 --force leicestershire
check_contains "says why" "$(out_text)" \
    "Home Office Police Recorded Crime tables not used: they hold 4 of the 8 quarters for leicestershire (missing 2016-17 Q1, 2016-17 Q2, 2016-17 Q3, 2016-17 Q4)"
