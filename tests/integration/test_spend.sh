#!/usr/bin/env bash
# test_spend.sh - `peel spend` and the /spend pages on the demo store: the
# synthetic file imported (a dry run first, which stores nothing), a bad
# file refused naming file, line and field, a revised month refused
# without a reason and then published as version 2, the versions and a
# month's items on the command line, and the pages: totals, corrections,
# CSV and JSON at the same addresses, the items chosen by body, month,
# supplier and the office-holder mark (/spend/items, its CSV and JSON), no
# individual's name anywhere, the
# open data page's entry, the charts' figures those of their tables.
# (The checks of every bad row, redaction, totals and the append-only
# tables are tests/unit/test_spend.c and
# test_append_only.c.)
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_cmd curl python3 sqlite3

demo_store

section "import"
run --rc 0 "$PEEL" spend sample spend.csv
run --rc 0 "$PEEL" spend sample --revised revised.csv
run --rc 0 "$PEEL" spend import spend.csv --dry-run
check_contains "a dry run says so" "$(cat "$OUT")" "a dry run: nothing stored"
check_eq "and stores nothing" 0 "$(sql "SELECT count(*) FROM spend_version")"
printf 'Date,Transaction Number,Supplier,Amount,Expense Type,Purpose\n2025-03-01,T1,A,12.345,X,P\n' >bad.csv
run --rc 2 "$PEEL" spend import bad.csv --body pcc
check_contains "a bad row named" "$(cat "$ERR")" "bad.csv:2: amount: '12.345' is not an amount"
run --rc 2 "$PEEL" spend import spend.csv --body council
run --rc 0 "$PEEL" spend import spend.csv
check_contains "published" "$(cat "$OUT")" "2025-03 force    3 items    £48,402.75  published version 1"
check_contains "redacted" "$(cat "$OUT")" "15 items, 2 supplier names redacted"
check_eq "six months of two bodies" 6 "$(sql "SELECT count(*) FROM spend_version")"
run --rc 2 "$PEEL" spend import revised.csv
check_contains "a changed month needs a reason" "$(cat "$ERR")" \
    "revised.csv: force 2025-03: version 2 would replace version 1 (1 added, 1 removed, 1 changed): say why with --reason"
run --rc 0 "$PEEL" spend import revised.csv --reason "F25-0008 was mis-keyed; F25-0009 is April's"
check_contains "version 2" "$(cat "$OUT")" "published version 2 (1 added, 1 removed, 1 changed)"
check_eq "one new version" 7 "$(sql "SELECT count(*) FROM spend_version")"
check_eq "each import audited (the refused and the dry run changed nothing)" 2 "$(sql "SELECT count(*) FROM audit WHERE action = 'spend.import'")"
run --rc 0 "$PEEL" spend list --format csv
check_contains "the versions" "$(out_text)" "2025-03,force,2,yes,3,44882.75,1,1,1,0,F25-0008 was mis-keyed; F25-0009 is April's"
run --rc 0 "$PEEL" spend show 2025-03 --body force --version 1 --format csv
check_contains "version 1 as it was" "$(out_text)" "F25-0009,Tactical Training Ltd (synthetic),2900.00"

section "the transparency calendar reads the register"
run --rc 0 "$PEEL" transparency load "$PEEL_SOURCE_DIR/data/transparency/england-and-wales.csv"
run --rc 2 "$PEEL" transparency publish spend --period 2025-03 --date 2025-04-10 --url https://x/s.csv
check_contains "kept by the register" "$(cat "$ERR")" "a register of Peel's"
run --rc 1 "$PEEL" transparency check --as-of 2025-04-15 --all --format csv
check_contains "March published: April is next" "$(out_text | grep '^spend,')" ",2025-04,"

section "pages"
start_server
get() { curl --noproxy '*' -s -o "$WORK/page" -w '%{http_code}' "$BASE$1"; }
check_eq "/spend" 200 "$(get /spend)"
check_contains "totals by supplier" "$(cat "$WORK/page")" "Spend by supplier"
# the charts: each an SVG with its text alternative, whose every figure is
# the table's (the months, and the first rows of the suppliers')
charts=$(python3 - "$WORK/page" <<'PY'
import html, re, sys
page = open(sys.argv[1], encoding="utf-8").read()
figures = re.findall(r'<figure class="chart">(.*?)</figure>', page, re.S)
def desc(fig):
    assert 'role="img"' in fig, "no role=img"
    d = html.unescape(re.search(r'<desc id="[^"]*">(.*?)</desc>', fig, re.S).group(1))
    bars = d.split(": ", 1)[1].split(". The largest: ")[0]
    return [tuple(b.rsplit(" ", 1)) for b in bars.split("; ")]
def rows(section):
    cells = re.findall(r'<tr><th scope="row">(.*?)</th><td class="num">\d+</td>'
                       r'<td class="num">([^<]*)</td></tr>', section)
    return [(html.unescape(re.sub("<[^>]*>", "", k)), html.unescape(v)) for k, v in cells]
months = rows(page.split('id="months"')[1].split("<h2")[0])
suppliers = rows(page.split('id="suppliers"')[1].split("<h2")[0])
assert len(figures) == 2, len(figures)
assert desc(figures[0]) == months, (desc(figures[0]), months)
assert desc(figures[1]) == suppliers[:10], (desc(figures[1]), suppliers)
print("charts", len(months), "months", len(desc(figures[1])), "suppliers")
PY
)
check_eq "the charts' figures are the tables'" "charts 3 months 10 suppliers" "$charts"
check_contains "a month linked" "$(cat "$WORK/page")" '<a href="/spend/2025-03">2025-03</a>'
check_contains "who spent, by name" "$(cat "$WORK/page")" '<td>The Chief Constable</td>'
check_not_contains "never by the register's word" "$(cat "$WORK/page")" '<td>force</td>'
check_not_contains "(either body)" "$(cat "$WORK/page")" '<td>pcc</td>'
check_contains "the licence" "$(cat "$WORK/page")" "Open Government Licence v3.0"
check_eq "/spend/2025-03" 200 "$(get /spend/2025-03)"
check_contains "what the correction did" "$(cat "$WORK/page")" \
    '<tr><th scope="row">F25-0009</th><td>removed</td><td></td></tr>'
