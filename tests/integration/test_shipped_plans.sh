#!/usr/bin/env bash
# test_shipped_plans.sh - the three plans in plans/ load, `peel plan show` lists
# each whole (missions, strategies and metrics counted by hand from the
# documents), every numeric target of the 2013-17 plan is there with its value
# and the plan's own words, and `peel plan check` on an empty store says what
# every metric lacks.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

plans="$PEEL_SOURCE_DIR/plans"

# plan id, file, missions, strategies, metrics, then what check says on an
# empty store: metrics with no data, and metrics naming a crime type or area
# grouping that no imported data has ("undefined reference").
expected="llr-2024-29 llr-2024-29.yaml 3 14 38 30 8
llr-2021 llr-2021.yaml 2 17 31 22 9
llr-2013-17 llr-2013-17.yaml 7 24 42 39 3"

while read -r id file missions strategies metrics no_data undefined; do
    section "$id"
    run --rc 0 "$PEEL" plan load "$plans/$file"
    check_contains "$id loads" "$(cat "$OUT")" "plan $id loaded as version 1"

    # the table's title counts the plan's parts
    run --rc 0 "$PEEL" plan show --plan "$id"
    check_contains "$id: show counts" "$(head -1 "$OUT")" \
        "): $missions missions, $strategies delivery strategies, $metrics headline metrics"

    # and the listing has them all: a strategy without metrics is a row too.
    # The ids come first and hold no commas, so cut is safe on the CSV.
    run --rc 0 "$PEEL" plan show --plan "$id" --format csv
    out_text | tail -n +2 >"$WORK/show.csv"
    check_eq "$id: missions listed" "$missions" "$(cut -d, -f1 "$WORK/show.csv" | sort -u | wc -l)"
    check_eq "$id: strategies listed" "$strategies" \
        "$(cut -d, -f1,2 "$WORK/show.csv" | sort -u | wc -l)"
    check_eq "$id: metrics listed" "$metrics" \
        "$(cut -d, -f3 "$WORK/show.csv" | grep -c .)"
    check_eq "$id: metric ids unique" "$metrics" \
        "$(cut -d, -f3 "$WORK/show.csv" | grep . | sort -u | wc -l)"

    # an empty store: every metric needs attention, and check says so with status 1
    run --rc 1 "$PEEL" plan check --plan "$id" --as-of 2024-06 --format csv
    out_text | tail -n +2 >"$WORK/check.csv"
    check_eq "$id: every metric checked" "$metrics" "$(wc -l <"$WORK/check.csv")"
    check_eq "$id: no data" "$no_data" "$(grep -c ',no data,' "$WORK/check.csv" || true)"
    check_eq "$id: undefined reference" "$undefined" \
        "$(grep -c ',undefined reference,' "$WORK/check.csv" || true)"
    run --rc 1 "$PEEL" plan check --plan "$id" --as-of 2024-06
    check_contains "$id: check's verdict" "$(head -1 "$OUT")" \
        "$id, version 1: $metrics of its headline metrics need attention"
done <<<"$expected"

section "what check says each metric lacks"
run --rc 1 "$PEEL" plan check --plan llr-2013-17 --as-of 2024-06 --format csv
check_contains "a loaded metric" "$(out_text)" \
    "special-constables,local-data,no data,values come from files and none are loaded yet"
check_contains "all crime" "$(out_text)" \
    "all-crime,national-statistics,no data,no recorded crime imported for leicestershire"
check_contains "a police.uk crime type" "$(out_text)" \
    "burglary,national-statistics,undefined reference,crime type 'Burglary' is in no imported data"
run --rc 1 "$PEEL" plan check --plan llr-2021 --as-of 2024-06 --format csv
check_contains "rural crime" "$(out_text)" \
    "rural-crime,local-data,undefined reference,area grouping 'rural_urban' is not loaded"

