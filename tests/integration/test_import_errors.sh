#!/usr/bin/env bash
# test_import_errors.sh - bad input never stops an import, and nothing is lost:
#   * a folder holding one good street CSV (CRLF) next to a CSV with an unknown
#     header, an empty file and a corrupt .zip: exit 2, stderr names every bad
#     file, the good file's rows are stored and listed in the summary;
#   * an explicit path that does not exist: exit 2, named on stderr, the other
#     paths imported;
#   * a street file with bad rows (wrong column count, months 2021-13 and
#     Jan-2021, non-numeric longitude, latitude without longitude, empty Crime
#     type, an unterminated quote at the end): each bad row is quarantined with
#     its physical line number and the field at fault, `raw` is the line's text
#     byte for byte, good rows (including one with a quoted comma and one with
#     a quoted line break) are stored, and the summary (table, csv, json)
#     counts match the database;
#   * re-importing the file with bad rows changes nothing (no duplicate
#     quarantine rows);
#   * a --db file that is not a database: exit 1, the file left alone;
#   * `peel quarantine`, which the summary's note points to, lists the
#     quarantined rows with file, line, field, reason and the row as it was.
source "$(dirname "$0")/lib.sh"
require_cmd sqlite3 python3

HEADER='Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context'
LP='Leicestershire Police,Leicestershire Police'
ID1=1111111111111111111111111111111111111111111111111111111111111111
ID2=2222222222222222222222222222222222222222222222222222222222222222

# ---------------------------------------------------------------------------
section "a folder with one good file and three (four when not root) unreadable ones"
mkdir mixed
# The good file: header and 3 rows, CRLF, as data.police.uk publishes.
printf '%s\r\n' "$HEADER" \
    "$ID1,2021-01,$LP,-1.133000,52.634000,On or near High Street,E01025631,Leicester 001A,Burglary,Under investigation," \
    ",2021-01,$LP,-1.140000,52.640000,On or near Park,E01025632,Leicester 001B,Anti-social behaviour,," \
    "$ID2,2021-01,$LP,,,No location,,,Shoplifting,Offender given a caution," \
    >mixed/2021-01-leicestershire-street.csv
# A CSV whose header is not a police.uk one.
printf 'foo,bar\r\n1,2\r\n' >mixed/unknown-header.csv
# An empty file.
: >mixed/empty.csv
# A "zip" that is not one (tests run as root, where chmod 000 does not stop
# reading, so a corrupt archive stands for an unreadable file).
printf 'PK\003\004garbage' >mixed/broken.zip
bad_files=(broken.zip empty.csv unknown-header.csv)
# When not root, a file without read permission too.
if [[ $(id -u) != 0 ]]; then
    printf '%s\r\n' "$HEADER" >mixed/unreadable.csv
    chmod 000 mixed/unreadable.csv
    bad_files+=(unreadable.csv)
fi

run "$PEEL" import --format csv mixed
check_eq "exit status with unreadable files" 2 "$RC"
errors=$(cat "$ERR")
for bad in "${bad_files[@]}"; do
    check_contains "stderr names $bad" "$errors" "$bad"
done
check_not_contains "the good file is not reported as an error" "$errors" \
    "2021-01-leicestershire-street.csv"
check_eq "crimes stored from the good file" 3 "$(sql "SELECT count(*) FROM crime")"
check_eq "the good file's slice" "leicestershire-street-2021-01-3" \
    "$(sql "SELECT f.slug || '-' || s.kind || '-' || printf('%04d-%02d', s.month / 12, s.month % 12 + 1) || '-' || s.rows
            FROM slice s JOIN force f ON f.id = s.force_id")"
check_eq "source files recorded" "2021-01-leicestershire-street.csv" \
    "$(sql "SELECT group_concat(name) FROM source_file")"
# The summary lists the good file and a total counting that one file.
expected_summary='file,kind,force,months,rows_stored,rows_quarantined
2021-01-leicestershire-street.csv,street,Leicestershire Police,2021-01,3,0
total (1 files),,,,3,0'
check_eq "csv summary" "$expected_summary" "$(out_text)"

# The published columns come back exactly (street_row view).
printf '%s\n' \
    "$ID1|2021-01|Leicestershire Police|Leicestershire Police|-1.133000|52.634000|On or near High Street|E01025631|Leicester 001A|Burglary|Under investigation|" \
    "|2021-01|Leicestershire Police|Leicestershire Police|-1.140000|52.640000|On or near Park|E01025632|Leicester 001B|Anti-social behaviour||" \
    "$ID2|2021-01|Leicestershire Police|Leicestershire Police|||No location|||Shoplifting|Offender given a caution|" \
    >expected_rows
