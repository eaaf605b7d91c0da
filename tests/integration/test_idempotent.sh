#!/usr/bin/env bash
# test_idempotent.sh - re-importing is safe and a slice is replaced as a whole:
#   * importing the same generated folder (street, outcomes, stop-and-search;
#     3 months) twice leaves the store exactly as after the first import
#     (row counts of every table, rollup sums, sorted street rows);
#   * importing a later copy of one month's street file (same file name,
#     another folder) whose outcomes differ replaces that month: its crime
#     count is unchanged, its outcome counts change by exactly the edited
#     rows, and every other month and kind is untouched;
#   * a .zip of the folder, read in place, stores exactly what the folder did.
source "$(dirname "$0")/lib.sh"
require_cmd sqlite3 zip

section "generate 3 months of synthetic data"
run --rc 0 "$PEEL" generate --out gen --rows 300 --from 2021-01 --to 2021-03 \
    --kinds street,outcomes,stop-and-search --seed 3
# The police.uk files are under police-uk/ (lookups/ holds LSOA lookups,
# which are for import-areas and import-population, not import).
DATA=gen/police-uk
nfiles=$(find "$DATA" -name '*.csv' | wc -l)
check_eq "generated CSV files" 9 "$nfiles"
street_rows=0
for f in "$DATA"/*/*-street.csv; do
    street_rows=$((street_rows + $(wc -l <"$f") - 1))
done
echo "  street rows in the files: $street_rows"

section "first import"
run --rc 0 "$PEEL" import --format csv "$DATA"
check_eq "files in the summary" "total (9 files)" "$(out_text | tail -1 | cut -d, -f1)"
check_eq "crimes stored = street rows in the files" "$street_rows" "$(sql "SELECT count(*) FROM crime")"
check_eq "rollup total = crimes" "$street_rows" "$(sql "SELECT sum(n) FROM rollup_force")"
check_eq "nothing quarantined" 0 "$(sql "SELECT count(*) FROM quarantine")"
fp1=$(fingerprint)
echo "$fp1" | sed 's/^/    /'
# For comparing months later: counts per month and outcome from stats.
run --rc 0 "$PEEL" stats --group-by month,outcome --format csv
out_text >by_outcome_1.csv
run --rc 0 "$PEEL" stats --group-by month --format csv
out_text >by_month_1.csv
runs1=$(sql "SELECT count(*) FROM import_run")

section "importing the same folder again changes nothing"
run --rc 0 "$PEEL" import --quiet "$DATA"
check_eq "fingerprint after the second import" "$fp1" "$(fingerprint)"
check_eq "a second import run is recorded" $((runs1 + 1)) "$(sql "SELECT count(*) FROM import_run")"
run --rc 0 "$PEEL" import --quiet "$DATA/2021-02/2021-02-leicestershire-street.csv" "$DATA"
check_eq "fingerprint after importing a file twice in one command" "$fp1" "$(fingerprint)"

section "a later copy of 2021-02 with different outcomes replaces that month"
FEB=2021-02-leicestershire-street.csv
mkdir -p later/2021-02
sed 's/,Under investigation,/,Offender given a caution,/' "$DATA/2021-02/$FEB" >"later/2021-02/$FEB"
changed=$(grep -c ',Under investigation,' "$DATA/2021-02/$FEB" || true)
[[ "$changed" -gt 0 ]] || fail "the generated 2021-02 street file has no 'Under investigation' rows to edit"
check_eq "edited file has as many lines as the original" "$(wc -l <"$DATA/2021-02/$FEB")" \
    "$(wc -l <"later/2021-02/$FEB")"
echo "  $changed rows changed from 'Under investigation' to 'Offender given a caution'"

feb=$(month_index 2021-02)
count_outcome() { # MONTH OUTCOME -> crimes in the store with that last outcome
    sql "SELECT coalesce(sum(r.n), 0) FROM rollup_force r
         JOIN outcome_category o ON o.id = r.outcome_id
         WHERE r.month = $(month_index "$1") AND o.name = '$2'"
}
ui_before=$(count_outcome 2021-02 'Under investigation')
caution_before=$(count_outcome 2021-02 'Offender given a caution')
check_eq "'Under investigation' in 2021-02 before = rows in the file" "$changed" "$ui_before"
feb_crimes=$(sql "SELECT rows FROM slice WHERE kind = 'street' AND month = $feb")
other_hash_before=$(sql "SELECT * FROM street_row WHERE \"Month\" <> '2021-02' ORDER BY line, \"Crime ID\", \"Month\"" | cut -d'|' -f3- | sort | sha256sum)
other_kinds_before=$(sql "SELECT kind, month, rows FROM slice WHERE kind <> 'street' ORDER BY 1, 2")

run --rc 0 "$PEEL" import --format csv later
check_eq "summary of the later copy" "$FEB,street,Leicestershire Police,2021-02,$feb_crimes,0" \
    "$(out_text | sed -n 2p)"
check_eq "2021-02 slice rows unchanged" "$feb_crimes" \
    "$(sql "SELECT rows FROM slice WHERE kind = 'street' AND month = $feb")"
check_eq "2021-02 crimes stored unchanged" "$feb_crimes" \
    "$(sql "SELECT count(*) FROM street_row WHERE \"Month\" = '2021-02'")"
check_eq "2021-02 'Under investigation' after" 0 "$(count_outcome 2021-02 'Under investigation')"
check_eq "2021-02 'Offender given a caution' after" $((caution_before + changed)) \
    "$(count_outcome 2021-02 'Offender given a caution')"
check_eq "the slice now comes from the later copy" "later/2021-02/$FEB" \
    "$(sql "SELECT f.path FROM slice s JOIN source_file f ON f.id = s.file_id
            WHERE s.kind = 'street' AND s.month = $feb")"
check_eq "no second source_file row for the same name" 1 \
    "$(sql "SELECT count(*) FROM source_file WHERE name = '$FEB'")"
check_eq "total crimes unchanged" "$street_rows" "$(sql "SELECT count(*) FROM crime")"
check_eq "rollup total unchanged" "$street_rows" "$(sql "SELECT sum(n) FROM rollup_force")"
check_eq "rollup_lsoa total unchanged" "$street_rows" "$(sql "SELECT sum(n) FROM rollup_lsoa")"
# the rollup summed over forces (migration 52; kept by the import) is rollup_force's
check_eq "rollup_all is rollup_force summed" 0 \
    "$(sql "WITH s AS (SELECT month, crime_type_id, outcome_id, sum(n) FROM rollup_force
            GROUP BY 1, 2, 3) SELECT (SELECT count(*) FROM (SELECT * FROM rollup_all EXCEPT
            SELECT * FROM s)) + (SELECT count(*) FROM (SELECT * FROM s EXCEPT SELECT * FROM rollup_all))")"
check_eq "street rows of the other months unchanged" "$other_hash_before" \
    "$(sql "SELECT * FROM street_row WHERE \"Month\" <> '2021-02' ORDER BY line, \"Crime ID\", \"Month\"" | cut -d'|' -f3- | sort | sha256sum)"
check_eq "outcomes and stop-and-search slices unchanged" "$other_kinds_before" \
    "$(sql "SELECT kind, month, rows FROM slice WHERE kind <> 'street' ORDER BY 1, 2")"

run --rc 0 "$PEEL" stats --group-by month --format csv
check_eq "stats: crimes per month unchanged" "$(cat by_month_1.csv)" "$(out_text)"
run --rc 0 "$PEEL" stats --group-by month,outcome --format csv
out_text >by_outcome_2.csv
check_eq "stats: outcomes of 2021-01 and 2021-03 unchanged" \
    "$(grep -v '^2021-02,' by_outcome_1.csv)" "$(grep -v '^2021-02,' by_outcome_2.csv)"
check_ne "stats: outcomes of 2021-02 changed" \
    "$(grep '^2021-02,' by_outcome_1.csv)" "$(grep '^2021-02,' by_outcome_2.csv)"
check_eq "stats: 2021-02 has no 'Under investigation' row" "" \
    "$(grep '^2021-02,Under investigation,' by_outcome_2.csv || true)"

section "importing the original copy again restores the first state"
run --rc 0 "$PEEL" import --quiet "$DATA/2021-02/$FEB"
check_eq "fingerprint back to the first import's" "$fp1" "$(fingerprint)"

section "a zip of the folder stores the same as the folder"
(cd gen && zip -qr ../gen.zip police-uk)
run --rc 0 "$PEEL" --db zip.db import --format csv gen.zip
check_eq "files in the zip summary" "total (9 files)" "$(out_text | tail -1 | cut -d, -f1)"
check_eq "street rows (zip vs folder)" "$(street_dump_hash "$PEEL_DB")" "$(street_dump_hash zip.db)"
check_eq "rollup_force sum (zip vs folder)" "$(sql "SELECT sum(n) FROM rollup_force")" \
    "$(sql zip.db "SELECT sum(n) FROM rollup_force")"
check_eq "fingerprint (zip vs folder)" "$fp1" "$(fingerprint zip.db)"
check_eq "stop-and-search rows (zip vs folder)" \
    "$(sql "SELECT * FROM stop_search ORDER BY 2, 3" | cut -d'|' -f3- | sort | sha256sum)" \
    "$(sql zip.db "SELECT * FROM stop_search ORDER BY 2, 3" | cut -d'|' -f3- | sort | sha256sum)"
run --rc 0 "$PEEL" --db zip.db import --quiet gen.zip
check_eq "zip imported twice: fingerprint unchanged" "$fp1" "$(fingerprint zip.db)"

echo
echo "PASS $TEST_NAME"
