#!/usr/bin/env bash
# test_report_governance.sh - `peel report governance`: the Corporate
# Governance Board pack as one self-contained HTML page.
#
# On the demo data (lib.sh's demo_store) the page must have its
# sections in order and be well-formed; every metric of `peel metrics`, with
# the same latest value, change, variation, target status and freshness; the
# exceptions of `peel exceptions` in the same order with the same sentences;
# an inline SVG chart with a title for every charted metric and a data table
# for every metric with data (check_governance.py checks all of that). Then a
# plan whose titles are hostile HTML, with targets and loaded values, must
# come out escaped, and the same checks must hold for it.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_cmd python3
CHECK="$PEEL_SOURCE_DIR/tests/integration/check_governance.py"

demo_store

# check_report DIR: the page in DIR against peel metrics and peel exceptions
check_report() {
    "$PEEL" metrics --period 2023-03 --format csv >"$WORK/metrics.csv"
    "$PEEL" exceptions --period 2023-03 --format csv >"$WORK/exceptions.csv"
    python3 "$CHECK" "$1/index.html" "$WORK/metrics.csv" "$WORK/exceptions.csv" ||
        fail "check_governance.py: $1/index.html does not match peel metrics / peel exceptions"
}

section "the demo data, 2023-03"
export SOURCE_DATE_EPOCH=1700000000
start=$(date +%s%N)
run --rc 0 "$PEEL" report governance --period 2023-03 --out "$WORK/board"
ms=$((($(date +%s%N) - start) / 1000000))
pass "report written in $ms ms"
check_eq "one line: path and summary" \
    "$WORK/board/index.html: governance report for 2023-03: 38 metrics (9 with data, 9 charted), 1 exception; as PDF in $WORK/board/report.pdf; its tables in $WORK/board/tables.xlsx" \
    "$(cat "$OUT")"
page=$(cat "$WORK/board/index.html")
check_plain_english "$WORK/board/index.html"
check_report "$WORK/board"
check_contains "self-contained: styles inline" "$page" "<style>"
check_contains "print stylesheet: A4" "$page" "@page{size:A4"
check_contains "a page break before each mission in print" "$page" ".mission,#appendix,#methods{break-before:page}"
check_not_contains "no external style sheet" "$page" "<link"
check_not_contains "no external requests" "$(grep -o 'src="[^"]*"' <<<"$page" || true)" "src="
check_contains "the generated time honours SOURCE_DATE_EPOCH" "$page" "<dt>Generated</dt><dd>2023-11-14 22:13 UTC</dd>"
check_contains "the latest police.uk month" "$page" "2019-04 to 2023-03; latest month 0 months before the report&#39;s month"
check_contains "the plan's statements" "$page" "<dt>What I am aiming to do</dt><dd>I want our businesses to thrive"
check_contains "outcome lag is said" "$page" "the latest 7 months of outcomes, still settling, not judged"
check_contains "the chart's data table" "$page" "Table A.6: Incidences of shoplifting, monthly (Crimes per month)"

section "the tables as a workbook"
# sheets: the exceptions, the framework, then one per metric with data, in
# plan order, named by its title (cut at a word to Excel's 31 bytes; its
# title and id in A1); each metric's last value is the latest of peel
# metrics; the stop-and-search tables follow when searches are held
check_eq "workbook agrees with peel metrics" "ok" "$(python3 - "$WORK/board/tables.xlsx" "$WORK/metrics.csv" <<'PY'
import csv, re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = re.findall(r'<sheet name="([^"]+)"', z.read("xl/workbook.xml").decode())
strings = re.findall(r"<t[^>]*>([^<]*)</t>", z.read("xl/sharedStrings.xml").decode())
rows = [r for r in csv.DictReader(open(sys.argv[2], newline="")) if r["latest"]]
if names[:2] != ["Exceptions", "Performance framework"] or len(names) < len(rows) + 2:
    print("sheets", names); sys.exit()
for k, r in enumerate(rows):
    titles = [m.group(1) for s in strings for m in [re.fullmatch(r"(.*) \(" + re.escape(r["metric"]) + r"\)", s)] if m]
    name = names[k + 2]
    if not titles or not titles[0].startswith(name) or len(name.encode()) > 31 or \
            (name != titles[0] and titles[0][len(name)] != " "):
        print("sheet", name, "for", r["metric"], titles); sys.exit()
    sheet = z.read(f"xl/worksheets/sheet{k + 3}.xml").decode()
    last = re.findall(r'<row r="(\d+)"[^>]*>(.*?)</row>', sheet)
    values = [(int(n), c) for n, c in last if re.search(r'<c r="B\d+"[^>]*><v>', c)]
    n, cells = max(values)
    v = float(re.search(r'<c r="B\d+"[^>]*><v>([^<]*)</v>', cells).group(1))
    if abs(v - float(r["latest"].replace(",", ""))) > 0.051:
        print(r["metric"], v, r["latest"]); sys.exit()
    # the 2-sigma line at full precision: two thirds of the way from the
    # mean (G) to the upper process limit (I); the rebase group (N) a count
    num = lambda col: float(re.search(r'<c r="' + col + r'\d+"[^>]*><v>([^<]*)</v>', cells).group(1))
    mean, upl, up2 = num("G"), num("I"), num("K")
    if abs(up2 - (mean + 2 * (upl - mean) / 3)) > 1e-9 * max(1, abs(upl)) or num("N") < 1:
        print(r["metric"], "2-sigma", mean, upl, up2); sys.exit()
for h in ("Lower 2 sigma", "Upper 2 sigma", "Rebase group"):
    if h not in strings:
        print("no heading", h); sys.exit()
print("ok")
PY
)"

