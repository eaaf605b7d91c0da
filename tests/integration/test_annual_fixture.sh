#!/usr/bin/env bash
# test_annual_fixture.sh - the annual table (`peel stats --fy`) on a fixture
# small enough to work out by hand:
#   * months outside the two financial years are left out (2020-03 is FY
#     2019-20, 2022-04 is FY 2022-23);
#   * anti-social behaviour has its own line and is not in the total;
#   * difference, % change (2 decimals, empty when the previous year had none),
#     positive outcome % (1 decimal, of this year's crimes with an outcome:
#     caution, local resolution and awaiting court outcome are positive;
#     "Under investigation" is no outcome yet, out of the rate) and the exact
#     Poisson test of the change (docs/methods.md: two-sided p, 4 decimals;
#     "beyond chance" when p < 0.05) are exact;
#   * lines are ordered by this year's count, ties by name; ASB comes last;
#   * --categories police-uk and home-office (Burglary and Shoplifting both
#     go into "Theft offences") give exactly the expected CSV;
#   * with populations loaded, rates per 1,000 residents are exact and use
#     only LSOAs where the crimes were recorded;
#   * the table format warns that months are missing (INCOMPLETE), the CSV
#     carries no notes.
source "$(dirname "$0")/lib.sh"
require_cmd python3

HEADER='Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context'
LP='Leicestershire Police,Leicestershire Police'
# Two LSOAs; every crime is in one of them.
LA='-1.133000,52.634000,On or near High Street,E01025631,Leicester 001A'
LB='-1.140000,52.640000,On or near Park Road,E01025632,Leicester 001B'
echo 0 >row_counter
# row MONTH LOCATION TYPE OUTCOME : one street row, without its line end
# (ASB gets no Crime ID; others a distinct 64-hex-digit one). Runs in $(...),
# so the counter lives in a file.
row() {
    local n id
    n=$(($(cat row_counter) + 1))
    echo "$n" >row_counter
    if [[ "$3" == "Anti-social behaviour" ]]; then
        id=""
    else
        id=$(printf '%064x' "$n")
    fi
    printf '%s' "$id,$1,$LP,$2,$3,$4,"
}
# month_file MONTH ROWS... : writes data/MONTH/MONTH-leicestershire-street.csv
month_file() {
    local m=$1
    shift
    mkdir -p "data/$m"
    {
        printf '%s\r\n' "$HEADER" "$@"
    } >"data/$m/$m-leicestershire-street.csv"
}

section "the fixture"
# FY 2019-20: excluded
month_file 2020-03 "$(row 2020-03 "$LA" Burglary 'Offender given a caution')"
# FY 2020-21 (previous year)
month_file 2020-04 \
    "$(row 2020-04 "$LA" Burglary 'Offender given a caution')" \
    "$(row 2020-04 "$LA" Burglary 'Under investigation')" \
    "$(row 2020-04 "$LB" Burglary 'Under investigation')"
month_file 2020-06 "$(row 2020-06 "$LB" 'Violence and sexual offences' 'Investigation complete; no suspect identified')"
month_file 2020-09 "$(row 2020-09 "$LB" 'Criminal damage and arson' 'Unable to prosecute suspect')"
month_file 2020-12 "$(row 2020-12 "$LA" Robbery 'Under investigation')"
month_file 2021-03 \
    "$(row 2021-03 "$LA" Burglary 'Unable to prosecute suspect')" \
    "$(row 2021-03 "$LB" Burglary 'Unable to prosecute suspect')"
# FY 2021-22 (this year)
month_file 2021-04 \
    "$(row 2021-04 "$LA" Burglary 'Local resolution')" \
    "$(row 2021-04 "$LA" Burglary 'Local resolution')" \
    "$(row 2021-04 "$LB" Burglary 'Investigation complete; no suspect identified')" \
    "$(row 2021-04 "$LB" Burglary 'Investigation complete; no suspect identified')"
month_file 2021-05 \
    "$(row 2021-05 "$LA" 'Anti-social behaviour' '')" \
    "$(row 2021-05 "$LB" 'Anti-social behaviour' '')"
cda=()
for _ in 1 2 3; do
    cda+=("$(row 2021-06 "$LA" 'Criminal damage and arson' 'Offender given a caution')")
done
for _ in 1 2 3 4 5 6; do
    cda+=("$(row 2021-06 "$LB" 'Criminal damage and arson' 'Investigation complete; no suspect identified')")
