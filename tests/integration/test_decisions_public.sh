#!/usr/bin/env bash
# test_decisions_public.sh - the exempt-marker crawl: no exempt text reaches
# any public page, download, feed or public CLI output.
#
# A unique marker is planted in every exempt place of a register imported
# into a copy of the demo store: an exempt part of every field of a
# published decision, every field of a decision then withheld (and its
# reason for withholding), and every field of a draft never decided. A
# control marker goes into a published decision's title, to prove the
# crawl reaches the pages that would show a leak. Then every public page
# template is fetched (each decision's page, data and versions; the
# register with and without filters and searches, the marker's words
# included; the feed, the forward plan, open data, the APIs, and one page
# of every other template) and the CLI's public outputs are run: the
# exempt marker must appear nowhere, the control marker somewhere. The same
# marker is planted in every personal field of a concern (peel concern add):
# it must reach neither the concerns pages and statistics, nor the CLI's
# public outputs, nor the audit log (the command line it records has the
# personal options withheld); nor do the notes of an investigation's
# reports (peel investigation), which the audit log counts but never holds.
# The marker is listed among the strings redacted from a contract's copy
# (peel contracts attach): they are private, so neither the contracts
# pages, data and OCDS package, nor the copy, nor the audit log hold it.
# A quarter of the Order's 7C (peel iopc import) is loaded, and its pages,
# with the Office's assessment counted from the marked review, crawled;
# so is a year of the IOPC's annual figures (--annual), and the
# Commissioner's annual report (peel report complaints, peel publish: its
# page, PDF and figures), whose review has a marker in a recommendation's
# note, which no public output may give, nor the audit log (whose row
# counts the note's bytes, its command line --note withheld). A letter drafted
# from the marked case (peel letter draft) holds the marker, as text and
# as a PDF (read back by pdftotext; a new file, mode 0600), and the audit
# rows of the draft do not; a spell with another body moves its limit.
# A Safety Fund round has the marker in every private field of its
# applications (the contact person, in the vault; all of the application
# turned down; the expected outcomes) and of the award's payment and
# return: it reaches neither /grants (filtered or not, in every format),
# nor the fund's statistics, nor 360Giving, nor the public CLI.
#
# Bounded: the register is the 42-row sample plus three; each decision's
# versions are read from its page, never by following links further.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_cmd curl python3 pdftotext

MARK=EXEMPT-7f3a9c
CONTROL=PUBLIC-5e1d
FMARK=PRIVATE-FUND-3b8e # not published, though the staff's audit log keeps it
NMARK=CASE-NOTE-4d2a     # a case note: the staff's, never published

demo_store

section "a register with a marker in every exempt place"
for u in pcc:commissioner cfo:finance-officer mo:monitoring-officer off:officer; do
    printf 'a long enough password %s\n' "$u" |
        run --rc 0 "$PEEL" user add "${u%%:*}" --role "${u#*:}" --name "${u%%:*}" --password-stdin
done
run --rc 0 "$PEEL" decision sample reg.csv
run --rc 0 "$PEEL" decision import reg.csv --as off
check_contains "imported" "$(cat "$OUT")" "42 decisions imported"
run --rc 0 "$PEEL" decision list --format csv --status published --page-size 2
published=$(out_text | sed -n '2,3p' | cut -d, -f1)
exempt_ref=$(sed -n 1p <<<"$published")
control_ref=$(sed -n 2p <<<"$published")
fields="title summary background decision reasons alternatives conflicts amount budget_line financial legal equality lead_officer"
for f in $fields; do
    run --rc 0 "$PEEL" decision exempt "$exempt_ref" --as mo --field "$f" --ground s.43 \
        --text "the $f part $MARK"
done
pass "an exempt part of each of the 13 fields of $exempt_ref"
every_field() { # every text option, each with the marker
    local o
    for o in title summary background decision reasons alternatives conflicts budget-line \
        financial legal equality lead-officer; do
        printf -- '--%s\n%s %s\n' "$o" "$o" "$MARK"
    done
}
mapfile -t text_opts < <(every_field)
run --rc 0 "$PEEL" decision add XM/2026/1 --as off --type contract --subject "Custody" \
    --amount "77,777.77" "${text_opts[@]}"
