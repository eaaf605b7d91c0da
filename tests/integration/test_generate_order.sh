#!/usr/bin/env bash
# test_generate_order.sh - `peel generate` writes street files in the order
# police.uk does (every real file in ../shared/data/real: by LSOA name, then
# crime type, rows with no location last), so that demos and benchmarks
# read files shaped like the real ones:
#   * in each file every located row comes after the one before in (LSOA
#     name, crime type) order, and no located row after a row with none;
#   * each LSOA is one run of rows: as many runs as LSOAs;
#   * the same seed and options give byte-identical files;
#   * --shuffled writes the same rows in the order drawn, for readers that
#     must not depend on the order.
source "$(dirname "$0")/lib.sh"
require_cmd sqlite3 cmp sort

section "generate and import two forces for two months"
run --rc 0 "$PEEL" generate --out gen --forces leicestershire,kent --rows 2000 \
    --from 2022-01 --to 2022-02 --kinds street --seed 5 --no-lookups
run --rc 0 "$PEEL" import gen/police-uk
check_eq "street files imported" 4 "$(sql "SELECT count(DISTINCT file) FROM street_row")"

# Each row beside the one before it in its file (street_row keeps the line).
pairs="SELECT file, \"LSOA name\" AS n, \"Crime type\" AS t,
         lag(\"LSOA name\") OVER w AS pn, lag(\"Crime type\") OVER w AS pt
       FROM street_row WINDOW w AS (PARTITION BY file ORDER BY line)"

section "rows in police.uk's order"
check_eq "rows before the row above them (LSOA name, then crime type)" 0 \
    "$(sql "SELECT count(*) FROM ($pairs) WHERE pn IS NOT NULL AND n <> ''
            AND (pn = '' OR n < pn OR (n = pn AND t < pt))")"
no_location=$(sql "SELECT count(*) FROM street_row WHERE \"LSOA name\" = ''")
check_ne "some rows have no location" 0 "$no_location"
check_eq "each LSOA one run of rows" \
    "$(sql "SELECT count(*) FROM (SELECT DISTINCT file, \"LSOA name\" FROM street_row)")" \
    "$(sql "SELECT count(*) FROM ($pairs) WHERE pn IS NULL OR n <> pn")"

section "the same seed, the same bytes"
run --rc 0 "$PEEL" generate --out again --forces leicestershire,kent --rows 2000 \
    --from 2022-01 --to 2022-02 --kinds street --seed 5 --no-lookups
for f in gen/police-uk/*/*-street.csv; do
    if cmp -s "$f" "again/${f#gen/}"; then
        pass "$(basename "$f") identical"
    else
        fail "$(basename "$f") differs between two runs with seed 5"
    fi
done

section "--shuffled: the same rows, out of that order"
run --rc 0 "$PEEL" generate --out shuffled --forces leicestershire,kent --rows 2000 \
    --from 2022-01 --to 2022-02 --kinds street --seed 5 --no-lookups --shuffled
for f in gen/police-uk/*/*-street.csv; do
    check_eq "$(basename "$f"): the same rows" "$(sort "$f" | sha256sum)" \
        "$(sort "shuffled/${f#gen/}" | sha256sum)"
done
export PEEL_DB="$WORK/shuffled.db"
run --rc 0 "$PEEL" import shuffled/police-uk
check_ne "rows before the row above them, shuffled" 0 \
    "$(sql "SELECT count(*) FROM ($pairs) WHERE pn IS NOT NULL AND n <> ''
            AND (pn = '' OR n < pn OR (n = pn AND t < pt))")"