sql "SELECT \"Crime ID\", \"Month\", \"Reported by\", \"Falls within\", \"Longitude\", \"Latitude\",
            \"Location\", \"LSOA code\", \"LSOA name\", \"Crime type\", \"Last outcome category\", \"Context\"
     FROM street_row ORDER BY line" >actual_rows
check_files_eq "street_row reproduces the 3 published rows" expected_rows actual_rows

# ---------------------------------------------------------------------------
section "an explicit path that does not exist"
rm -f "$PEEL_DB"*
run "$PEEL" import --format csv does-not-exist.csv mixed/2021-01-leicestershire-street.csv
check_eq "exit status" 2 "$RC"
check_contains "stderr names the missing path" "$(cat "$ERR")" "does-not-exist.csv"
check_eq "crimes stored from the other path" 3 "$(sql "SELECT count(*) FROM crime")"
check_eq "csv summary: the one file imported" "$expected_summary" "$(out_text)"
rm -f "$PEEL_DB"*
run "$PEEL" import --quiet does-not-exist.csv mixed/2021-01-leicestershire-street.csv
check_eq "exit status with --quiet" 2 "$RC"
check_eq "--quiet prints nothing on stdout" "" "$(cat "$OUT")"
check_contains "--quiet still prints the error" "$(cat "$ERR")" "does-not-exist.csv"

# ---------------------------------------------------------------------------
section "bad rows are quarantined verbatim, good rows stored"
rm -f "$PEEL_DB"*
mkdir bad
BADFILE=bad/2021-02-leicestershire-street.csv
A="On or near A,E01025631,Leicester 001A"
{
    printf '%s\r\n' "$HEADER" \
        "c01,2021-02,$LP,-1.1,52.6,$A,Burglary,Under investigation," \
        "c03,2021-02,$LP,-1.1,52.6,$A,Burglary,Under investigation" \
        "c04,2021-13,$LP,-1.1,52.6,$A,Burglary,Under investigation," \
        "c05,Jan-2021,$LP,-1.1,52.6,$A,Burglary,Under investigation," \
        "c06,2021-02,$LP,abc,52.6,$A,Burglary,Under investigation," \
        "c07,2021-02,$LP,,52.6,$A,Burglary,Under investigation," \
        "c08,2021-02,$LP,-1.1,52.6,$A,,Under investigation," \
        "c09,2021-02,$LP,-1.1,52.6,\"On or near, quoted\",E01025631,Leicester 001A,Burglary,Under investigation,"
    # line 10-11: one record whose Context holds a line break
    printf '%s\r\n' "c10,2021-02,$LP,-1.1,52.6,$A,Burglary,Under investigation,\"two" 'lines"'
    # line 12: an unterminated quote, at the very end of the file (no line end)
    printf '%s' "c12,2021-02,$LP,-1.1,52.6,\"On or near B,E01025631,Leicester 001A,Burglary,Under investigation,"
} >"$BADFILE"

run --rc 0 "$PEEL" import --format csv bad
expected_summary='file,kind,force,months,rows_stored,rows_quarantined
2021-02-leicestershire-street.csv,street,Leicestershire Police,2021-02,3,7
total (1 files),,,,3,7'
check_eq "csv summary counts" "$expected_summary" "$(out_text)"
check_eq "crimes stored" 3 "$(sql "SELECT count(*) FROM crime")"
check_eq "rows in quarantine" 7 "$(sql "SELECT count(*) FROM quarantine")"
check_eq "stored rows are lines 2, 9, 10" "2,9,10" \
    "$(sql "SELECT group_concat(line) FROM (SELECT id & 4294967295 AS line FROM crime ORDER BY line)")"
check_eq "quoted comma kept" "On or near, quoted" \
    "$(sql "SELECT \"Location\" FROM street_row WHERE \"Crime ID\" = 'c09'")"
check_eq "quoted line break kept" "two"$'\r\n'"lines" \
    "$(sql "SELECT \"Context\" FROM street_row WHERE \"Crime ID\" = 'c10'")"
check_eq "slice rows for 2021-02" 3 "$(sql "SELECT rows FROM slice WHERE kind = 'street'")"
check_eq "source_file counts" "3|7" \
    "$(sql "SELECT rows_stored, rows_quarantined FROM source_file WHERE name = '2021-02-leicestershire-street.csv'")"
check_eq "quarantine rows point at the file" 7 \
    "$(sql "SELECT count(*) FROM quarantine q JOIN source_file f ON f.id = q.file_id
            WHERE f.name = '2021-02-leicestershire-street.csv'")"

