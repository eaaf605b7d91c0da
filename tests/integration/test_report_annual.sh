#!/usr/bin/env bash
# test_report_annual.sh - `peel report annual`: the annual report's crime
# statistics as index.html, tables.xlsx and report.json.
#
# On synthetic data (peel generate), check_annual.py checks that the page's
# table equals `peel stats --fy --format csv` cell by cell, that every line
# has its sentence and that it says signal exactly when the p-value is below
# 0.05, that the districts' counts and rates equal `peel stats --group-by
# district`, and that the workbook's first sheet holds the same cells. Then:
# two runs are byte-identical, the folder publishes as kind "annual", a year
# with no data (or none before it) is a clear error, and hostile crime-type
# and area names come out escaped in the page and the workbook. With the
# synthetic commissioned services and a grants-received table loaded, the
# Commissioning and Grants tables' totals in the workbook are the registers'.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_cmd python3
require_cmd pdftotext pdfinfo
CHECK="$PEEL_SOURCE_DIR/tests/integration/check_annual.py"
export SOURCE_DATE_EPOCH=1700000000

# check_report DIR FY FROM TO [STATS OPTIONS...]: DIR against peel stats
check_report() {
    local dir=$1 fy=$2 from=$3 to=$4
    shift 4
    "$PEEL" stats --fy "$fy" "$@" --format csv >"$WORK/fy.csv"
    "$PEEL" stats --group-by district --from "$from" --to "$to" --exclude-asb --format csv \
        >"$WORK/districts.csv"
    python3 "$CHECK" "$dir" "$WORK/fy.csv" "$WORK/districts.csv" ||
        fail "check_annual.py: $dir does not match peel stats"
    pass "$dir matches peel stats --fy $fy and the districts"
}

section "synthetic data, 2021-22"
demo_store
# The Commissioning and Grants sections' data: the synthetic services (their
# annual values add up to seed 004's £4,618,394) with their returns, and a
# synthetic grants-received table for the year; no Safety Fund round.
peel_ok services sample "$WORK/services.csv" "$WORK/returns.csv" >/dev/null
run --rc 0 "$PEEL" services import "$WORK/services.csv"
check_contains "the services' stated total checked" "$(out_text)" \
    "8 services, 8 published, 0 unchanged; annual values £4,618,394.00 in all, as stated"
peel_ok services import --returns "$WORK/returns.csv" >/dev/null
peel_ok grants-received sample "$WORK/grants.csv" --fy 2021-22 >/dev/null
peel_ok grants-received import "$WORK/grants.csv" --fy 2021-22 >/dev/null
run --rc 0 "$PEEL" report annual --fy 2021-22 --out "$WORK/annual"
check_contains "one line: path and summary" "$(cat "$OUT")" \
    "$WORK/annual/index.html: annual crime statistics for 2021-22 against 2020-21:"
check_eq "the folder" "index.html report.json report.pdf tables.xlsx" \
    "$(ls -A "$WORK/annual" | tr '\n' ' ' | sed 's/ $//')"
check_report "$WORK/annual" 2021-22 2021-04 2022-03
page=$(cat "$WORK/annual/index.html")
check_plain_english "$WORK/annual/index.html"
check_contains "self-contained: styles inline" "$page" "<style>"
check_contains "the shared print stylesheet: A4" "$page" "@page{size:A4"
check_not_contains "no external style sheet" "$page" "<link"
check_eq "no scripts" "0" "$(grep -ci '<script' <<<"$page" || true)"
check_contains "which categories and why" "$page" \
    "Home Office offence groups, made from police.uk crime types (the Home Office tables were not used: none are loaded"
check_contains "the generated time honours SOURCE_DATE_EPOCH" "$page" "<dt>Generated</dt><dd>2023-11-14 22:13 UTC</dd>"
check_contains "the force by name" "$page" "<h1>Recorded crime in Leicestershire Police, 2021-22</h1>"
check_contains "a source file, with when it was imported" "$page" "2021-04-leicestershire-street.csv</th>"
check_contains "the method" "$page" "the conditional binomial test"
check_contains "the total's positive outcome rate, compared" "$page" "two-proportion z-test"

check_contains "the map, inline, with its text alternative" "$page" '<figure id="map">'
check_contains "the map is an image with a title" "$page" 'role="img"'
check_contains "the map's data table" "$page" '<table id="map-table">'

section "the PDF"
pdftotext "$WORK/annual/report.pdf" "$WORK/annual.txt"
text=$(tr '\n' ' ' <"$WORK/annual.txt")
for h in "Contents" "Summary" "Recorded crime by offence group" "Is each change real?" \
    "Positive outcome rate" "Crime per 1,000 residents by area" "Sources" "Methods"; do
    check_contains "the PDF has $h" "$text" "$h"