section "the same month gives the same page"
run --rc 0 "$PEEL" report governance --period 2023-03 --out "$WORK/board2"
check_files_eq "byte for byte" "$WORK/board/index.html" "$WORK/board2/index.html"

section "the output folder"
run --rc 1 "$PEEL" report governance --period 2023-03 --out "$WORK/board"
check_contains "a non-empty folder is refused" "$(cat "$ERR")" "board is not empty (--overwrite writes the report into it all the same)"
run --rc 0 "$PEEL" report governance --period 2023-03 --out "$WORK/board" --overwrite
# --force, the old name, still overwrites, and says it is deprecated
run --rc 0 "$PEEL" report governance --period 2023-03 --out "$WORK/board" --force
check_contains "--force is a deprecated --overwrite" "$(cat "$ERR")" "--force is deprecated here; say --overwrite"
check_eq "--force replaces the report, and nothing else is left" "index.html report.json report.pdf tables.xlsx" "$(ls -A "$WORK/board" | tr '\n' ' ' | sed 's/ $//')"
run --rc 0 "$PEEL" report governance --period 2023-03 --out "$WORK/a/b/c"
check_eq "parent folders are made" "index.html report.json report.pdf tables.xlsx" "$(ls -A "$WORK/a/b/c" | tr '\n' ' ' | sed 's/ $//')"
touch "$WORK/file"
run --rc 1 "$PEEL" report governance --period 2023-03 --out "$WORK/file"
check_contains "a file is not a folder" "$(cat "$ERR")" "file: Not a directory"
run --rc 2 "$PEEL" report governance --out "$WORK/x"
check_contains "--period is needed" "$(cat "$ERR")" "give --period YYYY-MM"
run --rc 2 "$PEEL" report governance --period 2023-3 --out "$WORK/x"
check_contains "--period is a month" "$(cat "$ERR")" "--period must be a month, YYYY-MM"
run --rc 2 "$PEEL" report governance --period 2023-03
check_contains "--out is needed" "$(cat "$ERR")" "give --out DIR"
run --rc 2 "$PEEL" report yearly --fy 2021-22
check_contains "an unknown report" "$(cat "$ERR")" "no report 'yearly' (reports: governance, annual, public, complaints)"
run --rc 2 "$PEEL" report
check_contains "a report must be named" "$(cat "$ERR")" "give the report to write: governance, annual, public or complaints"
run --rc 1 "$PEEL" report governance --period 2023-03 --out "$WORK/y" --plan no-such-plan
check_contains "an unknown plan" "$(cat "$ERR")" "no such plan"
run --rc 0 "$PEEL" help report
check_contains "help" "$(cat "$OUT")" "peel report governance|public --period YYYY-MM --out DIR"