# line|field|a word the reason must contain
expect_quarantine() {
    local line=$1 field=$2 word=$3
    local got
    got=$(sql "SELECT coalesce(field, '') || '|' || reason FROM quarantine WHERE line = $line")
    [[ -n "$got" ]] || fail "line $line is not in quarantine"
    check_eq "line $line field" "$field" "${got%%|*}"
    check_contains "line $line reason" "${got#*|}" "$word"
}
expect_quarantine 3 "" "column"                  # 11 fields, not 12
expect_quarantine 4 "Month" "2021-13"
expect_quarantine 5 "Month" "Jan-2021"
expect_quarantine 6 "Longitude" "abc"
expect_quarantine 7 "Longitude" "empty"          # latitude given, longitude empty
expect_quarantine 8 "Crime type" "empty"
expect_quarantine 12 "" "quote"

# raw must be the line exactly as in the file, without its line end.
python3 - "$BADFILE" <<'EOF'
import sys
data = open(sys.argv[1], "rb").read()
lines = data.split(b"\r\n")
for n in (3, 4, 5, 6, 7, 8, 12):
    open("expected_raw_%d" % n, "wb").write(lines[n - 1])
EOF
sql "SELECT writefile('actual_raw_' || line, raw) FROM quarantine" >/dev/null
for n in 3 4 5 6 7 8 12; do
    check_files_eq "raw of line $n is the original text byte for byte" \
        "expected_raw_$n" "actual_raw_$n"
done

section "the summary in every format agrees"
before=$(fingerprint)
run --rc 0 "$PEEL" import --format json bad
python3 - "$OUT" <<'EOF' || fail "json summary wrong: $(cat "$OUT")"
import json, sys
rows = json.load(open(sys.argv[1]))
assert len(rows) == 2, rows
f, t = rows
assert f["file"] == "2021-02-leicestershire-street.csv", f
assert (f["kind"], f["force"], f["months"]) == ("street", "Leicestershire Police", "2021-02"), f
assert (f["rows_stored"], f["rows_quarantined"]) == (3, 7), f
assert (t["rows_stored"], t["rows_quarantined"]) == (3, 7), t
EOF
pass "json summary: 3 stored, 7 quarantined"
run --rc 0 "$PEEL" import bad
table=$(cat "$OUT")
check_contains "table summary row" "$table" "2021-02-leicestershire-street.csv"
if grep -qE '^2021-02-leicestershire-street\.csv +street +Leicestershire Police +2021-02 +3 +7 *$' <<<"$table"; then
    pass "table summary: 3 stored, 7 quarantined"
else
    fail "table summary row wrong:"$'\n'"$table"
fi

section "re-importing the same file changes nothing"
check_eq "fingerprint after two more imports" "$before" "$(fingerprint)"
check_eq "rows in quarantine" 7 "$(sql "SELECT count(*) FROM quarantine")"

section "a --db that is not a database: exit 1, file untouched"
printf 'not a database\n' >notdb.db
cp notdb.db notdb.orig
run "$PEEL" --db notdb.db import mixed/2021-01-leicestershire-street.csv
check_eq "exit status" 1 "$RC"
check_contains "says what is wrong" "$(cat "$ERR")" "not a database"
check_files_eq "the file is unchanged" notdb.orig notdb.db

section "peel quarantine lists what the import kept aside"
# The note under the summary tells the user how to list quarantined rows.
check_contains "the summary's note names the command" "$table" "peel quarantine"
run --rc 0 "$PEEL" quarantine --format csv
python3 - "$OUT" "$BADFILE" <<'EOF' || fail "peel quarantine --format csv is wrong: $(cat "$OUT")"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
lines = open(sys.argv[2], "rb").read().decode("utf-8").split("\r\n")
want = {3: "", 4: "Month", 5: "Month", 6: "Longitude", 7: "Longitude", 8: "Crime type", 12: ""}
got = {int(r["line"]): r for r in rows}
assert sorted(got) == sorted(want), "lines listed: %s" % sorted(got)
for n, field in want.items():
    r = got[n]
    assert r["file"] == "2021-02-leicestershire-street.csv", r
    assert r["field"] == field, (n, r)
    assert r["reason"], r
    assert r["row"] == lines[n - 1], (n, r["row"], lines[n - 1])
print("  ok: 7 rows listed, with file, line, field, reason and the row as it was")
EOF
run --rc 0 "$PEEL" quarantine --file 2021-02-leicestershire-street.csv --format csv
check_eq "--file 2021-02-leicestershire-street.csv: header and 7 rows" 8 "$(out_text | wc -l)"
run --rc 0 "$PEEL" quarantine --file 2021-01-leicestershire-street.csv --format csv
check_eq "--file of a file with no quarantined rows: header only" 1 "$(out_text | wc -l)"

echo
echo "PASS $TEST_NAME"