done
check_contains "page numbers" "$text" "Page 1 of"
check_eq "every page says the data is synthetic" "$(pdfinfo "$WORK/annual/report.pdf" | awk '/^Pages:/ {print $2}')" \
    "$(grep -c "Synthetic demonstration data: the crimes, places" "$WORK/annual.txt")"
check_contains "the positive outcome rate's method" "$text" "have no outcome yet and are left out"
total=$(python3 - "$WORK/annual/index.html" <<'PY'
import html, re, sys
page = open(sys.argv[1]).read()
m = re.search(r'data-category="Total recorded crime[^"]*"><span class="verdict">[^<]*</span> ([^<]*?\.)', page)
print(html.unescape(m.group(1)).split(" That is")[0] if m else "")
PY
)
[[ -n "$total" ]] || fail "no sentence for the total"
check_contains "the total's sentence, as on the page" "$(tr -s ' ' <<<"$text")" "$total"

section "police.uk categories"
run --rc 0 "$PEEL" report annual --fy 2022-23 --categories police-uk --out "$WORK/policeuk"
check_report "$WORK/policeuk" 2022-23 2022-04 2023-03 --categories police-uk
check_contains "says so" "$(cat "$WORK/policeuk/index.html")" "the 14 police.uk crime types"

section "the Commissioning and Grants tables: their totals are the registers', as numbers"
page=$(cat "$WORK/annual/index.html")
check_contains "the commissioning table" "$page" '<table id="commissioning-table">'
check_contains "no Safety Fund round in the year, said plainly" "$page" \
    "No Safety Fund award is published for a round of 2021-22."
check_contains "nor an application, said plainly" "$page" \
    "No application to the Safety Fund was sent to a published round of 2021-22."
"$PEEL" services list --format csv >"$WORK/services-list.csv"
"$PEEL" grants-received list --fy 2021-22 --format csv >"$WORK/received.csv"
check_eq "each sheet's rows add up to its total row and to its register" "ok" \
    "$(python3 - "$WORK/annual/tables.xlsx" "$WORK/services-list.csv" "$WORK/received.csv" <<'PY'
import csv, re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
shared = ["".join(re.findall(r"<t[^>]*>([^<]*)</t>", si)) for si in
          re.findall(r"<si>(.*?)</si>", z.read("xl/sharedStrings.xml").decode(), re.S)]
names = re.findall(r'<sheet name="([^"]*)"', z.read("xl/workbook.xml").decode())
def pence(text):
    return round(float(text.replace("£", "").replace(",", "")) * 100)
def sheet(name, column):
    xml = z.read(f"xl/worksheets/sheet{names.index(name) + 1}.xml").decode()
    rows = []
    for cells in re.findall(r'<row r="\d+"[^>]*>(.*?)</row>', xml, re.S):
        row = {c: shared[int(v)] if 't="s"' in a else v for c, a, v in
               re.findall(r'<c r="([A-Z]+)\d+"([^>]*)>(?:<v>([^<]*)</v>)?', cells)}
        rows.append(row)
    assert not any((r.get(column) or "").startswith("£") for r in rows), "money as text"
    money = [r[column] for r in rows[1:] if re.fullmatch(r"-?[0-9.]+", r.get(column) or "")]
    return [pence(v) for v in money[:-1]], pence(money[-1])
def register(path, column):
    return sum(pence(r[column]) for r in csv.DictReader(open(path)))
lines, total = sheet("Commissioning", "C")
assert sum(lines) == total == register(sys.argv[2], "annual_value") == 461839400, (lines, total)
lines, total = sheet("Grants received", "D")
assert sum(lines) == total == register(sys.argv[3], "amount"), (lines, total)
print("ok")
PY
)"

section "the same store gives the same files"
run --rc 0 "$PEEL" report annual --fy 2021-22 --out "$WORK/again"
for f in index.html tables.xlsx report.json report.pdf; do
    check_files_eq "$f byte for byte" "$WORK/annual/$f" "$WORK/again/$f"
done

section "the workbook's charts"
# native Excel column charts of the two years: crimes by group (the lines in
# the total, stopping above the total's row), positive outcome rates, rates
# per 1,000 by district
check_eq "three charts, the crimes' without the total" "ok" "$(python3 - "$WORK/annual/tables.xlsx" <<'PY'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
strings = re.findall(r"<si><t[^>]*>([^<]*)</t></si>", z.read("xl/sharedStrings.xml").decode())
total = strings.index("Total recorded crime (excluding anti-social behaviour)")
sheet = z.read("xl/worksheets/sheet1.xml").decode()
row = int(re.search(r'<c r="A(\d+)" [^>]*t="s"[^>]*><v>%d</v>' % total, sheet).group(1))
charts = sorted(n for n in z.namelist() if n.startswith("xl/charts/chart"))
first = z.read(charts[0]).decode()
refs = re.findall(r"<c:f>([^<]*)</c:f>", first)
want = [f"'Recorded crime'!$B$4:$B${row - 1}", f"'Recorded crime'!$C$4:$C${row - 1}"]
if len(charts) != 3 or "<c:barChart>" not in first or not all(w in refs for w in want):
    print(charts, refs, want)
