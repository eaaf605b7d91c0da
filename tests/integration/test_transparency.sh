#!/usr/bin/env bash
# test_transparency.sh - `peel transparency` and `peel hmicfrs` on a copy of
# the demo store, and their pages: check's exit codes (2 with no calendar,
# 0 when nothing is overdue, 1 when something is), a bad calendar file
# refused whole with file, line and field, the shipped calendar loaded, an
# item made due by an event shown overdue in words on /transparency (and
# its .csv and .json), an HMICFRS response public only once published and
# only by the Commissioner (--as), and the budget register: its import,
# its page and the calendar's budget item read from it; the office-holders'
# address for correspondence recorded and shown on /transparency.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_cmd curl python3

demo_store
days_ago() { date -d "-$1 days" +%F; }

section "the calendar and check's exit codes"
run --rc 2 "$PEEL" transparency check
check_contains "no calendar: it cannot tell" "$(cat "$ERR")" "no calendar loaded"
cat >bad.csv <<'CSV'
key,title,source,publisher,rule,days,basis,path,register,note
spend,Spend,SIO 3(g),PCC,weekly,20,working,/spend,,
Spend,Spend again,SIO 3(g),PCC,monthly,0,working,spend,,
spend,Dup,SIO,PCC,before-year,3,calendar,,registers,
CSV
run --rc 2 "$PEEL" transparency load bad.csv
check_contains "a bad rule" "$(cat "$ERR")" "bad.csv:2: rule: 'weekly' is not before-year"
check_contains "a bad key" "$(cat "$ERR")" "bad.csv:3: key: a key starts with a lower-case letter"
check_contains "days out of range" "$(cat "$ERR")" "bad.csv:3: days: days are not 1 to 366"
check_contains "a bad path" "$(cat "$ERR")" "bad.csv:3: path: 'spend' is not a path on the site"
check_contains "a repeated key" "$(cat "$ERR")" "bad.csv:4: key: 'spend' is also the key of line 2"
check_contains "before-year takes no days" "$(cat "$ERR")" "bad.csv:4: days: a before-year rule"
check_contains "a bad register" "$(cat "$ERR")" "bad.csv:4: register: 'registers' is not"
check_eq "nothing stored" 0 "$(sql "SELECT count(*) FROM transparency_load")"

cat >small.csv <<'CSV'
key,title,source,publisher,rule,days,basis,path,register,note
spend,Spend over £500,SIO 2011 Sch. 1 para 3(g),Commissioner,monthly,20,working,/spend,,
CSV
run --rc 0 "$PEEL" transparency load small.csv
run --rc 2 "$PEEL" transparency publish spend --date 2026-12-10 --url https://example.org/s.csv
check_contains "a periodic item says its period" "$(cat "$ERR")" "say which (--period)"
run --rc 0 "$PEEL" transparency publish spend --period 2026-11 --date 2026-12-10 \
    --url https://example.org/s.csv
run --rc 0 "$PEEL" transparency check --as-of 2026-12-20
check_contains "nothing overdue: exit 0" "$(out_text)" "0 overdue, 0 due within 14 days, of 1 items"
# December's 20 working days skip 1 January 2027: due Friday 29 January
run --rc 0 "$PEEL" transparency check --as-of 2027-01-29 --format csv
check_contains "due on its last day" "$(out_text)" "2026-12,2027-01-29,due soon"
run --rc 1 "$PEEL" transparency check --as-of 2027-01-30 --format csv
check_contains "overdue the day after: exit 1" "$(out_text)" "2026-12,2027-01-29,OVERDUE,1"

section "the shipped calendar, an event and an HMICFRS report"
run --rc 0 "$PEEL" transparency load "$PEEL_SOURCE_DIR/data/transparency/england-and-wales.csv"
check_contains "every item" "$(out_text)" "25 items loaded"
run --rc 0 "$PEEL" transparency event staff-arrangements --date "$(days_ago 40)" --what "A new arrangement with the county council"
run --rc 0 "$PEEL" user add drafter --role officer --name Drafter
run --rc 0 "$PEEL" user add pcc --role commissioner --name Commissioner
run --rc 2 "$PEEL" hmicfrs add peel-2099 --title "PEEL test report" \
    --published "$(days_ago 50)" --url https://example.org/peel.pdf
