#!/usr/bin/env bash
# test_report_pdf.sh - the governance report's PDF (report.pdf), read back
# with poppler's pdfinfo, pdftotext and pdfimages:
#   - it opens, is A4, has the pages pdfinfo counts, and every page says
#     "Page N of M" with the right N and M, and (the demo data being
#     generated) starts with the synthetic-data notice;
#   - the contents page lists each mission with a page number, and that page
#     really holds the mission's heading;
#   - each metric's latest value (as `peel metrics --format csv` gives it,
#     written as the reader reads it) and sentence (the page's, and the
#     exceptions' of `peel exceptions`) appear;
#   - charts are vectors (no images), the file is the same byte for byte for
#     the same SOURCE_DATE_EPOCH, and report.json lists it;
#   - a hostile plan title (<script>, pango markup, an entity) comes out as
#     the same characters, not markup.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_cmd python3 pdfinfo pdftotext pdfimages

demo_store
export SOURCE_DATE_EPOCH=1700000000

section "the demo report as PDF"
run --rc 0 "$PEEL" report governance --period 2023-03 --out "$WORK/board"
PDF="$WORK/board/report.pdf"
[ -s "$PDF" ] || fail "no report.pdf written"
info=$(pdfinfo "$PDF")
check_contains "A4" "$info" "595.276 x 841.89 pts (A4)"
check_contains "its title" "$info" "Title:           Performance report to the Corporate Governance Board, March 2023: Police and Crime Plan 2024-2029"
check_contains "made by Peel" "$info" "Creator:         Peel"
check_contains "created when the report was generated" "$info" "CreationDate:    Tue Nov 14 22:13:20 2023 UTC"
pages=$(awk '/^Pages:/ {print $2}' <<<"$info")
[ "$pages" -gt 5 ] || fail "only $pages pages"
pass "$pages pages"
check_contains "report.json lists it" "$(cat "$WORK/board/report.json")" '"report.pdf"'
check_eq "charts are vectors: no images" "0" "$(pdfimages -list "$PDF" | tail -n +3 | wc -l)"
[ "$(pdfinfo -dests "$PDF" | wc -l)" -gt 10 ] || fail "headings are not link destinations"
pass "headings are link destinations"

for ((i = 1; i <= pages; i++)); do
    pdftotext -f "$i" -l "$i" "$PDF" "$WORK/page-$i.txt"
    grep -q "Page $i of $pages" "$WORK/page-$i.txt" || fail "page $i does not say 'Page $i of $pages'"
    # the demo store holds generated data: every page says so at its head
    [[ "$(tr -s ' \n' '  ' <"$WORK/page-$i.txt")" == "Synthetic demonstration data: the crimes, places and figures here were generated to show how Peel works. None of them is real."* ]] ||
        fail "page $i does not start with the synthetic-data notice"
done
pass "every page says Page N of $pages, and starts with the synthetic-data notice"

# A chart is never on a page without its metric's heading and sentence:
# every chart's caption ("XmR chart: TITLE, monthly. ...") sits on a page
# where TITLE's heading, followed by its "Variation:" sentence, comes
# before it.
check_eq "each chart is on the page of its heading" "ok" "$(python3 - "$WORK" "$pages" <<'PY'
import re, sys
work, pages = sys.argv[1], int(sys.argv[2])
charts = 0
for i in range(1, pages + 1):
    text = " ".join(open(f"{work}/page-{i}.txt", encoding="utf-8").read().split())
    for m in re.finditer(r"XmR chart: (.+?), (?:monthly|quarterly|annually|yearly|annual)\. Every value charted", text):
        title, at = m.group(1), m.start()
        if text.rfind(title + " Variation:", 0, at) < 0:
            print(f"page {i}: the chart of {title} is not under its heading and sentence")
            sys.exit()
        charts += 1
print("ok" if charts else "no chart captions found")
PY
)"