else:
    print("ok")
PY
)"

section "report.json and peel publish"
check_eq "report.json" "annual 2021-22 2020-21 home-office police-uk" "$(python3 - "$WORK/annual/report.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
print(m["kind"], m["period"], m["compared_with"], m["categories"], m["source"])
PY
)"
run --rc 0 "$PEEL" publish "$WORK/annual"
check_contains "published as annual 2021-22" "$(cat "$OUT")" "annual 2021-22"
run --rc 0 "$PEEL" publish --list
check_contains "listed" "$(cat "$OUT")" "annual"

section "errors"
run --rc 1 "$PEEL" report annual --fy 2030-31 --out "$WORK/none"
check_contains "a year with no data" "$(cat "$ERR")" \
    "no police.uk street data for any month of 2030-31, so there is no year to report"
[[ ! -e "$WORK/none" ]] || fail "no folder is made for a report that cannot be written"
run --rc 1 "$PEEL" report annual --fy 2019-20 --out "$WORK/none"
check_contains "a year with nothing before it" "$(cat "$ERR")" \
    "no police.uk street data for any month of 2018-19, so there is no previous year to compare it with"
run --rc 2 "$PEEL" report annual --out "$WORK/x"
check_contains "--fy is needed" "$(cat "$ERR")" "give --fy YYYY-YY"
run --rc 2 "$PEEL" report annual --fy 2021 --out "$WORK/x"
check_contains "--fy is a financial year" "$(cat "$ERR")" "--fy must be a financial year such as 2021-22"
run --rc 2 "$PEEL" report annual --fy 2021-22
check_contains "--out is needed" "$(cat "$ERR")" "give --out DIR"
run --rc 1 "$PEEL" report annual --fy 2021-22 --out "$WORK/annual"
check_contains "a non-empty folder is refused" "$(cat "$ERR")" "annual is not empty"
run --rc 1 "$PEEL" report annual --fy 2021-22 --source prc --out "$WORK/prc"
check_contains "--source prc without the tables" "$(cat "$ERR")" \
    "--source prc: the Home Office tables cannot make this table: none are loaded"

section "hostile crime-type and area names are escaped"
S='<script>alert(1)</script>'
I='<img src=x onerror=alert(1)>'
export PEEL_DB="$WORK/hostile.db"
H='Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context'
n=0
# street MONTH LSOA-NAME TYPE: one row of street data, quoted as police.uk quotes
street() {
    n=$((n + 1))
    printf '%064x,%s,Leicestershire Police,Leicestershire Police,-1.133000,52.634000,On or near X,E0102563%d,"%s","%s",Offender given a caution,\r\n' \
        "$n" "$1" "$((n % 2))" "$2" "$3"
}
for m in 2020-05 2021-05; do
    mkdir -p "$WORK/hostile/$m"
    {
        printf '%s\r\n' "$H"
        street "$m" "$I 001A" "$S"
        street "$m" "$I 001A" "$S"
        street "$m" 'Quote ""x"" & co 002B' 'Theft, ""odd"" & co'
        street "$m" 'Quote ""x"" & co 002B' Burglary
    } >"$WORK/hostile/$m/$m-leicestershire-street.csv"
done
"$PEEL" import --quiet "$WORK/hostile"
run --rc 0 "$PEEL" report annual --fy 2021-22 --categories police-uk --out "$WORK/hostile-report"
check_report "$WORK/hostile-report" 2021-22 2021-04 2022-03 --categories police-uk
page=$(cat "$WORK/hostile-report/index.html")
check_not_contains "no raw script element" "$page" "$S"
check_not_contains "no raw img element" "$page" "<img"
check_contains "the crime type, escaped" "$page" "&lt;script&gt;alert(1)&lt;/script&gt;"
check_contains "the district, escaped" "$page" "<th scope=\"row\">&lt;img src=x onerror=alert(1)&gt;</th>"
check_contains "quotes and ampersands, escaped" "$page" "Theft, &quot;odd&quot; &amp; co"
check_contains "small counts are said to be small" "$page" "With so few (2 in the two years), only a large change could be told from chance."
check_eq "the workbook's text is escaped XML" "ok" "$(python3 - "$WORK/hostile-report/tables.xlsx" <<'PY'
import sys, zipfile
s = zipfile.ZipFile(sys.argv[1]).read("xl/sharedStrings.xml").decode()
print("ok" if "<script" not in s and "<img" not in s and "&lt;script&gt;alert(1)&lt;/script&gt;" in s else s[:300])
PY
)"
run --rc 0 "$PEEL" report annual --fy 2021-22 --out "$WORK/hostile-ho"
check_contains "an unknown type is its own Home Office line" "$(cat "$WORK/hostile-ho/index.html")" \
    "Other (police.uk categories with no Home Office group)"
echo "report_annual: ok"