check_contains "a change says who makes it" "$(cat "$ERR")" "(--as USER)"
run --rc 0 "$PEEL" hmicfrs add peel-2099 --as drafter --title "PEEL test report" \
    --published "$(days_ago 50)" --url https://example.org/peel.pdf
run --rc 1 "$PEEL" hmicfrs publish peel-2099 --as pcc
check_contains "s.55(4) first" "$(cat "$ERR")" "has not been invited to comment"
run --rc 0 "$PEEL" hmicfrs comment peel-2099 --as drafter --invited "$(days_ago 49)"
run --rc 0 "$PEEL" hmicfrs respond peel-2099 --as drafter --number 1 --recommendation "Answer calls sooner" \
    --response "RESPONSE-4b2e: funded from April"
run --rc 1 "$PEEL" transparency check
check_contains "the event made its item overdue" "$(out_text)" "staff-arrangements"
run --rc 1 "$PEEL" transparency contact commissioner --date "$(days_ago 3)" --name "A Person" \
    --address "Police HQ" --email not-an-address
check_contains "a bad field named" "$(cat "$ERR")" "contact commissioner: email: not an email address"
run --rc 0 "$PEEL" transparency contact commissioner --date "$(days_ago 3)" --name "A Person" \
    --address $'Police HQ <b>\nEnderby LE19 2BX' --email pcc@example.org --phone "0116 222 2222"
check_contains "recorded and published" "$(out_text)" "published at /transparency#office-holders-contact"

section "the budget register"
run --rc 0 "$PEEL" user add cfo --role finance-officer --name CFO
run --rc 0 "$PEEL" budget sample . 2025-26
run --rc 1 "$PEEL" budget import budget.csv --as drafter
check_contains "a finance role imports" "$(cat "$ERR")" "the role officer may not do this"
printf 'year,heading,amount\n2025-26,Pay,1\n2025-26,Total,2\n' >bad-budget.csv
run --rc 2 "$PEEL" budget import bad-budget.csv --as cfo
check_contains "a total that does not add up" "$(cat "$ERR")" \
    "bad-budget.csv:3: amount: 2025-26's total is £2.00, but its headings add up to £1.00"
run --rc 0 "$PEEL" budget import budget.csv --as cfo
check_contains "each year a version" "$(out_text)" "2022-23   7 headings   £223,200,000.00  published version 1"
run --rc 0 "$PEEL" budget mtfs mtfs-2025-26.csv --as cfo --title "MTFS 2025-26" \
    --published 2025-02-10 --url https://example.org/mtfs.pdf
run --rc 0 "$PEEL" budget precept 2099-00 opened --as cfo --on 2098-12-01
run --rc 0 "$PEEL" clock list --format csv
check_contains "the precept's first clock" "$(out_text)" "precept:2099-00:notify"
check_contains "due by 1 February" "$(out_text)" "2099-02-01"

section "the registers of interests, gifts and salaries"
run --rc 0 "$PEEL" registers sample .
run --rc 1 "$PEEL" registers import gifts gifts.csv --as drafter
check_contains "a registers role imports" "$(cat "$ERR")" "the role officer may not do this"
printf 'ref,name,post,date,type,details,donor,value,outcome\nG1,A,PCC,2026-13-01,gift,Pen,B,10,kept\n' \
    >bad-gifts.csv
run --rc 2 "$PEEL" registers import gifts bad-gifts.csv --as cfo
check_contains "a bad outcome, named by file, line and field" "$(cat "$ERR")" \
    "bad-gifts.csv:2: outcome: 'kept' is not accepted or declined"
run --rc 0 "$PEEL" registers import gifts gifts.csv --as cfo
run --rc 0 "$PEEL" registers import interests interests.csv --as cfo
run --rc 0 "$PEEL" registers import salaries salaries.csv --as cfo
run --rc 0 "$PEEL" registers withdraw gifts GH-003 --as cfo --reason "WITHDRAWN-7c1: wrong person"

start_server
check_contains "the budget page" "$(curl --noproxy '*' -s "$BASE/budget/2022-23")" \
    "Police Officer Pay &amp; Allowances"
check_contains "as CSV, to the penny" "$(curl --noproxy '*' -s "$BASE/budget.csv")" \
    "2022-23,1,Police Officer Pay & Allowances,113965920.00,51.06,"