run --rc 0 "$PEEL" decision signoff XM/2026/1 --as cfo --kind finance --note "$MARK"
run --rc 0 "$PEEL" decision signoff XM/2026/1 --as mo --kind monitoring
run --rc 0 "$PEEL" decision decide XM/2026/1 --as pcc --on 2026-05-20
run --rc 0 "$PEEL" decision withhold XM/2026/1 --as mo --ground s.40 --reason "$MARK"
run --rc 0 "$PEEL" decision add XM/2026/2 --as off --type grant --subject "$MARK" \
    "${text_opts[@]}"
pass "a withheld decision and a draft, the marker in every field"
run --rc 0 "$PEEL" decision correct "$control_ref" --as pcc --title "Control $CONTROL" \
    --reason "A public correction"
run --rc 0 "$PEEL" decision staff XM/2026/1 --as mo
check_contains "the marker is in the store (the staff read)" "$(cat "$OUT")" "$MARK"

section "a concern with the marker in every personal field"
run --rc 0 "$PEEL" concern add --kind review --received 2026-04-01 --outcome 2026-03-02 \
    --name "$MARK" --email "$MARK@example.org" --phone "0116 $MARK" --address "$MARK" \
    --details "$MARK" --force-ref "$MARK"
concern_ref=$(out_text | sed -n 's/^\(C-[0-9-]*\) recorded.*/\1/p')
run --rc 0 "$PEEL" concern event "$concern_ref" decided --on 2026-04-20 --note not-reasonable
run --rc 0 "$PEEL" concern show "$concern_ref" --personal --why "the marker test"
check_contains "the marker is in the vault (an audited staff read)" "$(cat "$OUT")" "$MARK"
run --rc 0 "$PEEL" letter draft "$concern_ref" review-not-upheld --why "the marker test"
check_contains "a letter drafted from the vault (an audited staff read)" "$(cat "$OUT")" \
    "Dear $MARK,"
run --rc 0 "$PEEL" concern misdirected "$concern_ref" --sent-elsewhere 2026-03-10 \
    --forwarded 2026-03-20 --body "the IOPC"
check_contains "a spell with another body moves the limit" "$(cat "$OUT")" \
    "10 days with other bodies left out"
run --rc 0 "$PEEL" letter draft "$concern_ref" review-not-upheld --why "the marker test" \
    --pdf "$WORK/letter.pdf"
check_eq "the letter as PDF is readable by its owner alone" "$(stat -c %a "$WORK/letter.pdf")" 600
check_contains "the PDF letter's text (pdftotext)" "$(pdftotext "$WORK/letter.pdf" -)" "Dear $MARK,"
run --rc 1 "$PEEL" letter draft "$concern_ref" review-not-upheld --why "the marker test" \
    --pdf "$WORK/letter.pdf"
check_contains "a letter is never written over a file" "$(cat "$ERR")" "never written over"

section "an investigation with the marker in its notes; a quarter of 7C"
run --rc 0 "$PEEL" investigation add CO/1/25 --began 2025-03-02
run --rc 0 "$PEEL" investigation report CO/1/25 --on 2026-03-20 --note "$MARK"
run --rc 0 "$PEEL" investigation finish CO/1/25 --on 2026-04-02 --note "$MARK"
printf '%s\n' "force,from,to,measure,breakdown,value,last_year,similar_forces,england_and_wales" \
    "leicestershire,2026-04-01,2026-06-30,cases_logged,,412,398,380.5," >iopc.csv
run --rc 0 "$PEEL" iopc import iopc.csv --url https://www.policeconduct.gov.uk/b
printf '%s\n' "force,from,to,measure,breakdown,value,last_year,similar_forces,england_and_wales" \
    "leicestershire,2025-04-01,2026-03-31,cases_logged,,1604,1533,1490.5,2110" >annual.csv
run --rc 0 "$PEEL" iopc import annual.csv --annual
# the Commissioner's annual report (7C(b)) for the marked review's year: a
# recommendation with a marker in its note (a case note, whose words the
# report never gives), the sections written (the control in each), the
# report made and published
run --rc 0 "$PEEL" concern event "$concern_ref" recommended --on 2026-04-25 --note "$NMARK"
for s in summary accountability review-body front-end learning; do
    printf 'The %s section.\n\nControl %s\n' "$s" "$CONTROL" >section.txt
    run --rc 0 "$PEEL" iopc text 2026-27 "$s" section.txt
