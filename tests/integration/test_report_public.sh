#!/usr/bin/env bash
# test_report_public.sh - `peel report public`: the residents' report.
#
# On the demo data (lib.sh's demo_store) the page must
# have its sections in order and be well-formed; the measures it shows must
# be the ones its rule picks (every exception, then at most four per
# mission), recomputed by check_public.py from `peel plan show`, `peel
# metrics` and `peel exceptions`; every figure, icon word and sentence of a
# measure must be what those commands say, and each "a year earlier" figure
# what the Board report's workbook holds for that period; the workbook and
# numbers.csv must say the same; the report's own sentences must be short.
# Then: reruns are byte-identical, a month without data says so, and a plan
# whose titles are hostile HTML comes out escaped.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_cmd python3 pdfinfo pdftotext pdfimages
CHECK="$PEEL_SOURCE_DIR/tests/integration/check_public.py"
CHECK_PDF="$PEEL_SOURCE_DIR/tests/integration/check_public_pdf.py"

demo_store
export SOURCE_DATE_EPOCH=1700000000

# check_report DIR: the report in DIR against the commands, for 2023-03
check_report() {
    "$PEEL" plan show --format csv >"$WORK/plan.csv"
    "$PEEL" metrics --period 2023-03 --format csv >"$WORK/metrics.csv"
    "$PEEL" exceptions --period 2023-03 --format csv >"$WORK/exceptions.csv"
    rm -rf "$WORK/board-check"
    "$PEEL" report governance --period 2023-03 --out "$WORK/board-check" >/dev/null
    python3 "$CHECK" "$1" "$WORK/plan.csv" "$WORK/metrics.csv" "$WORK/exceptions.csv" \
        "$WORK/board-check/tables.xlsx" ||
        fail "check_public.py: $1 does not match the commands"
}

section "the demo data, 2023-03"
run --rc 0 "$PEEL" report public --period 2023-03 --out "$WORK/pub"
check_eq "one line: path and summary" \
    "$WORK/pub/index.html: public report for 2023-03: 6 of 38 metrics shown (9 with data), 1 exception; as PDF in $WORK/pub/report.pdf; its numbers in $WORK/pub/numbers.csv and $WORK/pub/tables.xlsx" \
    "$(cat "$OUT")"
check_eq "the folder" "index.html numbers.csv report.json report.pdf tables.xlsx" \
    "$(ls -A "$WORK/pub" | tr '\n' ' ' | sed 's/ $//')"
check_report "$WORK/pub"
page=$(cat "$WORK/pub/index.html")
check_plain_english "$WORK/pub/index.html"
check_contains "generated data says so" "$page" "Synthetic demonstration data"
check_contains "self-contained: styles inline" "$page" "<style>"
check_contains "print stylesheet: A4" "$page" "@page{size:A4"
check_not_contains "no external style sheet" "$page" "<link"
check_not_contains "no external requests" "$(grep -o 'src="[^"]*"' <<<"$page" || true)" "src="
check_contains "special cause, explained" "$page" "This is a real change, not chance."
check_contains "the rule is stated" "$page" "Then, for each mission, come at most 4 more measures"
check_contains "the example chart is inline SVG" "$page" "<svg xmlns="
check_contains "the chart's signal is pointed out" "$page" "A coloured dot is a signal: a real change, not chance."
check_contains "the open data, not a guessed address" "$page" "the open data on the Commissioner&#39;s website"
check_contains "the files of the folder" "$page" "<li><code>tables.xlsx</code>"
check_contains "the time it was made honours SOURCE_DATE_EPOCH" "$page" "<dt>Made on</dt><dd>2023-11-14 22:13 UTC</dd>"
check_contains "the manifest's kind" "$(cat "$WORK/pub/report.json")" '"kind": "public"'

section "report.pdf: the same report on A4"
PDF="$WORK/pub/report.pdf"
info=$(pdfinfo "$PDF")
check_contains "A4" "$info" "595.276 x 841.89 pts (A4)"
check_contains "its title" "$info" "Title:           How are we doing? March 2023: Police and Crime Plan 2024-2029"
check_contains "created when the report was made" "$info" "CreationDate:    Tue Nov 14 22:13:20 2023 UTC"
check_contains "report.json lists it" "$(cat "$WORK/pub/report.json")" '"report.pdf"'
check_contains "the page lists it" "$page" "<li><code>report.pdf</code>"
check_eq "the chart is vectors: no images" "0" "$(pdfimages -list "$PDF" | tail -n +3 | wc -l)"
pages=$(awk '/^Pages:/ {print $2}' <<<"$info")
[ "$pages" -gt 1 ] || fail "only $pages page"
for ((i = 1; i <= pages; i++)); do
    pdftotext -f "$i" -l "$i" "$PDF" "$WORK/pub/page-$i.txt"
    grep -q "Page $i of $pages" "$WORK/pub/page-$i.txt" || fail "page $i does not say 'Page $i of $pages'"
    grep -q "^Synthetic demonstration data: the crimes, places" "$WORK/pub/page-$i.txt" ||
        fail "page $i does not say the data is synthetic"
done
pass "every page says Page N of $pages, and that the data is synthetic"
pdftotext -layout -f 1 -l 1 "$PDF" "$WORK/pub/contents.txt"
check_eq "the contents list the sections; every piece of the page's text is in the PDF" "ok" \
    "$(python3 "$CHECK_PDF" "$WORK/pub" "$pages")"
rm -f "$WORK"/pub/page-*.txt "$WORK/pub/contents.txt"

section "the same month gives the same files"
run --rc 0 "$PEEL" report public --period 2023-03 --out "$WORK/pub2"
for f in index.html report.pdf numbers.csv report.json; do
    check_files_eq "$f byte for byte" "$WORK/pub/$f" "$WORK/pub2/$f"
done

section "the workbook's example chart"
# the example measure's values as a native Excel line chart: value, mean and
# process limits, as the governance workbook charts every metric
check_eq "a line chart of the example's sheet" "ok" "$(python3 - "$WORK/pub/tables.xlsx" <<'PY'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
chart = z.read(charts[0]).decode() if len(charts) == 1 else ""
cols = sorted(set(re.findall(r"<c:f>'Example chart'!\$([A-Z])\$4:", chart)))
print("ok" if "<c:lineChart>" in chart and cols == ["A", "B", "G", "H", "I"] else (charts, cols))
PY
)"