done
month_file 2021-06 "${cda[@]}"
month_file 2021-09 "$(row 2021-09 "$LA" 'Violence and sexual offences' 'Under investigation')"
month_file 2022-03 "$(row 2022-03 "$LB" Shoplifting 'Awaiting court outcome')"
# FY 2022-23: excluded
month_file 2022-04 "$(row 2022-04 "$LA" Shoplifting 'Awaiting court outcome')"
run --rc 0 "$PEEL" import --format csv data
check_eq "rows imported" "total (12 files),,,,27,0" "$(out_text | tail -1)"

section "--categories police-uk"
# previous = FY 2020-21 (2020-04..2021-03), current = FY 2021-22 (2021-04..2022-03)
#   Criminal damage and arson
#                  prev 1 (2020-09); cur 9 (2021-06); diff 8; change 8/1 = 800.00%;
#                  positive: 3 cautions / 9 = 33.3%
#                  test: N = 10, x1 = 9, P(X >= 9) = (C(10,9) + C(10,10)) / 2^10 = 11/1024,
#                  p = 2 * 11/1024 = 0.021484 -> 0.0215 < 0.05: a rise beyond chance
#   Burglary       prev 3 (2020-04) + 2 (2021-03) = 5; cur 4 (2021-04)
#                  diff -1; change -1/5 = -20.00%; positive: 2 local resolution / 4 = 50.0%
#                  (the 2020-04 caution is last year's: not counted)
#                  test: N = 9, x1 = 4, P(X <= 4) = 256/512 = 1/2, p = min(1, 2 * 1/2) = 1.0000
#   Shoplifting    prev 0; cur 1 (2022-03); diff 1; change undefined (empty);
#                  positive: awaiting court outcome (charged) 1/1 = 100.0%
#                  test: N = 1, P(X >= 1) = 1/2, p = 1.0000
#   Violence and sexual offences
#                  prev 1 (2020-06); cur 1 (2021-09); diff 0; change 0.00%;
#                  positive empty: this year's one is under investigation, no
#                  outcome yet, so none has an outcome; test: N = 2, x1 = 1, p = 1.0000
#   Robbery        prev 1 (2020-12); cur 0; diff -1; change -100.00%; positive empty;
#                  test: N = 1, P(X <= 0) = 1/2, p = 1.0000
#   Total          prev 1+5+0+1+1 = 8; cur 9+4+1+1+0 = 15; diff 7; change 7/8 = 87.50%;
#                  positive (3+2+1)/(15 - 1 under investigation) = 6/14 = 42.9%
#                  test: N = 23, x1 = 15, P(X >= 15) = sum C(23,k), k=15..23, / 2^23
#                  = 880970/8388608 = 0.105020, p = 0.210040 -> 0.2100: within normal variation
#   ASB            prev 0; cur 2 (2021-05); diff 2; change empty; positive empty
#                  (not in the total); test: N = 2, P(X >= 2) = 1/4, p = 0.5000
# CSV carries every digit Peel computed (the text table rounds). Beside each
# estimate its 95% interval: the total's 6 of 14, Wilson 21.38% to 67.41%; CDA's positive outcome rate 3 of 9 has the
# Wilson interval (1/3 + z^2/18 +/- z sqrt(2/81 + z^2/324)) / (1 + z^2/9) =
# 12.06% to 64.58%; its rate ratio 9/1 = 9 has the exact (Clopper-Pearson
# on 9 of 10) interval 1.247 to 394.5; Robbery 1 -> 0: ratio 0, upper limit
# 0.975 / 0.025 = 39; a ratio from none (Shoplifting, ASB) is empty.
# Order: by this year's count (CDA 9, Burglary 4; Shoplifting 1 and Violence 1
# by name; Robbery 0), then the total, then ASB.
cat >expected_police_uk.csv <<'EOF'
category,2020-21,2021-22,difference,change_pct,positive_outcome_pct,positive_outcome_lower_95,positive_outcome_upper_95,change_is,p_value,rate_ratio,rate_ratio_lower_95,rate_ratio_upper_95
Criminal damage and arson,1,9,8,800.00,33.333333333333336,12.05838183869109,64.57978644196037,rise beyond chance,0.021484375000000035,9.000,1.2471096253276637,394.4791130338218
Burglary,5,4,-1,-20.00,50.0,15.003898915214958,84.99610108478504,within normal variation,1.0000,0.800,0.15874272732480715,3.7167918645973614
Shoplifting,0,1,1,,100.0,20.654931437723747,100.0,within normal variation,1.0000,,0.025641025641025546,
Violence and sexual offences,1,1,0,0.00,,,,within normal variation,1.0000,1.000,0.012739367083666414,78.49683531626424
Robbery,1,0,-1,-100.00,,,,within normal variation,1.0000,0.000,0.000,39.00000000000014
Total recorded crime (excluding anti-social behaviour),8,15,7,87.50,42.857142857142854,21.38079890447412,67.40935542034924,within normal variation,0.21003961563110457,1.875,0.7462489443095277,5.106363135172582
Anti-social behaviour,0,2,2,,,,,within normal variation,0.5000,,0.18780911077786566,
EOF
run --rc 0 "$PEEL" stats --fy 2021-22 --categories police-uk --format csv
out_text >actual.csv
check_files_eq "police-uk annual table" expected_police_uk.csv actual.csv
run --rc 0 "$PEEL" stats --fy 2021-22 --categories police-uk --force leicestershire --format csv
out_text >actual.csv
check_files_eq "police-uk annual table, --force leicestershire" expected_police_uk.csv actual.csv