check_contains "the strategy as JSON" "$(curl --noproxy '*' -s "$BASE/budget/mtfs.json")" \
    '"title": "MTFS 2025-26"'
curl --noproxy '*' -s "$BASE/transparency" >page.html
check_contains "the office-holders item links the address" "$(grep 'id="office-holders"' page.html)" \
    '<a href="/transparency#office-holders-contact">'
check_contains "the address, escaped, a line each" "$(cat page.html)" \
    $'<address>Police HQ &lt;b&gt;<br>\nEnderby LE19 2BX<br>\nEmail: <a href="mailto:pcc@example.org">'
check_contains "the budget item read from the register" "$(grep 'id="budget"' page.html)" \
    '<a href="/budget">'
check_contains "the interests item read from its register" "$(grep 'id="interests"' page.html)" \
    '<a href="/registers/interests">'
curl --noproxy '*' -s "$BASE/registers/gifts.csv" >g.csv
check_contains "a register as CSV, to the penny" "$(cat g.csv)" \
    "GH-001,Alex Example (synthetic),Police and Crime Commissioner,"
check_contains "its value and outcome" "$(grep '^GH-001,' g.csv)" ",45.00,accepted,1,current,"
check_contains "a withdrawn entry keeps its stub and reason" "$(grep '^GH-003,' g.csv)" \
    "withdrawn,WITHDRAWN-7c1: wrong person"
curl --noproxy '*' -s "$BASE/registers/gifts" >g.html
check_contains "the page says why" "$(cat g.html)" "WITHDRAWN-7c1: wrong person"
check_eq "and not what it said" "" "$(grep -h 'partnership conference' g.csv g.html || true)"
check_contains "as JSON" "$(curl --noproxy '*' -s "$BASE/registers/salaries.json")" \
    '"name": "Name withheld (consent refused)"'
check_contains "overdue in words" "$(grep -A0 'id="staff-arrangements"' page.html)" \
    '<strong class="overdue">Overdue</strong>: was due by'
check_contains "the s.55 response's due date from its clock" \
    "$(grep 'id="hmicfrs-response"' page.html)" "<strong>Due soon</strong>: by"
check_contains "travel read from the spend register's expenses" "$(grep 'id="travel"' page.html)" \
    '<a href="/spend/expenses">'
check_contains "grants read from the fund register" "$(grep 'id="grants"' page.html)" \
    '<a href="/grants">'
check_contains "a calendar item Peel does not publish says so" "$(grep 'id="premises"' page.html)" \
    "Not yet published in Peel"
check_contains "a publication outlives a new calendar" "$(grep 'id="spend"' page.html)" \
    '<a href="https://example.org/s.csv">'
curl --noproxy '*' -s "$BASE/transparency.csv" >t.csv
check_contains "as CSV" "$(grep '^staff-arrangements,' t.csv)" ",OVERDUE,"
curl --noproxy '*' -s "$BASE/transparency.json" |
    python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d), sum(r["state"]=="OVERDUE" for r in d) > 0)' >t.out
check_eq "as JSON: 25 items, some overdue" "25 True" "$(cat t.out)"
check_eq "a response not yet published is not public" 404 \
    "$(curl --noproxy '*' -s -o /dev/null -w '%{http_code}' "$BASE/hmicfrs/peel-2099")"
run --rc 1 "$PEEL" hmicfrs publish peel-2099 --as drafter
check_contains "only the Commissioner publishes" "$(cat "$ERR")" "the role officer may not do this"
run --rc 0 "$PEEL" hmicfrs publish peel-2099 --as pcc
check_contains "published" "$(curl --noproxy '*' -s "$BASE/hmicfrs/peel-2099")" \
    "RESPONSE-4b2e: funded from April"
check_contains "as CSV" "$(curl --noproxy '*' -s "$BASE/hmicfrs/peel-2099.csv")" \
    "1,Answer calls sooner,RESPONSE-4b2e: funded from April"
stop_server
run --rc 1 "$PEEL" hmicfrs respond peel-2099 --as drafter --number 2 --recommendation "x" \
    --response "y"
check_contains "a published response never changes" "$(cat "$ERR")" "it never changes"
run --rc 0 "$PEEL" audit verify