check_contains "and why" "$(cat "$WORK/page")" "Why: F25-0008 was mis-keyed; F25-0009 is April&#39;s"
check_contains "whose items, by name" "$(cat "$WORK/page")" '<td>The Police and Crime Commissioner</td>'
check_not_contains "not by the word" "$(cat "$WORK/page")" '<td>pcc</td>'
check_eq "/spend.csv" 200 "$(get /spend.csv)"
check_contains "every item, to the penny" "$(tr -d '\r' <"$WORK/page")" \
    "2025-03-18,force,Midshire (synthetic),F25-0008,Secure IT Services Ltd (synthetic),24600.00"
check_eq "/spend.json" 200 "$(get /spend.json)"
check_eq "15 items as JSON" 15 "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$WORK/page")"
check_eq "/spend/2025-03.csv" 200 "$(get /spend/2025-03.csv)"
check_eq "no such month" 404 "$(get /spend/2025-13)"
check_eq "open data" 200 "$(get /open-data)"
check_contains "lists the spend files" "$(cat "$WORK/page")" "Months of spend published"
get /spend >/dev/null
check_contains "each supplier linked to its items" "$(cat "$WORK/page")" \
    '<a href="/spend/items?supplier=Secure%20IT%20Services%20Ltd%20%28synthetic%29">'
check_eq "/spend/items: every item" 200 "$(get /spend/items)"
check_contains "counted and totalled" "$(cat "$WORK/page")" "15 items, "
check_eq "the items of a supplier" 200 \
    "$(get '/spend/items?supplier=Secure%20IT%20Services%20Ltd%20(synthetic)&body=force')"
check_contains "one item" "$(cat "$WORK/page")" "1 item, £24,600.00 in all."
check_contains "the form keeps the query" "$(cat "$WORK/page")" \
    'name="supplier" type="text" value="Secure IT Services Ltd (synthetic)"'
check_contains "the same as data" "$(cat "$WORK/page")" \
    'href="/spend/items.csv?body=force&amp;supplier=Secure%20IT%20Services%20Ltd%20%28synthetic%29"'
check_eq "/spend/items.csv" 200 "$(get '/spend/items.csv?month=2025-03&body=force')"
check_eq "March's force items, the header and 3 rows" 4 "$(tr -d '\r' <"$WORK/page" | wc -l)"
check_eq "/spend/items.json" 200 "$(get '/spend/items.json?month=2025-01')"
check_eq "a month not one" 400 "$(get '/spend/items?month=2025-13')"
check_eq "a body not one" 400 "$(get '/spend/items?body=mayor')"
# the office-holders' expenses (the sample's one: P25-0004, the rail fare)
check_eq "the office holders' items" 200 "$(get '/spend/items?office_holder=yes')"
check_contains "one, the rail fare" "$(cat "$WORK/page")" "1 item, "
check_contains "P25-0004 shown" "$(cat "$WORK/page")" "P25-0004"
check_contains "the form keeps the choice" "$(cat "$WORK/page")" '<option value="yes" selected>'
check_contains "and the downloads" "$(cat "$WORK/page")" 'href="/spend/items.csv?office_holder=yes"'
check_eq "none of them" 200 "$(get '/spend/items?office_holder=no')"
check_contains "the other 14" "$(cat "$WORK/page")" "14 items, "
check_not_contains "not the rail fare" "$(cat "$WORK/page")" "P25-0004"
check_eq "their CSV" 200 "$(get '/spend/items.csv?office_holder=yes&body=pcc')"
check_eq "the header and the one row" 2 "$(tr -d '\r' <"$WORK/page" | wc -l)"
check_contains "its office_holder yes" "$(tr -d '\r' <"$WORK/page" | tail -1)" ",yes"
check_eq "their JSON" 200 "$(get '/spend/items.json?office_holder=no')"
check_eq "14 items, none an office holder's" "14 0" "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d), sum(1 for i in d if i["office_holder"] != "no"))' "$WORK/page")"
check_eq "office_holder not yes or no" 400 "$(get '/spend/items?office_holder=maybe')"
for p in /spend /spend/2025-01 /spend/2025-03 /spend.csv /spend.json /spend/items /spend/items.csv /open-data; do
    get "$p" >/dev/null
    check_not_contains "no individual's name on $p" "$(cat "$WORK/page")" "A. Person"
    check_not_contains "no individual's name on $p" "$(cat "$WORK/page")" "B. Example"
done
stop_server