section "--categories home-office"
#   Criminal damage and arson: as above (the same group in both schemes)
#   Theft offences = Burglary + Shoplifting: prev 5 + 0 = 5; cur 4 + 1 = 5; diff 0;
#                  change 0.00%; positive (2 + 1)/5 = 60.0%; test N = 10, x1 = 5: p = 1.0000
#   Violence against the person and sexual offences = Violence and sexual
#                  offences: 1, 1, 0, 0.00%, empty (no outcome yet), p = 1.0000
#   Robbery        1, 0, -1, -100.00%, empty, p = 1.0000
#   Total and ASB as above.
cat >expected_home_office.csv <<'EOF'
category,2020-21,2021-22,difference,change_pct,positive_outcome_pct,positive_outcome_lower_95,positive_outcome_upper_95,change_is,p_value,rate_ratio,rate_ratio_lower_95,rate_ratio_upper_95
Criminal damage and arson,1,9,8,800.00,33.333333333333336,12.05838183869109,64.57978644196037,rise beyond chance,0.021484375000000035,9.000,1.2471096253276637,394.4791130338218
Theft offences,5,5,0,0.00,60.0,23.072428127601295,88.2379225767352,within normal variation,1.0000,1.000,0.2301424689381079,4.345134579523997
Violence against the person and sexual offences,1,1,0,0.00,,,,within normal variation,1.0000,1.000,0.012739367083666414,78.49683531626424
Robbery,1,0,-1,-100.00,,,,within normal variation,1.0000,0.000,0.000,39.00000000000014
Total recorded crime (excluding anti-social behaviour),8,15,7,87.50,42.857142857142854,21.38079890447412,67.40935542034924,within normal variation,0.21003961563110457,1.875,0.7462489443095277,5.106363135172582
Anti-social behaviour,0,2,2,,,,,within normal variation,0.5000,,0.18780911077786566,
EOF
run --rc 0 "$PEEL" stats --fy 2021-22 --categories home-office --format csv
out_text >actual.csv
check_files_eq "home-office annual table" expected_home_office.csv actual.csv
run --rc 0 "$PEEL" stats --fy 2021-22 --format csv
out_text >actual.csv
check_files_eq "home-office is the default" expected_home_office.csv actual.csv

section "the table format explains what the CSV cannot"
run --rc 0 "$PEEL" stats --fy 2021-22 --categories police-uk
table=$(cat "$OUT")
# Street data exists for 2020-04, 2020-06, 2020-09, 2020-12, 2021-03, 2021-04,
# 2021-05, 2021-06, 2021-09 and 2022-03: 14 of the 24 months are missing.
check_contains "missing months flagged" "$table" "INCOMPLETE"
check_contains "the missing months, exactly" "$table" \
    "14 of the 24 months (2020-05, 2020-07, 2020-08, 2020-10, 2020-11, 2021-01, 2021-02, 2021-07, 2021-08, 2021-10, 2021-11, 2021-12, 2022-01, 2022-02)"
check_contains "ASB not in the total" "$table" "Anti-social behaviour is an incident"
check_contains "total line" "$table" "Total recorded crime (excluding anti-social behaviour)"
check_not_contains "csv has no notes" "$(cat actual.csv)" "INCOMPLETE"