section "peel publish freezes it"
run --rc 0 "$PEEL" publish "$WORK/pub"
check_contains "published as kind public" "$(cat "$OUT")" "public"

section "a month with no data"
run --rc 0 "$PEEL" report public --period 2010-01 --out "$WORK/empty"
check_contains "the summary" "$(cat "$OUT")" "0 of 38 metrics shown (0 with data), 0 exceptions"
page=$(cat "$WORK/empty/index.html")
check_contains "it says so" "$page" "There are no figures for January 2010. None of the plan&#39;s measures has data up to the end of that month."
check_contains "no example chart" "$page" "No measure has a chart for this month, so there is no example to show."
check_eq "no measure shown" "0" "$(grep -c 'class="measure"' <<<"$page" || true)"

section "the command"
run --rc 2 "$PEEL" report public --out "$WORK/x"
check_contains "--period is needed" "$(cat "$ERR")" "give --period YYYY-MM"
run --rc 1 "$PEEL" report public --period 2023-03 --out "$WORK/pub"
check_contains "a non-empty folder is refused" "$(cat "$ERR")" "pub is not empty"
run --rc 2 "$PEEL" report nonesuch
check_contains "the kinds are listed" "$(cat "$ERR")" "(reports: governance, annual, public, complaints)"

section "hostile values in the plan are escaped"
S='<script>alert(1)</script>'
Q='" onload="x'
cat >"$WORK/hostile.yaml" <<YAML
id: hostile
title: 'Plan $S $Q'
force: leicestershire
period: {from: 2022-04, to: 2025-03}
vision: 'Vision $S & more'
missions:
  - id: m1
    title: 'Mission $S $Q'
    summary: 'Summary $Q'
    strategies:
      - id: s1
        title: 'Strategy $S'
        success: 'Success'
        delivery: 'Delivery'
        measure: 'Measure'
        metrics:
          - {id: 'burglary', title: 'Burglary $S $Q', source: local-data, unit: count,
             polarity: lower-is-better,
             target: {reduction: 40, baseline: 2019-20, text: 'Cut burglary $S'},
             definition: {crime-types: [Burglary]}}
          - {id: outcomes, title: 'Outcomes $Q', source: local-data, unit: percent,
             polarity: higher-is-better, target: {at-least: 90},
             definition: {measure: positive-outcome-rate}}
          - {id: shoplifting, title: 'Shoplifting $S', source: local-data, unit: count,
             polarity: lower-is-better, definition: {crime-types: [Shoplifting]}}
YAML
"$PEEL" plan load "$WORK/hostile.yaml" >/dev/null
run --rc 0 "$PEEL" report public --period 2023-03 --out "$WORK/hostile"
page=$(cat "$WORK/hostile/index.html")
check_not_contains "no raw script element" "$page" "$S"
check_not_contains "no raw attribute break-out" "$page" "$Q"
check_eq "no <script at all" "0" "$(grep -ci '<script' <<<"$page" || true)"
check_contains "the plan title, escaped" "$page" "<p class=\"kicker\">Plan &lt;script&gt;alert(1)&lt;/script&gt; &quot; onload=&quot;x</p>"
check_contains "the mission title, escaped" "$page" "Mission 1: Mission &lt;script&gt;alert(1)&lt;/script&gt; &quot; onload=&quot;x</h3>"
check_contains "an ampersand, escaped" "$page" "Vision &lt;script&gt;alert(1)&lt;/script&gt; &amp; more"
check_contains "a missed target needs attention" "$page" "It is listed because it misses its target."
check_report "$WORK/hostile"
pdftotext "$WORK/hostile/report.pdf" "$WORK/hostile.txt"
check_contains "the PDF sets plan text as text, not markup" "$(tr '\n' ' ' <"$WORK/hostile.txt")" \
    "Plan <script>alert(1)</script> \" onload=\"x"
check_contains "the mission title too" "$(tr '\n' ' ' <"$WORK/hostile.txt")" "Mission 1: Mission <script>alert(1)</script>"
rm -f "$WORK/hostile.txt"
echo "report_public: ok"