done
run --rc 0 "$PEEL" report complaints --fy 2026-27 --out complaints-report
run --rc 0 "$PEEL" publish complaints-report

section "a contract's redacted copy with the marker in its redacted strings"
run --rc 0 "$PEEL" contracts sample c.csv
run --rc 0 "$PEEL" contracts import c.csv --as cfo
copy_sha=""
if command -v pdftotext >/dev/null; then
    printf '%s\nMary Major\n' "$MARK" >names.txt
    run --rc 0 "$PEEL" contracts attach C-2025-003 "$PEEL_SOURCE_DIR/tests/data/contract-copy.pdf" \
        --as cfo --redacted-file names.txt
    copy_sha=$(sha256sum "$PEEL_SOURCE_DIR/tests/data/contract-copy.pdf" | cut -d' ' -f1)
    check_eq "the marker is in the store (private)" "1" \
        "$(sql "SELECT count(*) FROM contract_redaction WHERE text = '$MARK'")"
elif [[ "${PEEL_REQUIRE_CHECKERS:-0}" == 1 ]]; then
    fail "pdftotext (poppler-utils) is missing: make test requires it"
else
    echo "  note: pdftotext is missing: no contract copy is attached"
fi
section "a Safety Fund round: the marker in every private field of its applications"
# two applications sent, the marker in each contact person (the vault, and
# withheld from the audit log's copy of the command line); FMARK in all of
# the one turned down, in the expected outcomes of the one awarded, and in
# the award's payment reference and return, which are the staff's
run --rc 0 "$PEEL" fund programme sf --title "Safety Fund" --funder-id GB-GOV-TEST \
    --funder-name "Test PCC" --prefix 360G-test
run --rc 0 "$PEEL" fund year sf 2024-25 --budget 30,000
run --rc 0 "$PEEL" fund round R1 --programme sf --fy 2024-25 --title "Round 1" --theme Any \
    --opens 2024-05-01 --closes 2024-05-31 --budget 10,000 --threshold 65
run --rc 0 "$PEEL" fund criterion R1 need --title Need --weight 1
run --rc 0 "$PEEL" fund open R1
contact=(--contact-name "$MARK" --contact-email "$MARK@example.org" --contact-phone "0116 $MARK")
run --rc 0 "$PEEL" application save R1 --org "Tea Urn" --org-type charity --org-id GB-CHC-1000001 \
    --project "Tea" --amount 500 --district Blaby --priorities m1 --outcomes "$FMARK" \
    --budget-lines "$FMARK" "${contact[@]}"
won=$(out_text | sed -n 's/.*draft \(A-[A-Z0-9]*\).*/\1/p')
run --rc 0 "$PEEL" application save R1 --org "$FMARK" --org-type charity --org-id GB-CHC-1000002 \
    --project "$FMARK" --amount 700 --district Blaby --priorities m1 --outcomes "$FMARK" \
    --budget-lines "$FMARK" "${contact[@]}"
lost=$(out_text | sed -n 's/.*draft \(A-[A-Z0-9]*\).*/\1/p')
run --rc 0 "$PEEL" application submit "$won" --on 2024-05-10
run --rc 0 "$PEEL" application submit "$lost" --on 2024-05-10
run --rc 0 "$PEEL" fund award R1 --application "$won" --amount 400 --on 2024-06-01 \
    --description "Tea for $CONTROL"
