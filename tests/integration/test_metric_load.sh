#!/usr/bin/env bash
# test_metric_load.sh - `peel metric load|show|history`: values of loaded
# metrics are checked against the plan, loaded atomically, traceable to file
# and line, and a revision keeps the value it replaces.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

"$PEEL" plan load "$PEEL_SOURCE_DIR/plans/llr-2024-29.yaml" >/dev/null

cat >"$WORK/survey.csv" <<'CSV'
Metric,Period,Value,Numerator,Denominator,Source,Note
victim-satisfaction,2022-23 Q1,71.0,710,1000,Victim survey,
victim-satisfaction,2022/23 Q2, 72.5 ,725,1000,Victim survey,spaces are trimmed
letters-to-government,2022-23,yes,,,OPCC,
CSV
out=$(peel_ok metric load "$WORK/survey.csv")
check_contains "first load" "$out" "3 values read: 3 new, 0 revised"
out=$(peel_ok metric load "$WORK/survey.csv")
check_contains "same file again" "$out" "0 new, 0 revised (earlier values kept), 3 unchanged"

run --rc 0 "$PEEL" metric show victim-satisfaction --format csv
check_eq "current values" "2" "$(out_text | tail -n +2 | wc -l)"
check_contains "quarter normalised, traced to line 3" "$(out_text)" "2022-23 Q2,(force),72.50,725,1000,Victim survey,$WORK/survey.csv:3"
check_eq "yes is stored as 1" "1.0" "$(sql "SELECT value FROM metric_value WHERE metric_key = 'letters-to-government'")"

# a revision replaces the current value and keeps the old one, dated
sed 's/ 72.5 ,725/73.0,730/' "$WORK/survey.csv" >"$WORK/revised.csv"
out=$(peel_ok metric load "$WORK/revised.csv")
check_contains "revision" "$out" "0 new, 1 revised (earlier values kept), 2 unchanged"
run --rc 0 "$PEEL" metric history victim-satisfaction --format csv
check_eq "history keeps both Q2 values" "2" "$(out_text | grep -c '^2022-23 Q2,')"
check_eq "the old one is stamped replaced" "1" \
    "$(sql "SELECT count(*) FROM metric_value WHERE period = '2022-23 Q2' AND value = 72.5 AND replaced_at IS NOT NULL AND replaced_by IS NOT NULL")"
check_eq "show has only the current one" "73.00" \
    "$("$PEEL" metric show victim-satisfaction --format csv | tr -d '\r' | grep '^2022-23 Q2' | cut -d, -f3)"

# every problem in one run, named by file, line and field; nothing stored
before=$(sql "SELECT count(*) FROM metric_value")
cat >"$WORK/bad.csv" <<'CSV'
metric,period,value,numerator,denominator
victim-satisfaction,2023-04,71.2,712,1000
victim-satisfaction,2023-24 Q1,75.2,712,1000
victim-satisfaction,2023-24 Q2,101,,
no-such-metric,2023-24 Q1,1,,
positive-outcome-rate,2023-04,12,,
letters-to-government,2023-24,maybe,,
victim-satisfaction,2023-24 Q3,"1,000",1,
victim-satisfaction,2023-24 Q4,50,,
victim-satisfaction,2023/24 Q4,50,,
CSV
run --rc 2 "$PEEL" metric load "$WORK/bad.csv"
err=$(cat "$ERR")
check_contains "wrong period kind" "$err" "bad.csv:2: period: '2023-04' is not a financial quarter like 2023-24 Q1 (victim-satisfaction is reported quarterly)"
check_contains "value against its parts" "$err" "bad.csv:3: value: percentage does not match numerator / denominator (712 / 1000 gives 71.20)"
check_contains "percent range" "$err" "bad.csv:4: value: 101: a percentage must be between 0 and 100"
check_contains "unknown metric" "$err" "bad.csv:5: metric: 'no-such-metric' is not a metric of any loaded plan"
check_contains "computed metric" "$err" "bad.csv:6: metric: 'positive-outcome-rate' is computed from recorded crime"
check_contains "yes/no" "$err" "bad.csv:7: value: 'maybe' is not a number"
check_contains "numerator alone" "$err" "bad.csv:8: denominator: numerator and denominator go together"
check_contains "thousands separator" "$err" "bad.csv:8: value: '1,000' is not a number (write it without , or %)"
check_contains "nothing loaded" "$err" "bad.csv: nothing was loaded"
check_eq "store unchanged" "$before" "$(sql "SELECT count(*) FROM metric_value")"

