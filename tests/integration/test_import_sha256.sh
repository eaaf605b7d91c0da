#!/usr/bin/env bash
# test_import_sha256.sh - every imported police.uk file is known by the
# SHA-256 of its bytes (migration 7), so that a published figure can be
# traced to the exact file it came from:
#   * a CSV read from a folder: the store's hash is `sha256sum FILE`;
#   * a CSV read in place from a zip archive: the hash is that of the CSV
#     itself, `unzip -p ARCHIVE MEMBER | sha256sum`, not the archive's;
#   * the annual report's Sources table shows the same hashes;
#   * a file that is refused (not police.uk) records nothing.
source "$(dirname "$0")/lib.sh"
require_cmd sqlite3 zip unzip sha256sum

section "generate and import a folder"
run --rc 0 "$PEEL" generate --out gen --rows 200 --from 2021-01 --to 2021-02 \
    --kinds street,outcomes --seed 11
run --rc 0 "$PEEL" import gen/police-uk
n=0
for f in gen/police-uk/*/*.csv; do
    name=$(basename "$f")
    want=$(sha256sum "$f" | cut -d' ' -f1)
    got=$(sql "SELECT sha256 FROM source_file WHERE name = '$name'")
    check_eq "sha256 of $name" "$want" "$got"
    n=$((n + 1))
done
check_eq "files checked" 4 "$n"

section "the same files from a zip archive, read in place"
(cd gen/police-uk && zip -qr ../../months.zip .)
export PEEL_DB="$WORK/zip.db"
run --rc 0 "$PEEL" import months.zip
while read -r member; do
    name=$(basename "$member")
    want=$(unzip -p months.zip "$member" | sha256sum | cut -d' ' -f1)
    check_eq "sha256 of $member in the archive" "$want" \
        "$(sql "SELECT sha256 FROM source_file WHERE name = '$name'")"
done < <(unzip -Z1 months.zip | grep '\.csv$')
check_ne "the archive's own hash is not what is recorded" \
    "$(sha256sum months.zip | cut -d' ' -f1)" \
    "$(sql "SELECT sha256 FROM source_file ORDER BY name LIMIT 1")"

section "the annual report's Sources table shows them"
run --rc 0 "$PEEL" generate --out year --rows 400 --from 2020-04 --to 2022-03 --kinds street,outcomes --seed 5
export PEEL_DB="$WORK/year.db"
run --rc 0 "$PEEL" import year/police-uk
run --rc 0 "$PEEL" report annual --fy 2021-22 --out annual
f=$(ls year/police-uk/2021-06/*-street.csv)
check_contains "the report lists $(basename "$f") with its hash" \
    "$(cat annual/index.html)" "$(sha256sum "$f" | cut -d' ' -f1)"

section "a refused file records no hash"
printf 'not,a,police,file\n1,2,3,4\n' >odd.csv
run "$PEEL" import odd.csv
check_eq "no source_file row for a refused file" 0 \
    "$(sql "SELECT count(*) FROM source_file WHERE name = 'odd.csv'")"

pass