run --rc 0 "$PEEL" fund decision R1 --as off
run --rc 0 "$PEEL" decision signoff FUND/R1 --as cfo --kind finance
run --rc 0 "$PEEL" decision signoff FUND/R1 --as mo --kind monitoring
run --rc 0 "$PEEL" decision decide FUND/R1 --as pcc --on 2024-06-10
run --rc 0 "$PEEL" decision publish FUND/R1 --as off
run --rc 0 "$PEEL" award pay R1-1 --amount 400 --reference "$FMARK" --on 2024-07-01
# a payment made in error, reversed (its reason is the staff's too) and paid again
run --rc 0 "$PEEL" award reverse R1-1 1 --reason "$FMARK" --on 2024-07-02
check_contains "a payment reversed" "$(out_text)" "payment 1 of award R1-1 reversed on 2024-07-02"
run --rc 2 "$PEEL" award reverse R1-1 1 --reason "Again"
check_contains "once" "$(cat "$ERR")" "payment 1 of award R1-1 is reversed already"
run --rc 0 "$PEEL" award pay R1-1 --amount 400 --reference "$FMARK" --on 2024-07-03
check_contains "paid, the payments not reversed" "$("$PEEL" award payments --format csv)" \
    ",400.00,400.00,0.00,2024-07-02,"
run --rc 0 "$PEEL" award return-due R1-1 --due 2024-12-01 --covers "$FMARK"

section "the public CLI"
: >cli.txt
for fmt in text csv json; do
    "$PEEL" decision list --format "$fmt" --page-size 100 >>cli.txt
    "$PEEL" decision plan --format "$fmt" >>cli.txt
    "$PEEL" concern stats --format "$fmt" >>cli.txt
    "$PEEL" concern list --format "$fmt" >>cli.txt
    "$PEEL" iopc show 2026-27Q1 --format "$fmt" >>cli.txt
    "$PEEL" contracts list --all --format "$fmt" >>cli.txt
    "$PEEL" contracts show C-2025-003 --format "$fmt" >>cli.txt
    "$PEEL" fund awards --public --format "$fmt" >>fund-cli.txt
    "$PEEL" fund stats --by district --public --format "$fmt" >>fund-cli.txt
    "$PEEL" fund map --format "$fmt" >>fund-cli.txt
    "$PEEL" iopc show 2025-26 --format "$fmt" >>cli.txt
done
"$PEEL" contracts ocds --public-url https://pcc.example.org >>cli.txt
"$PEEL" iopc text 2026-27 >>cli.txt
pdftotext complaints-report/report.pdf - >report.txt
cat report.txt complaints-report/index.html complaints-report/figures.csv \
    complaints-report/figures.json >>cli.txt
check_not_contains "the annual report: no case note" "$(cat report.txt complaints-report/[fi]*)" \
    "$NMARK"
check_contains "the annual report's PDF: the sections" "$(cat report.txt)" "The learning section."
"$PEEL" fund open-data >>fund-cli.txt
cat fund-cli.txt >>cli.txt
check_not_contains "the fund's public CLI outputs" "$(cat fund-cli.txt)" "$FMARK"
# the audit log is the staff's, but keeps years: its concern and vault rows
# (the command line included) hold no personal field
"$PEEL" audit list --format csv | grep -E 'concern|vault|investigation|,contract\.|,upload\.' >>cli.txt
# a case note's words are in no audit row (its command line nor its JSON)
check_not_contains "the audit log: no case note" "$("$PEEL" audit list --format csv)" "$NMARK"
"$PEEL" decision list --format csv --search "EXEMPT 7f3a9c" >>cli.txt
refs=$("$PEEL" decision list --format csv --page-size 100 | tr -d '\r' | sed 1d | cut -d, -f1)
# every decision with a marker near it, and a sample of the rest
for ref in "$exempt_ref" "$control_ref" XM/2026/1 XM/2026/2 $(head -n 4 <<<"$refs"); do
    "$PEEL" decision show "$ref" --json >>cli.txt 2>&1 || true
    "$PEEL" decision show "$ref" --version 1 >>cli.txt 2>&1 || true
done
check_not_contains "the CLI's public outputs" "$(cat cli.txt)" "$MARK"
check_contains "reach the control" "$(cat cli.txt)" "$CONTROL"