cat >"$WORK/dup.csv" <<'CSV'
metric,period,value
victim-satisfaction,2023-24 Q4,50
victim-satisfaction,2023/24 Q4,51
CSV
run --rc 2 "$PEEL" metric load "$WORK/dup.csv"
check_contains "duplicate cell" "$(cat "$ERR")" "dup.csv:3: victim-satisfaction for 2023-24 Q4 is already given on line 2"

printf 'metric,period,valeu\n' >"$WORK/header.csv"
run --rc 2 "$PEEL" metric load "$WORK/header.csv"
check_contains "unknown column" "$(cat "$ERR")" "header.csv:1: unknown column 'valeu'"
check_contains "missing column" "$(cat "$ERR")" "header.csv:1: no 'value' column"
run --rc 2 "$PEEL" metric load "$WORK/nonexistent.csv"
check_contains "unreadable" "$(cat "$ERR")" "nonexistent.csv: cannot open"

# loaded values are charted like any other metric: a quarterly series with a
# gap (2020-21 Q3) and a fall to 60 in its latest quarter. By hand: mean of
# the 13 values 911 / 13 = 70.08; moving ranges (none across the gap) 1 1 2 1 1
# and 1 1 1 1 1 11, whose mean 2.0 screens out the 11 (>= 3.267 x 2.0), leaving
# 11 / 10 = 1.1; limits 70.08 -/+ 2.66 x 1.1 = 67.15 to 73.00: 60 is below.
cat >"$WORK/series.csv" <<'CSV'
metric,period,value
victim-satisfaction,2019-20 Q1,70
victim-satisfaction,2019-20 Q2,71
victim-satisfaction,2019-20 Q3,70
victim-satisfaction,2019-20 Q4,72
victim-satisfaction,2020-21 Q1,71
victim-satisfaction,2020-21 Q2,70
victim-satisfaction,2020-21 Q4,72
victim-satisfaction,2021-22 Q1,71
victim-satisfaction,2021-22 Q2,70
victim-satisfaction,2021-22 Q3,71
victim-satisfaction,2021-22 Q4,72
victim-satisfaction,2022-23 Q1,71
victim-satisfaction,2022-23 Q2,60
CSV
peel_ok metric load "$WORK/series.csv" >/dev/null
run --rc 0 "$PEEL" metrics --format csv
row=$(out_text | grep ',victim-satisfaction,')
check_contains "latest quarter" "$row" ",2022-23 Q2,"
check_contains "a fall to 60 is a concern" "$row" "special cause concern"
run --rc 0 "$PEEL" exceptions --format csv
check_contains "the exception's sentence" "$(out_text)" "Victim satisfaction: 60.0% in 2022-23 Q2, down from 71.0%; special cause concern, below the lower process limit"

# plan check: a loaded metric with values is ok while fresh, stale after
run --rc 1 "$PEEL" plan check --as-of 2022-12 --format csv
check_contains "fresh values" "$(out_text | grep ',victim-satisfaction,')" ',ok,"loaded values, latest 2022-23 Q2"'
run --rc 1 "$PEEL" plan check --as-of 2024-03 --format csv
check_contains "stale values" "$(out_text | grep ',victim-satisfaction,')" ',stale,"latest value is for 2022-23 Q2, 18 months old"'
check_contains "no values" "$(out_text | grep ',victim-code-compliance,')" ',no data,values come from files and none are loaded yet'
pass
