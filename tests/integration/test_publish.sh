#!/usr/bin/env bash
# test_publish.sh - `peel publish`: a report folder frozen in the store with
# the SHA-256 of each file; publishing it again changes nothing; a different
# report for the same period is refused unless it is a correction that names
# the version it corrects and why; and the store itself refuses to change or
# remove anything published. Then each attack of issue 12: publish takes
# only the files report.json lists, never a symbolic link, only known kinds
# and periods, never a folder holding only report.json, never a blank
# reason; REPLACE and INSERT OR REPLACE are refused like UPDATE and DELETE,
# through the sqlite3 shell, with recursive_triggers off and on; a version
# withdrawn answers 410 Gone and stays listed; bytes changed behind peel's
# back are found by peel verify and never served.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_cmd sqlite3 sha256sum curl

"$PEEL" generate --out "$WORK/data" --from 2022-04 --to 2023-03 --rows 600 --kinds street >/dev/null
"$PEEL" import --quiet "$WORK/data/police-uk"
"$PEEL" plan load "$PEEL_SOURCE_DIR/plans/llr-2024-29.yaml" >/dev/null
# No area lookup is loaded: the rural metrics say so, and the rest is reported
run --rc 0 "$PEEL" metrics --format csv
check_contains "a grouping not yet loaded" "$(out_text | grep ',rural-crime,')" "no data yet: the rural urban areas are not loaded"
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
SOURCE_DATE_EPOCH=1700000999 "$PEEL" report governance --period 2023-03 --out "$WORK/r" --overwrite >/dev/null
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

section "the store refuses to change, remove or replace what is published, whoever asks"
every_row() { sql "SELECT * FROM publication; SELECT publication_id, name, sha256, hex(bytes) FROM publication_file" | sha256sum; }
before=$(every_row)
# the finding's attacks: a page's bytes swapped under its old SHA-256, a
# version re-dated and re-attributed
swap="INSERT OR REPLACE INTO publication_file SELECT publication_id, name, sha256, CAST('<h1>swapped</h1>' AS BLOB) FROM publication_file WHERE name = 'index.html' AND publication_id = 1"
redate="REPLACE INTO publication(id, kind, period, version, sha256, published_at, published_by) SELECT id, kind, period, version, sha256, '2020-01-01T00:00:00Z', 'mallory' FROM publication WHERE version = 1"
# all seven in one sqlite3 shell, which goes on after each error and prints it
for pragma in OFF ON; do
    refusals=$(printf '%s;\n' "PRAGMA recursive_triggers = $pragma" "$swap" "$redate" \
        "${swap/INSERT OR REPLACE/REPLACE}" "UPDATE publication SET reason = 'rewritten'" \
        "DELETE FROM publication" "UPDATE publication_file SET bytes = x'00'" \
        "DELETE FROM publication_file" | sqlite3 "$PEEL_DB" 2>&1 || true)
    check_eq "INSERT OR REPLACE, REPLACE INTO (twice), UPDATE (twice), DELETE (twice), recursive_triggers $pragma: refused" \
        "7" "$(grep -c ': a published report \(never changes\|is never removed\|is never replaced\)' <<<"$refusals")"
done
check_eq "nothing changed" "$before" "$(every_row)"
# without migration 9's trigger, the swap goes through: the check above is no formality
cp "$PEEL_DB" "$WORK/unguarded.db"
sqlite3 "$WORK/unguarded.db" "DROP TRIGGER publication_file_not_replaced; $swap"
check_eq "unguarded, the bytes are swapped under the old hash" "<h1>swapped</h1>" \
    "$(sql "$WORK/unguarded.db" "SELECT CAST(bytes AS TEXT) FROM publication_file WHERE name = 'index.html' AND publication_id = 1")"
run --rc 0 "$PEEL" verify
check_contains "peel verify: all well" "$(cat "$OUT")" "no problems found"

section "publish takes only what is meant (every case: tests/unit/test_report_folder.c)"
# a link to /etc/passwd beside the report, and a file it does not list
ln -s /etc/passwd "$WORK/r/passwd.txt"
echo "not part of the report" >"$WORK/r/notes.txt"
run --rc 0 "$PEEL" publish "$WORK/r"
check_contains "what it does not list changes nothing" "$(cat "$OUT")" "already published, identical, as version 2"
check_eq "only report.json's files are published" "index.html report.json report.pdf tables.xlsx" \
    "$(sql "SELECT group_concat(name, ' ') FROM publication_file WHERE publication_id = 2")"