"$PEEL" metrics --period 2023-03 --format csv >"$WORK/metrics.csv"
"$PEEL" exceptions --period 2023-03 --format csv >"$WORK/exceptions.csv"
pdftotext -layout -f 1 -l 1 "$PDF" "$WORK/contents.txt"
pdftotext "$PDF" "$WORK/all.txt"
check_eq "contents, values and sentences agree" "ok" "$(python3 - "$WORK" "$pages" <<'PY'
import csv, html, re, sys
work, pages = sys.argv[1], int(sys.argv[2])
def norm(s):
    return " ".join(s.split())
page = open(f"{work}/board/index.html", encoding="utf-8").read()
contents = open(f"{work}/contents.txt", encoding="utf-8").read().splitlines()
text = norm(open(f"{work}/all.txt", encoding="utf-8").read())
problems = []
# each mission in the contents, with a page that holds its heading
missions = [html.unescape(m) for m in re.findall(r'<a href="#mission-\d+">(.*?)</a>', page)]
if not missions:
    problems.append("no missions in the page's contents")
for m in missions:
    lines = [l for l in contents if norm(l).startswith(m + " ")]
    if len(lines) != 1 or not re.search(r"\s(\d+)$", lines[0]):
        problems.append(f"contents: no single line for {m!r}")
        continue
    n = int(re.search(r"\s(\d+)$", lines[0]).group(1))
    on = norm(open(f"{work}/page-{n}.txt", encoding="utf-8").read()) if 1 <= n <= pages else ""
    if not on.startswith(m) and f" {m} " not in on:
        problems.append(f"{m!r}: the contents say page {n}, which does not hold it")
# each metric's latest value as the reader reads it, and its period
n_values = 0
for r in csv.DictReader(open(f"{work}/metrics.csv", encoding="utf-8")):
    if not r["latest"]:
        continue
    # the CSV has every digit, the PDF the unit's decimals (0 to 2); a
    # percentage is followed by its sign
    shown = f"{float(r['latest']):,.0f}"
    candidates = [f"Latest: {float(r['latest']):,.{d}f}{sign} in {r['latest_period']}"
                  for d in (0, 1, 2) for sign in ("", "%")]
    if not any(c in text for c in candidates):
        problems.append(f"{r['metric']}: no 'Latest: {shown} in {r['latest_period']}'")
    n_values += 1
# every sentence of the page, and of the exceptions
sentences = [norm(html.unescape(s)) for s in re.findall(r'<p class="sentence">(.*?)</p>', page)]
sentences += [norm(r["sentence"]) for r in csv.DictReader(open(f"{work}/exceptions.csv", encoding="utf-8"))]
for s in sentences:
    if s not in text:
        problems.append(f"sentence missing: {s[:80]}")
if n_values == 0 or not sentences:
    problems.append("nothing to compare")
print("\n".join(problems) if problems else "ok")
PY
)"

section "the same report, the same bytes"
run --rc 0 "$PEEL" report governance --period 2023-03 --out "$WORK/again"
cmp -s "$PDF" "$WORK/again/report.pdf" || fail "two runs with the same SOURCE_DATE_EPOCH differ"
pass "byte-identical"

section "a hostile plan title is text, not markup"
T='Plan <script>alert(1)</script> <b>bold</b> &amp; <span foreground="red">red</span>'
python3 - "$PEEL_SOURCE_DIR/plans/llr-2024-29.yaml" "$T" >"$WORK/hostile.yaml" <<'PY'
import re, sys
plan = open(sys.argv[1], encoding="utf-8").read()
plan = re.sub(r"(?m)^id: .*$", "id: hostile", plan, count=1)
print(re.sub(r"(?m)^title: .*$", lambda m: "title: '" + sys.argv[2] + "'", plan, count=1), end="")
PY
"$PEEL" plan load "$WORK/hostile.yaml" >/dev/null
run --rc 0 "$PEEL" report governance --period 2023-03 --out "$WORK/hostile"
pdftotext "$WORK/hostile/report.pdf" "$WORK/hostile.txt"
check_contains "the title, character for character" "$(tr -s ' \n' '  ' <"$WORK/hostile.txt")" "$T: performance to March 2023"
check_contains "and in the PDF's title" "$(pdfinfo "$WORK/hostile/report.pdf")" "March 2023: $T"
pass