section "every numeric target of the 2013-17 plan"
# metric | the target as show gives it | the plan's own words
targets_2013="special-constables|at least 400 by 2016-12|increase the Special Constabulary by 33% from 300 to 400 officers by 2016
big-conversation|at least 2000|gather views from at least 2,000 young people
domestic-abuse-injury-outcome-rate|at least 50|50% Domestic abuse with injury crime outcome rate
domestic-abuse-satisfaction|at least 90|90% Satisfaction rate
hate-crime-outcome-rate|at least 55|55% Crime outcome rate
hate-crime-satisfaction|at least 88|88% Satisfaction rate
asb-satisfaction|at least 85|85% Satisfaction rate
all-user-satisfaction|at least 85|85% 'all user' Satisfaction rate
all-user-satisfaction-2016|at least 88 by 2016-12|1% increase to this target, year on year, to achieve an overall satisfaction rate of 88% by the end of 2016
cbs-police-good-job|at least 75|75% Confidence rate in the Community Based Survey that the 'police are doing a good job'
all-crime|5% reduction on 2012-13|5% Reduction in all crime
burglary|13% reduction on 2012-13|13% Reduction in burglary
burglary-outcome-rate|at least 25|25% Crime outcome rate
burglary-satisfaction|at least 90|90% Satisfaction rate
violence-with-injury|2% reduction on 2012-13|2% Reduction in violence against the person with injury offences
violence-with-injury-outcome-rate|at least 50|50% Crime outcome rate
violence-with-injury-satisfaction|at least 82|82% Satisfaction with service for victims of violent crime with injury
theft-from-vehicle|14% reduction on 2012-13|14% Reduction in theft from motor vehicle
theft-from-vehicle-outcome-rate|at least 9|9% Crime outcome rate
theft-from-vehicle-satisfaction|at least 85|85% Satisfaction rate
theft-of-vehicle|10% reduction on 2012-13|10% Reduction in theft of motor vehicle
theft-of-vehicle-outcome-rate|at least 23|23% Crime outcome rate
theft-of-vehicle-satisfaction|at least 85|85% Satisfaction rate
mental-health-review|at least 1 by 2013-12|By December 2013: Key stakeholders to complete a review to identify partnership priority areas to facilitate evidence-based planning.
mental-health-joint-working|at least 1 by 2013-12|By December 2013: To develop a programme of joint working between key stakeholders further to the above review and findings around the partnership priority areas.
mental-health-outcomes-agreed|at least 1 by 2013-12|By December 2013: Agree a broader set of specific outcomes and measures for all key stakeholders."
targets_2021="volunteer-contribution|25% increase on 2021-22|seek to increase the community contribution by 25%
neighbourhood-officer-tenure|at least 2|encourage neighbourhood officers to stay in their local communities for at least two years"

# The metric and target of every row of show's JSON (one key a line), in order.
shown_targets() {
    run --rc 0 "$PEEL" plan show --plan "$1" --format json
    sed -n 's/^ *"\(metric\|target\)": \(null\|"\(.*\)"\),\{0,1\}$/\3/p' "$OUT" |
        paste -d'|' - - | grep -v '|$' || true
}

for id in llr-2013-17 llr-2021; do
    if [[ "$id" == llr-2013-17 ]]; then want=$targets_2013; else want=$targets_2021; fi
    check_eq "$id: targets shown, with their values" \
        "$(cut -d'|' -f1,2 <<<"$want" | sort)" "$(shown_targets "$id" | sort)"
done
check_eq "llr-2013-17: 26 targets" "26" "$(shown_targets llr-2013-17 | wc -l)"
check_eq "llr-2024-29: no targets" "" "$(shown_targets llr-2024-29)"

# The plan's own words are stored with each target (and read back whole).
if command -v sqlite3 >/dev/null 2>&1; then
    for id in llr-2013-17 llr-2021; do
        if [[ "$id" == llr-2013-17 ]]; then want=$targets_2013; else want=$targets_2021; fi
        words=$(sql "SELECT x.key || '|' || x.target_text FROM plan_metric x
                     JOIN plan_strategy s ON s.id = x.strategy_id
                     JOIN plan_mission m ON m.id = s.mission_id
                     JOIN plan p ON p.id = m.plan_id
                     WHERE p.plan_key = '$id' AND x.target_kind IS NOT NULL")
        check_eq "$id: the plan's words for every target" \
            "$(cut -d'|' -f1,3 <<<"$want" | sort)" "$(sort <<<"$words")"
    done
    check_eq "a target's own period is stored with its baseline column" \
        "at-least|88.0|by 2016-12" \
        "$(sql "SELECT target_kind || '|' || target_value || '|' || target_baseline
                FROM plan_metric WHERE key = 'all-user-satisfaction-2016'")"
else
    echo "  (sqlite3 not installed: the stored words are not checked)"
fi
echo "shipped plans: ok"