attack() { # NAME: a copy of the report folder, to spoil
    rm -rf "$WORK/$1" && cp -r "$WORK/r" "$WORK/$1" && rm -f "$WORK/$1/passwd.txt"
}
attack link && rm "$WORK/link/index.html" && ln -s /etc/passwd "$WORK/link/index.html"
run --rc 2 "$PEEL" publish "$WORK/link"
check_contains "a listed file that is a symbolic link" "$(cat "$ERR")" "link/index.html: a symbolic link: refused"
attack kind && sed -i 's|"kind": "governance"|"kind": "../../etc"|; s|"period": "2023-03"|"period": "2022-10<script>"|' "$WORK/kind/report.json"
run --rc 2 "$PEEL" publish "$WORK/kind"
check_contains "a kind Peel does not write" "$(cat "$ERR")" "kind '../../etc' is not a report Peel writes"
mkdir -p "$WORK/bare" && printf '{"kind": "governance", "period": "2023-03", "files": [{"name": "report.json"}]}' >"$WORK/bare/report.json"
run --rc 2 "$PEEL" publish "$WORK/bare"
check_contains "a folder holding only report.json" "$(cat "$ERR")" "bare/report.json: lists no files: nothing to publish"
run --rc 2 "$PEEL" publish "$WORK/r" --corrects 1 --reason "   "
check_contains "a blank reason" "$(cat "$ERR")" "--reason is blank: a correction says why"
check_eq "none of these was stored" "2" "$(sql "SELECT count(*) FROM publication")"

section "a withdrawal: the record stays, the bytes leave the site"
run --rc 2 "$PEEL" publish --withdraw governance/2023-03/v1 --reason " "
check_contains "a withdrawal says why" "$(cat "$ERR")" "--reason is blank: a withdrawal says why"
run --rc 0 "$PEEL" publish --withdraw governance/2023-03/v1 --reason "Named a victim <b>on page 4</b>"
check_contains "withdrawn" "$(cat "$OUT")" "governance 2023-03 version 1 withdrawn"
check_eq "the record stays" "2|4" "$(sql "SELECT (SELECT count(*) FROM publication), (SELECT count(*) FROM publication_file WHERE publication_id = 1)")"
if sqlite3 "$PEEL_DB" "DELETE FROM publication_withdrawal" 2>/dev/null; then fail "a withdrawal was removed"; fi
start_server
code=$(curl -s -o "$WORK/gone.html" -w '%{http_code}' "$BASE/reports/governance/2023-03/v1/index.html")
check_eq "a withdrawn version's file" "410" "$code"
check_contains "says when and why, escaped" "$(cat "$WORK/gone.html")" "Why: Named a victim &lt;b&gt;on page 4&lt;/b&gt;"
archive=$(curl -s "$BASE/reports")
check_contains "the archive lists it, withdrawn" "$archive" "governance report, 2023-03, version 1 (withdrawn)"
check_not_contains "and no longer links its files" "$archive" 'href="/reports/governance/2023-03/v1/'
curl -s -o "$WORK/v2.pdf" "$BASE/reports/governance/2023-03/v2/report.pdf"
check_files_eq "the correction is served byte for byte" "$WORK/r/report.pdf" "$WORK/v2.pdf"
# streamed from the store a part at a time, with its length known in advance
pdf="$BASE/reports/governance/2023-03/v2/report.pdf"
size=$(stat -c %s "$WORK/r/report.pdf")
etag="\"$(sha256sum <"$WORK/r/report.pdf" | cut -c1-64)\""
head=$(curl -s -D - -o /dev/null "$pdf" | tr -d '\r')
check_contains "Content-Length: the file's size" "$head" "Content-Length: $size"
check_contains "ETag: its SHA-256" "$head" "ETag: $etag"
check_contains "Peel's headers on a file too" "$head" "X-Content-Type-Options: nosniff"
check_eq "HEAD: the headers and no body" "200 0" "$(curl -s -I -o /dev/null -w '%{http_code} %{size_download}' "$pdf")"
check_eq "If-None-Match: 304, no body" "304 0" \
    "$(curl -s -H "If-None-Match: $etag" -o /dev/null -w '%{http_code} %{size_download}' "$pdf")"
# a byte changed behind peel's back: never served under its old ETag, and named by peel verify
sqlite3 "$PEEL_DB" "DROP TRIGGER publication_file_kept; UPDATE publication_file SET bytes = CAST('%PDF-evil' AS BLOB) WHERE name = 'report.pdf' AND publication_id = 2"
check_eq "the changed file is not served" "500" "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/reports/governance/2023-03/v2/report.pdf")"
run --rc 1 "$PEEL" verify
check_contains "peel verify names it" "$(cat "$OUT")" "sha256: governance/2023-03/v2/report.pdf: the stored bytes have SHA-256 $(printf '%%PDF-evil' | sha256sum | cut -c1-64), not $(sha256sum <"$WORK/r/report.pdf" | cut -c1-64) as recorded"
check_contains "and the trigger dropped" "$(cat "$OUT")" "triggers: trigger publication_file_kept is missing"
check_contains "exit 1 with a count" "$(cat "$ERR")" "peel verify: 2 problems found"
stop_server
pass
