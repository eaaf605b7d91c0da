#!/usr/bin/env bash
# test_generate_order.sh - `peel generate` writes street files in the order
# data.police.uk does (all 57 real street files in ../shared/data/real: by
# LSOA name, then crime type with "Other crime" last, the rows with no
# location last), so that demos and benchmarks read files shaped like the
# real ones:
#   * in each file no row comes before the row above it in that order, and
#     each LSOA is one run of rows (test_real_data checks the real files by
#     the same rule, lib.sh police_uk_out_of_order; the LSOA names aside:
#     police.uk sorts them without regard to case or punctuation, the
#     generator by bytes, which is the same for its names);
#   * the same seed and options give byte-identical files;
#   * --shuffled writes the same rows in the order drawn, and an import of
#     them stores the same crimes and counts (the importer does not depend
#     on the order).
source "$(dirname "$0")/lib.sh"
require_cmd sqlite3 cmp sort sha256sum

# shellcheck disable=SC2054 # the comma is inside one argument
gen=(--forces leicestershire,kent --rows 2000 --from 2022-01 --to 2022-02 --kinds street --seed 5
    --no-lookups)

section "generate and import two forces for two months"
run --rc 0 "$PEEL" generate --out gen "${gen[@]}"
run --rc 0 "$PEEL" import gen/police-uk
check_eq "street files imported" 4 "$(sql "SELECT count(DISTINCT file) FROM street_row")"

section "rows in police.uk's order"
check_eq "rows out of order (LSOA name, crime type, no location last)" 0 \
    "$(police_uk_out_of_order "$PEEL_DB" names)"
check_ne "some rows have no location" 0 "$(sql "SELECT count(*) FROM street_row WHERE \"LSOA name\" = ''")"
lsoas=$(sql "SELECT count(*) FROM (SELECT DISTINCT file, \"LSOA name\" FROM street_row)")
check_eq "each LSOA one run of rows" "$lsoas runs, $lsoas LSOAs" "$(lsoa_runs "$PEEL_DB")"

section "the same seed, the same bytes"
run --rc 0 "$PEEL" generate --out again "${gen[@]}"
for f in gen/police-uk/*/*-street.csv; do
    if cmp -s "$f" "again/${f#gen/}"; then
        pass "$(basename "$f") identical"
    else
        fail "$(basename "$f") differs between two runs with seed 5"
    fi
done

section "--shuffled: the same rows, out of that order, the same store"
run --rc 0 "$PEEL" generate --out shuffled "${gen[@]}" --shuffled
for f in gen/police-uk/*/*-street.csv; do
    check_eq "$(basename "$f"): the same rows" "$(sort "$f" | sha256sum)" \
        "$(sort "shuffled/${f#gen/}" | sha256sum)"
done
check_contains "README.txt says so" "$(cat shuffled/README.txt)" "--shuffled"
ordered_db=$PEEL_DB
export PEEL_DB="$WORK/shuffled.db"
run --rc 0 "$PEEL" import shuffled/police-uk
check_ne "rows out of order, shuffled" 0 "$(police_uk_out_of_order "$PEEL_DB" names)"
# the counts and the rows, less each row's line
counts() { fingerprint "$1" | grep -v '^street_row='; }
rows() { sql "$1" "SELECT \"Crime ID\", \"Location\", \"LSOA code\", \"Crime type\",
                     \"Last outcome category\" FROM street_row" | sort | sha256sum; }
check_eq "the same counts and rollups" "$(counts "$ordered_db")" "$(counts "$PEEL_DB")"
check_eq "the same crimes" "$(rows "$ordered_db")" "$(rows "$PEEL_DB")"
