#!/usr/bin/env bash
# test_stop_search.sh - stop and search from the command line and the site,
# on three synthetic months (peel generate, stop-and-search and street
# files, the lookups): `peel stop-search` refuses a mistyped grouping or
# force and a rate table with no population; `import-population
# --ethnicity` loads the generated file and refuses a bad one naming file,
# line and field; the rates then appear; /stop-and-search shows the counts
# the command gives, and its .csv and /stop-and-search/rates.json are the
# command's figures; the governance report's section is in its page, its
# PDF (pdftotext) and its workbook, with the command's total and the same
# sentences.
source "$(dirname "$0")/lib.sh"
require_cmd curl python3 pdftotext unzip

section "a small synthetic store with searches"
run --rc 0 "$PEEL" generate --out data --from 2022-01 --to 2022-03 --rows 1500 \
    --kinds street,stop-and-search
run --rc 0 "$PEEL" import --quiet data/police-uk
run --rc 0 "$PEEL" import-areas data/lookups/lsoa-areas.csv
run --rc 0 "$PEEL" plan load "$PEEL_SOURCE_DIR/plans/llr-2024-29.yaml"

section "peel stop-search"
run --rc 0 "$PEEL" stop-search --by object --format csv
out_text >by_object.csv
check_eq "header" "object,searches,share_pct,further_action,further_action_pct,further_action_lower_95,further_action_upper_95,arrests,arrest_pct,arrest_lower_95,arrest_upper_95,finds,find_rate_pct,find_rate_lower_95,find_rate_upper_95,link_recorded" \
    "$(head -1 by_object.csv)"
total=$(awk -F, '$1 == "Total" { print $2 }' by_object.csv)
stored=$(sql "SELECT count(*) FROM stop_search")
check_eq "the total is every search stored" "$stored" "$total"
check_eq "the objects add up to the total" "$total" \
    "$(awk -F, 'NR > 1 && $1 != "Total" { n += $2 } END { print n }' by_object.csv)"
finds=$(sql "SELECT count(*) FROM stop_search WHERE outcome_linked_to_object_of_search = 'True'
             AND outcome NOT LIKE '%no further action%'")
check_eq "finds: further action linked to the object" "$finds" \
    "$(awk -F, '$1 == "Total" { print $12 }' by_object.csv)"
run --rc 0 "$PEEL" stop-search --by area --format csv
check_eq "every search has an area row" "$total" \
    "$(out_text | awk -F, '$1 == "Total" { print $2 }')"
run --rc 2 "$PEEL" stop-search --by colour
check_contains "unknown grouping" "$(cat "$ERR")" "--by must be one of month, area"
run --rc 2 "$PEEL" stop-search --force leics
check_contains "unknown force" "$(cat "$ERR")" "no stop-and-search records are held for 'leics'"
run --rc 2 "$PEEL" stop-search --disproportionality
check_contains "no population yet" "$(cat "$ERR")" "no population by ethnic group is loaded"

section "peel import-population --ethnicity"
printf 'force,ethnic_group,population\nLeicestershire,White,10\nLeicestershire,White,x\n' >bad.csv
run --rc 2 "$PEEL" import-population --ethnicity bad.csv
check_contains "bad row named" "$(cat "$ERR")" "bad.csv:3: population: not a whole number: 'x'"
check_contains "duplicate named" "$(cat "$ERR")" "nothing was loaded"
run --rc 0 "$PEEL" import-population --ethnicity data/lookups/ethnic-population.csv
check_contains "loaded" "$(cat "$OUT")" "5 populations by ethnic group loaded"
run --rc 0 "$PEEL" stop-search --disproportionality --format csv
out_text >rates.csv
check_eq "five groups" 6 "$(wc -l <rates.csv)"
check_eq "White first, the reference" "White" "$(sed -n 2p rates.csv | cut -d, -f1)"

section "/stop-and-search"
start_server
get() { curl --noproxy '*' -s -o "$WORK/page" -w '%{http_code}' "$BASE$1"; }
check_eq "page" 200 "$(get /stop-and-search)"
check_contains "the total searches, in words" "$(cat "$WORK/page")" \
    "This page counts $(python3 -c "print(f'{$total:,}')") searches from"
check_contains "the rates" "$(cat "$WORK/page")" "times as often as people in the White group"
check_eq "csv" 200 "$(get /stop-and-search.csv)"
check_eq "the page's object rows are the command's" \
    "$(tail -n +2 by_object.csv | grep -v '^Total,')" \
    "$(tr -d '\r' <"$WORK/page" | awk -F, '$1 == "object"' | cut -d, -f2-)"
check_eq "rates json" 200 "$(get /stop-and-search/rates.json)"
check_eq "rates are the command's" \
    "$(python3 -c 'import csv,sys; print([r["per_1000"] for r in csv.DictReader(open("rates.csv"))])')" \
    "$(python3 -c 'import json,sys; print([str(r["per_1000"]) for r in json.load(open(sys.argv[1]))])' "$WORK/page")"
stop_server

section "the governance report's section: page, PDF and workbook"
run --rc 0 "$PEEL" report governance --period 2022-03 --out gov
pdf=$(pdftotext gov/report.pdf - | tr -s ' \n' '  ')
check_contains "the PDF's section" "$pdf" "Stop and search Searches recorded from April 2021 to March 2022"
check_contains "its total, the command's" "$pdf" "$(python3 -c "print(f'{$total:,}')") searches: "
python3 - gov/index.html "$pdf" <<'PY' || fail "the page's stop-and-search sentences are not all in the PDF"
import html, re, sys
page = open(sys.argv[1], encoding="utf-8").read()
section = page[page.index('<section id="stop-search"'):]
section = section[:section.index("</section>")]
items = [html.unescape(re.sub(r"<[^>]+>", "", s)) for s in re.findall(r"<(?:p|li)>(.*?)</(?:p|li)>", section)]
assert len(items) >= 4 and any("times as often" in s for s in items), items
missing = [s for s in items if " ".join(s.split()) not in sys.argv[2]]
assert not missing, missing
PY
pass "the page's sentences, the rates among them, are all in the PDF"
check_contains "the workbook's sheets" "$(unzip -p gov/tables.xlsx xl/workbook.xml)" \
    '<sheet name="Stop and search by object"'
check_contains "by ethnic group" "$(unzip -p gov/tables.xlsx xl/workbook.xml)" \
    '<sheet name="Stop and search by ethnic group"'