section "the crawl"
start_server --public-url https://pcc.example.org
: >crawl.txt
: >codes.txt
# fetch FILE: every path in FILE, in one curl (one connection kept
# alive), the bodies appended to crawl.txt and to page.tmp, each status
# with its address to codes.txt
fetch() {
    local urls=()
    mapfile -t urls < <(sed "s|^|$BASE|" "$1")
    curl --noproxy '*' -s --max-time 60 -w '%{stderr}%{http_code} %{url_effective}\n' \
        "${urls[@]}" >page.tmp 2>>codes.txt
    cat page.tmp >>crawl.txt
}
slugs=$(sed 's|-|--|g; s|/|-|g' <<<"$refs")
sed 's|^|/decisions/|' <<<"$slugs" >pages.lst
fetch pages.lst
check_contains "the withheld decision is a stub" "$(cat page.tmp)" "only this record is published"
{
    grep -o 'href="/decisions/[^"]*/version/[0-9]*"' page.tmp | cut -d'"' -f2 | sort -u |
        sed 'p; s|$|.json|'
    sed 's|^\(.*\)$|/decisions/\1.csv\n/decisions/\1.json|' <<<"$slugs"
    for q in "" "?size=100" "?size=100&page=2" "?status=withheld" "?status=rescinded" \
        "?year=2026" "?type=contract" "?min=10%2C000&max=%C2%A3300%2C000" "?q=EXEMPT+7f3a9c" \
        "?q=exempt%207f3a9c" "?q=the+title+part" "?q=$CONTROL" "?subject=Custody" \
        "?q=custody&size=5&page=1"; do
        printf '/decisions%s\n/decisions.csv%s\n/decisions.json%s\n' "$q" "$q" "$q"
    done
    printf '%s\n' /decisions.atom /decisions/forward-plan /decisions/forward-plan.csv \
        /decisions/forward-plan.json /open-data /api/metrics.json /api/metrics.csv \
        /api/audit-head.json /concerns "/concerns?outcome=2026-03-02" /concerns/statistics \
        /concerns/statistics.csv /concerns/statistics/categories.csv /complaints /complaints.csv \
        /complaints.json \
        /complaints/2026-27Q1 /complaints/2026-27Q1.csv /complaints/2026-27Q1.json \
        /complaints/2025-26 /complaints/2025-26.csv /complaints/2025-26.json \
        /reports/complaints/2026-27/v1/index.html /reports/complaints/2026-27/v1/figures.csv \
        /reports/complaints/2026-27/v1/figures.json \
        / /plan/preventing-tackling-crime \
        /plan/preventing-tackling-crime/business-crime /metric/shoplifting \
        /metric/shoplifting.csv /metric/shoplifting.json /reports \
        /contracts /contracts.csv /contracts.json /contracts/ocds.json /contracts/C-2025-003 \
        /contracts/C-2025-003.csv /contracts/C-2025-003.json /grants \
        "/grants?round=R1&district=Blaby&priority=m1" "/grants.csv?district=Blaby" \
        "/grants.json?round=R1" /grants/statistics "/grants/statistics.csv?by=district" \
        "/grants/statistics.json?by=priority" /grants/360giving.json /grants/360giving.csv \
        /grants/map "/grants/map.json?round=R1" \
        "/explore?from=2024-01&to=2024-01" /area
    [[ -z "$copy_sha" ]] || echo "/documents/$copy_sha"
} >rest.lst
fetch rest.lst
area=$(grep -o 'href="/area/[^/"]*/[^"]*"' page.tmp | head -n 1 | cut -d'"' -f2)
[[ -n "$area" ]] || fail "no area linked from /area"
printf '%s\n' "$area" "$area.csv" "$area.json" >area.lst
fetch area.lst
n=$(wc -l <codes.txt)
[[ "$n" -gt 100 ]] || fail "only $n pages fetched"
bad=$(grep -v '^200 ' codes.txt || true)
[[ -z "$bad" ]] || fail "not 200: $bad"
pass "$n public pages and downloads fetched, every one 200"
# (a search's own words come back in its form, so the marker is searched
# for only as words, "EXEMPT 7f3a9c", which is not the marker)
if grep -qF -- "$MARK" crawl.txt; then
    grep -F -- "$MARK" crawl.txt | head -c 2000 >&2
    fail "the exempt marker is on a public page"
fi
pass "no exempt text on any public page"
if grep -qF -- "$FMARK" crawl.txt; then
    grep -F -- "$FMARK" crawl.txt | head -c 2000 >&2
    fail "an application's private field is on a public page"
fi
pass "no private field of an application, a payment or a return on any public page"
check_not_contains "no case note on any public page" "$(cat crawl.txt)" "$NMARK"
check_contains "the crawl reached the control" "$(grep -F -- "$CONTROL" crawl.txt | head -n 3)" \
    "$CONTROL"
