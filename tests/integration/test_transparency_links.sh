#!/usr/bin/env bash
# test_transparency_links.sh - every link the shipped transparency calendar
# gives answers 200 on the demo store (so that an item pointing at a page
# Peel does not have, as the travel item's /spend/expenses once did, fails
# here): the calendar loaded, the synthetic spend file imported, and every
# href of /transparency and every item's path in /transparency.json
# fetched. Then the office-holders' expenses it links to (the Order's
# 3(h)): the one item the spend file marks, under £500, by month with its
# total, as CSV and JSON holding only such items; and the calendar's travel
# item read from them, with the date they were published.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_cmd curl python3

demo_store
run --rc 0 "$PEEL" transparency load "$PEEL_SOURCE_DIR/data/transparency/england-and-wales.csv"
run --rc 0 "$PEEL" spend sample spend.csv
run --rc 0 "$PEEL" spend import spend.csv
start_server

section "every link of the calendar answers"
fetch "$BASE/transparency" >page.html
fetch "$BASE/transparency.json" >t.json
python3 - page.html t.json >links.txt <<'PY'
import json, re, sys
html = open(sys.argv[1]).read()
links = set(re.findall(r'href="(/[^"#?]*)', html))
links |= {r["path"].split("#")[0] for r in json.load(open(sys.argv[2])) if r["path"]}
print("\n".join(sorted(links)))
PY
n=0
while read -r path; do
    check_eq "GET $path" 200 "$(status "$BASE$path")"
    n=$((n + 1))
done <links.txt
check_eq "the calendar's items' pages are among them" "yes" \
    "$(grep -qx /spend/expenses links.txt && grep -qx /grants links.txt && echo yes)"
[[ $n -ge 15 ]] || fail "only $n links crawled"
pass "$n links"

section "the office-holders' expenses"
fetch "$BASE/spend/expenses" >e.html
check_contains "the item under £500" "$(cat e.html)" "Commissioner&#39;s rail fare"
check_contains "its month linked, with the total" "$(tr -d '\n' <e.html)" \
    '<a href="/spend/2025-02">2025-02</a></th><td class="num">1</td><td class="num">£86.20</td>'
check_contains "the licence" "$(cat e.html)" "Open Government Licence"
check_not_contains "no other spend" "$(cat e.html)" "Midshire Fuel Cards"
fetch "$BASE/spend/expenses.csv" >e.csv
check_eq "as CSV: the header and the one item" 2 "$(wc -l <e.csv)"
check_contains "to the penny, marked" "$(cat e.csv)" ",P25-0004,Rail Operator plc (synthetic),86.20,"
check_eq "as JSON" "1 yes" "$(fetch "$BASE/spend/expenses.json" |
    python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d), d[0]["office_holder"])')"
check_contains "the spend CSV says which items are" "$(fetch "$BASE/spend.csv" | head -1)" \
    ",version,office_holder"

section "the calendar's travel item read from them"
check_contains "last published today" "$(grep 'id="travel"' page.html)" \
    "<time datetime=\"$(date +%F)\">"
check_contains "and linked" "$(grep 'id="travel"' page.html)" '<a href="/spend/expenses">'
stop_server
