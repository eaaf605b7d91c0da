#!/usr/bin/env bash
# test_publish.sh - `peel publish`: a report folder frozen in the store with
# the SHA-256 of each file; publishing it again changes nothing; a different
# report for the same period is refused unless it is a correction that names
# the version it corrects and why; and the store itself refuses to change or
# remove anything published.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_cmd sqlite3 sha256sum

"$PEEL" generate --out "$WORK/data" --from 2022-04 --to 2023-03 --rows 600 --kinds street >/dev/null
"$PEEL" import --quiet "$WORK/data/police-uk"
"$PEEL" plan load "$PEEL_SOURCE_DIR/plans/llr-2024-29.yaml" >/dev/null
# No area lookup is loaded: the rural metrics say so, and the rest is reported
run --rc 0 "$PEEL" metrics --format csv
check_contains "a grouping not yet loaded" "$(out_text | grep ',rural-crime,')" "area grouping 'rural_urban' is not loaded (peel import-areas)"
export SOURCE_DATE_EPOCH=1700000000
"$PEEL" report governance --period 2023-03 --out "$WORK/r" >/dev/null
check_contains "the folder says what it is" "$(cat "$WORK/r/report.json")" '"kind": "governance"'

run --rc 0 "$PEEL" publish "$WORK/r"
check_contains "first version" "$(cat "$OUT")" "governance 2023-03 published as version 1 (4 files"
check_eq "each file stored with its sha256" "$(cd "$WORK/r" && sha256sum index.html | cut -c1-64)" \
    "$(sql "SELECT sha256 FROM publication_file WHERE name = 'index.html'")"
check_eq "the bytes themselves" "$(wc -c <"$WORK/r/tables.xlsx")" \
    "$(sql "SELECT length(bytes) FROM publication_file WHERE name = 'tables.xlsx'")"

run --rc 0 "$PEEL" publish "$WORK/r"
check_contains "the same folder again changes nothing" "$(cat "$OUT")" "already published, identical, as version 1"
check_eq "still one version" "1" "$(sql "SELECT count(*) FROM publication")"

# a different report for the same month: refused, unless a correction
SOURCE_DATE_EPOCH=1700000999 "$PEEL" report governance --period 2023-03 --out "$WORK/r" --force >/dev/null
run --rc 1 "$PEEL" publish "$WORK/r"
check_contains "a changed report is refused" "$(cat "$ERR")" "is already published (version 1) and never changes; publish a correction with --corrects 1 --reason TEXT"
run --rc 2 "$PEEL" publish "$WORK/r" --corrects 1
check_contains "a correction says why" "$(cat "$ERR")" "a correction says why: --reason TEXT"
run --rc 1 "$PEEL" publish "$WORK/r" --corrects 7 --reason "x"
check_contains "only an existing version can be corrected" "$(cat "$ERR")" "has no version 7 to correct"
run --rc 0 "$PEEL" publish "$WORK/r" --corrects 1 --reason "March figures revised"
check_contains "the correction" "$(cat "$OUT")" "published as version 2"
check_eq "it names what it corrects, and why" "1|March figures revised" \
    "$(sql "SELECT c.version, p.reason FROM publication p JOIN publication c ON c.id = p.corrects WHERE p.version = 2")"
run --rc 0 "$PEEL" publish --list --format csv
check_eq "both versions listed, newest first" "2 1" "$(out_text | tail -n +2 | cut -d, -f3 | tr '\n' ' ' | sed 's/ $//')"

# the store refuses to change or remove what is published, whoever asks
before=$(sql "SELECT group_concat(sha256) FROM publication_file")
for stmt in "UPDATE publication SET reason = 'rewritten'" "DELETE FROM publication" \
    "UPDATE publication_file SET bytes = x'00'" "DELETE FROM publication_file"; do
    if sqlite3 "$PEEL_DB" "$stmt" 2>"$WORK/sqlerr"; then fail "the store allowed: $stmt"; fi
    check_contains "refused: $stmt" "$(cat "$WORK/sqlerr")" "a published report"
done
check_eq "nothing changed" "$before" "$(sql "SELECT group_concat(sha256) FROM publication_file")"

mkdir -p "$WORK/empty"
run --rc 2 "$PEEL" publish "$WORK/empty"
check_contains "a folder that is no report" "$(cat "$ERR")" "report.json"
pass