section "JSON carries the same figures"
run --rc 0 "$PEEL" stats --fy 2021-22 --categories police-uk --format json
python3 - "$OUT" <<'EOF' || fail "json annual table wrong: $(cat "$OUT")"
import json, sys
rows = json.load(open(sys.argv[1]))
by = {r["category"]: r for r in rows}
t = by["Total recorded crime (excluding anti-social behaviour)"]
assert (t["2020-21"], t["2021-22"], t["difference"]) == (8, 15, 7), t
assert abs(t["change_pct"] - 87.5) < 0.006, t
assert by["Shoplifting"]["change_pct"] is None, by["Shoplifting"]
assert by["Anti-social behaviour"]["2021-22"] == 2, by
EOF
pass "json annual table"

section "the positive outcome rate, last year against this"
# Of the crimes with an outcome: previous, 1 caution (2020-04) of 8 crimes, 3
# of them under investigation (two burglaries of 2020-04, the robbery): 1 of
# 5 = 20.0%; this year 6 of 14 = 42.9%. Pooled 7/19; SE = sqrt(7/19 x 12/19
# x (1/5 + 1/14)) = 0.25131; z = (6/14 - 0.2) / 0.25131 = 0.9095;
# p = 2 (1 - Phi(0.9095)) = 0.3631.
run --rc 0 "$PEEL" stats --fy 2021-22 --categories police-uk
check_contains "two proportions compared" "$(out_text)" \
    "Positive outcome rate of the total, last year against this: a rise from 20.0% to 42.9% (1 of 5 -> 6 of 14); within normal variation"
check_contains "with its test" "$(out_text)" "p = 0.363"
check_contains "the method" "$(out_text)" "crimes still under investigation, or whose status update is unavailable, have no outcome yet and are left out"
check_contains "how many are left out" "$(out_text)" "1 of this year's 15 crimes in the total have no outcome yet"

section "rates per 1,000 residents"
# E01025631 (LA) 1,000 residents, E01025632 (LB) 1,500: 2,500 in all. A third
# LSOA with no crimes must not count (no area lookup is loaded, so the area is
# the LSOAs where the crimes were recorded).
printf 'LSOA code,Population\nE01025631,1000\nE01025632,1500\nE01099999,97500\n' >population.csv
run --rc 0 "$PEEL" import-population population.csv
#   rate = count / 2500 * 1000 = count * 0.4
#   CDA 1 -> 0.40, 9 -> 3.60; Burglary 5 -> 2.00, 4 -> 1.60;
#   Shoplifting 0 -> 0.00, 1 -> 0.40; Violence 1 -> 0.40, 1 -> 0.40;
#   Robbery 1 -> 0.40, 0 -> 0.00; Total 8 -> 3.20, 15 -> 6.00; ASB 0 -> 0.00, 2 -> 0.80
cat >expected_rates.csv <<'EOF'
category,2020-21,2021-22,difference,change_pct,positive_outcome_pct,positive_outcome_lower_95,positive_outcome_upper_95,change_is,p_value,rate_ratio,rate_ratio_lower_95,rate_ratio_upper_95,rate_per_1000_previous,rate_per_1000_current
Criminal damage and arson,1,9,8,800.00,33.333333333333336,12.05838183869109,64.57978644196037,rise beyond chance,0.021484375000000035,9.000,1.2471096253276637,394.4791130338218,0.40,3.60
Burglary,5,4,-1,-20.00,50.0,15.003898915214958,84.99610108478504,within normal variation,1.0000,0.800,0.15874272732480715,3.7167918645973614,2.00,1.60
Shoplifting,0,1,1,,100.0,20.654931437723747,100.0,within normal variation,1.0000,,0.025641025641025546,,0.00,0.40
Violence and sexual offences,1,1,0,0.00,,,,within normal variation,1.0000,1.000,0.012739367083666414,78.49683531626424,0.40,0.40
Robbery,1,0,-1,-100.00,,,,within normal variation,1.0000,0.000,0.000,39.00000000000014,0.40,0.00
Total recorded crime (excluding anti-social behaviour),8,15,7,87.50,42.857142857142854,21.38079890447412,67.40935542034924,within normal variation,0.21003961563110457,1.875,0.7462489443095277,5.106363135172582,3.20,6.00
Anti-social behaviour,0,2,2,,,,,within normal variation,0.5000,,0.18780911077786566,,0.00,0.80
EOF
run --rc 0 "$PEEL" stats --fy 2021-22 --categories police-uk --format csv
out_text >actual.csv
check_files_eq "police-uk annual table with rates" expected_rates.csv actual.csv
run --rc 0 "$PEEL" stats --fy 2021-22 --categories police-uk
check_contains "population note" "$(cat "$OUT")" "2,500 resident population"
check_contains "population note: LSOAs" "$(cat "$OUT")" "(2 LSOAs"

echo
echo "PASS $TEST_NAME"