section "hostile values in the plan and in loaded values are escaped"
S='<script>alert(1)</script>'
Q='" onload="x'
cat >"$WORK/hostile.yaml" <<YAML
id: hostile
title: 'Plan $S $Q'
force: leicestershire
period: {from: 2022-04, to: 2025-03}
vision: 'Vision $S'
missions:
  - id: m1
    title: 'Mission $S $Q'
    summary: 'Summary $Q'
    strategies:
      - id: s1
        title: 'Strategy $S'
        success: 'Success $S'
        delivery: 'Delivery $Q'
        measure: 'Measure & more'
        metrics:
          - {id: burglary, title: 'Burglary $S $Q', source: local-data, unit: count,
             polarity: lower-is-better,
             target: {reduction: 40, baseline: 2019-20, text: 'Cut burglary $S'},
             definition: {crime-types: [Burglary]}}
          - {id: outcomes, title: 'Outcomes $Q', source: local-data, unit: percent,
             polarity: higher-is-better, target: {at-least: 90},
             definition: {measure: positive-outcome-rate}}
          - {id: survey, title: 'Survey $S', source: crime-survey, unit: percent,
             polarity: higher-is-better, frequency: quarterly, loaded: true}
          - {id: empty, title: 'Empty $Q', source: local-data, unit: number,
             polarity: neutral, loaded: true}
YAML
"$PEEL" plan load "$WORK/hostile.yaml" >/dev/null
cat >"$WORK/survey.csv" <<CSV
metric,period,value,numerator,denominator,source,note
survey,2021-22 Q1,70.0,700,1000,"Survey <img src=x onerror=alert(1)>",
survey,2021-22 Q2,71.0,710,1000,Survey,
survey,2021-22 Q3,69.0,690,1000,Survey,
survey,2021-22 Q4,72.0,720,1000,Survey,
survey,2022-23 Q1,70.5,705,1000,Survey,
survey,2022-23 Q2,71.5,715,1000,Survey,
survey,2022-23 Q3,73.0,730,1000,"Survey <img src=x onerror=alert(1)>",
CSV
"$PEEL" metric load "$WORK/survey.csv" >/dev/null
run --rc 0 "$PEEL" report governance --period 2023-03 --out "$WORK/hostile"
check_eq "summary" \
    "$WORK/hostile/index.html: governance report for 2023-03: 4 metrics (3 with data, 3 charted), 2 exceptions; as PDF in $WORK/hostile/report.pdf; its tables in $WORK/hostile/tables.xlsx" \
    "$(cat "$OUT")"
page=$(cat "$WORK/hostile/index.html")
check_not_contains "no raw script element" "$page" "$S"
check_not_contains "no raw attribute break-out" "$page" "$Q"
check_not_contains "no raw img from a loaded value's source" "$page" "<img"
check_eq "no <script at all" "0" "$(grep -ci '<script' <<<"$page" || true)"
check_contains "the plan title, escaped" "$page" "<h1>Plan &lt;script&gt;alert(1)&lt;/script&gt; &quot; onload=&quot;x: performance to March 2023</h1>"
check_contains "the mission title, escaped" "$page" "Mission 1: Mission &lt;script&gt;alert(1)&lt;/script&gt; &quot; onload=&quot;x</h2>"
check_contains "the metric title in the chart's SVG title, escaped" "$page" \
    ">Burglary &lt;script&gt;alert(1)&lt;/script&gt; &quot; onload=&quot;x, monthly</title>"
check_contains "an ampersand, escaped" "$page" "Measure &amp; more"
check_contains "the loaded value's source, escaped" "$page" "(source given: Survey &lt;img src=x onerror=alert(1)&gt;)"
check_contains "a missed target is an exception" "$page" "Rule: <span class=\"exc-rule\">target not met</span>"
check_contains "a target's sentence" "$page" "Target: 40% reduction in"
check_report "$WORK/hostile"
check_eq "the workbook's text is escaped XML too" "ok" "$(python3 - "$WORK/hostile/tables.xlsx" <<'PY'
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
s = z.read("xl/sharedStrings.xml").decode()
print("ok" if "<script" not in s and "&lt;script&gt;alert(1)&lt;/script&gt;" in s else s[:300])
PY
)"
echo "report_governance: ok"