check_contains "the crawl reached the published grant" "$(cat crawl.txt)" "Tea for $CONTROL"
# a priority is the plan's mission (m1, its first) by its title on the
# pages, by its key in the data
printf '%s\n' /grants /grants/statistics >grants.lst
fetch grants.lst
check_contains "a grant's priority by the mission's title" "$(cat page.tmp)" \
    '<td>An Effective and Efficient Police Force</td>'
check_contains "and each by priority" "$(cat page.tmp)" \
    '<th scope="row">An Effective and Efficient Police Force</th>'
check_contains "chosen by title, filtered by key" "$(cat page.tmp)" \
    '<option value="m1">An Effective and Efficient Police Force</option>'
check_not_contains "never by its key on a page" "$(cat page.tmp)" '>m1<'
check_contains "the data keep the key" "$(curl --noproxy '*' -s "$BASE/grants.csv")" ",Blaby,,m1,"
# a round by its title, theme and dates on the pages, by its key in the data
check_contains "a round chosen by its name" "$(cat page.tmp)" \
    '<option value="R1">Round 1: Any, 1 May 2024 to 31 May 2024</option>'
check_contains "and each by round" "$(cat page.tmp)" \
    '<th scope="row">Round 1: Any, 1 May 2024 to 31 May 2024</th>'
check_not_contains "never by its key on a page" "$(cat page.tmp)" '>R1<'
check_contains "the round's decision linked, for its reasons" "$(cat page.tmp)" \
    '<a href="/decisions/FUND-R1">FUND/R1</a>'
# the map of money by district: drawn at both widths, with its table; the
# demo store has no boundaries, so the districts are drawn as hexagons
check_contains "the map on /grants" "$(cat page.tmp)" 'class="chart-narrow"'
check_contains "its text alternative" "$(cat page.tmp)" \
    "Map of £400.00 awarded in 1 grant, by district"
check_contains "its table, every district" "$(cat page.tmp)" '<th scope="row">Rutland</th>'
check_contains "the map's data" "$(curl --noproxy '*' -s "$BASE/grants/map.csv")" \
    "Blaby,1,400.00,"
run --rc 0 "$PEEL" fund map --out map.png --width 380
check_eq "a phone's PNG, 380 wide" "0000017c" "$(od -An -tx1 -j16 -N4 map.png | tr -d ' \n')"
run --rc 0 "$PEEL" fund map --out map.svg
check_contains "the SVG's description" "$(cat map.svg)" "hexagons"
check_contains "and the fund's statistics, one row withheld" "$(cat crawl.txt)" \
    "withheld: one or two unsuccessful applications"
check_contains "the quarter's 7C page, with the assessment" "$(cat crawl.txt)" \
    "The Commissioner&#39;s assessment as review body"
check_contains "the year's 7C page, linked from /complaints" "$(cat crawl.txt)" \
    'href="/complaints/2025-26"'
check_contains "the year's figures as data" "$(cat crawl.txt)" "cases_logged,,1604,1533,1490.5,2110"
check_contains "the annual report, linked from /complaints" "$(cat crawl.txt)" \
    'href="/reports/complaints/2026-27/v1/index.html"'
check_contains "the annual report's sections" "$(cat crawl.txt)" "<p>The learning section.</p>"

section "the feed"
curl --noproxy '*' -s "$BASE/decisions.atom" >feed.xml
python3 - feed.xml <<'PY'
import sys, xml.dom.minidom
d = xml.dom.minidom.parse(sys.argv[1])
entries = d.getElementsByTagName("entry")
assert 0 < len(entries) <= 50, len(entries)
for e in entries:
    for link in e.getElementsByTagName("link"):
        assert link.getAttribute("href").startswith("https://pcc.example.org/decisions/"), link
print(f"  ok: the feed parses as XML: {len(entries)} entries, links from --public-url")
PY
curl --noproxy '*' -s -H 'Host: evil.example' "$BASE/decisions.atom" >feed2.xml
check_not_contains "the Host header makes no link" "$(cat feed2.xml)" "evil.example"
stop_server
