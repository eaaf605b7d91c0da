#!/usr/bin/env bash
# test_fund.sh - the Safety Fund and grants received from the command line:
# two `peel fund award` processes racing for the last of a round's budget
# (three times, each a fresh round: exactly one wins each time, the other is refused with
# the figures, and the awards never add up to more than the budget); the
# grants-received table of seed 004 loaded (its 13 lines add up to its
# stated £5,294,742) and refused when one line is a pound out; the awards
# as 360Giving JSON and CSV validated against the standard's schemas, with
# a refuge's location in neither; the public application form over HTTP (a
# mistake shown with what was typed, a draft saved and come back to by its
# link and its reference, sent once, a closed round refused; the district,
# partnership and priorities chosen from the area lookup and the round's
# missions, kept in the draft, a value not among them refused); `peel
# application save` refusing an unknown district or priority with the
# valid ones, and a round that is not there writing nothing (no vault made,
# no audit row); the staff
# side's assessment (a conflicted assessor's score refused, moderation
# only by a moderator); an
# applicant's contact details sealed in the vault and nowhere in the
# database's bytes.
#
# Labelled atomicity (tests/CMakeLists.txt): its checks are of two
# processes' timing against SQLite's write lock; the store code they run
# is run under ASan by tests/unit/test_fund.c.
source "$(dirname "$0")/lib.sh"

section "a programme, a year of £30,000 and three rounds of £10,000"
peel_ok fund programme sf --title "Safety Fund (test)" --funder-id GB-GOV-TEST \
    --funder-name "Test PCC" --prefix 360G-test >/dev/null
peel_ok fund year sf 2024-25 --budget 30,000 >/dev/null
for i in 1 2 3; do
    peel_ok fund round "R$i" --programme sf --fy 2024-25 --title "Round $i" --theme Any \
        --opens 2024-05-01 --closes 2024-05-31 --budget 10,000 --threshold 65 >/dev/null
    peel_ok fund criterion "R$i" need --title Need --weight 1 >/dev/null
    peel_ok fund open "R$i" >/dev/null
done

section "two awards of £6,000 racing for each round's £10,000"
for i in 1 2 3; do
    "$PEEL" fund award "R$i" --to A --org-id GB-CHC-1000001 --title A --description A \
        --amount 6,000 >"$WORK/a$i.out" 2>"$WORK/a$i.err" &
    pa=$!
    "$PEEL" fund award "R$i" --to B --org-id GB-CHC-1000002 --title B --description B \
        --amount 6,000 >"$WORK/b$i.out" 2>"$WORK/b$i.err" &
    pb=$!
    ra=0 rb=0
    wait "$pa" || ra=$?
    wait "$pb" || rb=$?
    check_eq "round R$i: exit statuses, in either order" "0 2" "$(printf '%s\n' "$ra" "$rb" | sort | tr '\n' ' ' | sed 's/ $//')"
    check_contains "round R$i: the loser is told the figures" "$(cat "$WORK/a$i.err" "$WORK/b$i.err")" \
        "would take round R$i's awards over its budget of £10,000.00 (£6,000.00 awarded already)"
done
run --rc 0 "$PEEL" fund rounds --format csv
check_eq "each round's awards" "R1,1,6000.00 R2,1,6000.00 R3,1,6000.00" \
    "$(out_text | python3 -c 'import csv,sys; print(" ".join("%s,%s,%s" % (r["round"], r["awards"], r["awarded"]) for r in csv.DictReader(sys.stdin)))')"


section "360Giving: the JSON and CSV valid against the standard; a refuge's place never in them"
# a lookup's partnerships by name, with a code for one (csp_code) and none
# for the other, as the real lookups have none
printf 'lsoa_code,csp,csp_code\nE01000007,Charnwood CSP,E22000123\nE01000008,Melton CSP,\n' \
    >"$WORK/csp-codes.csv"
peel_ok import-areas "$WORK/csp-codes.csv" >/dev/null
peel_ok fund award R1 --to "Safe Harbour" --org-id GB-CHC-1000004 --title Refuge \
    --description "Outreach from a refuge" --amount 1,000.01 --district Hinckley-Refuge-Town \
    --csp E22099999 --sensitive --conditions "Quarterly returns" >/dev/null
peel_ok fund award R2 --to "Youth Boxing" --org-id GB-COH-01000005 --title Boxing \
    --description "Evening sessions" --amount 2,500 --district Charnwood --csp E22000123 >/dev/null
peel_ok fund award R3 --to "Melton Watch" --org-id GB-CHC-1000006 --title Watch \
    --description "Rural watch" --amount 100 --district Melton --csp "Melton CSP" >/dev/null
check_eq "a partnership given by its code is kept by its name" "Charnwood CSP" \
    "$(sqlite3 "$PEEL_DB" "SELECT csp_code FROM fund_award WHERE title = 'Boxing'")"
run --rc 0 "$PEEL" fund open-data
check_eq "nothing is public before the round's decision is published" "0" \
    "$(python3 -c 'import json,sys; print(len(json.load(sys.stdin)["grants"]))' <"$OUT")"
run --rc 0 "$PEEL" fund open-data --preview
cp "$OUT" grants.json
run --rc 0 "$PEEL" fund open-data --preview --format csv
cp "$OUT" grants.csv
run --rc 0 python3 "$PEEL_SOURCE_DIR/tests/integration/check_360giving.py" grants.json grants.csv
check_contains "valid against the 360Giving schemas" "$(cat "$OUT")" "6 grants: valid"
check_contains "the CSP code is the beneficiary location's geoCode" "$(cat grants.csv)" \
    "Charnwood,E22000123,CSP"
check_eq "a partnership without a code: no geoCode nor its type, never its name" \
    '[{"name": "Melton"}]' \
    "$(python3 -c 'import json,sys; print(json.dumps([g["beneficiaryLocation"] for g in json.load(open(sys.argv[1]))["grants"] if g["title"] == "Watch"][0]))' grants.json)"
check_not_contains "...in either" "$(cat grants.json grants.csv)" "Melton CSP"
check_not_contains "the refuge's district is in neither" "$(cat grants.json grants.csv)" "Hinckley"
check_not_contains "nor its partnership's code" "$(cat grants.json grants.csv)" "E22099999"

section "the annual report's grants received (seed 004): 13 lines, £5,294,742"
# Read from the seed in ../shared (never copied into the repository);
# skipped when it is absent. Its table is "NAME<TAB>AMOUNT" lines between
# "Grants Received 2021/22" and "Total Grant Funding".
seed=$(ls "$PEEL_SOURCE_DIR"/../shared/seeds/004_*.txt 2>/dev/null | head -1 || true)
if [[ -z "$seed" ]]; then
    echo "  (seed 004 not found: this part is skipped)"
else
    awk -F'\t' 'BEGIN { print "Funder,Purpose,Amount" }
        /^Grants Received 2021\/22/ { on = 1; next }
        on && /^Total Grant Funding/ { print "Total Grant Funding,,\"" $2 "\""; exit }
        on && NF == 2 && $2 ~ /^[0-9,]+$/ { print "\"" $1 "\",\"" $1 "\",\"" $2 "\"" }' \
        "$seed" >grants-2021-22.csv
    run --rc 0 "$PEEL" grants-received import grants-2021-22.csv --fy 2021-22
    check_contains "the 004 table loads" "$(out_text)" \
        "13 grants received in 2021-22, £5,294,742.00 in all, as stated"
    sed 's/"482,000"/"482,001"/' grants-2021-22.csv >off-by-one.csv
    run --rc 2 "$PEEL" grants-received import off-by-one.csv --fy 2021-22
    check_contains "a line changed by £1 is refused with both figures" "$(cat "$ERR")" \
        "off-by-one.csv:15: amount: the stated total £5,294,742.00 is not what the 13 lines add up to, £5,294,743.00"
fi

section "the public application form: a draft saved, come back to by its link, sent"
printf 'lsoa_code,district,csp\nE01000001,Blaby,Leicestershire\nE01000002,Charnwood,Leicestershire\n' \
    >"$WORK/areas.csv"
peel_ok import-areas "$WORK/areas.csv" >/dev/null
peel_ok fund round R4 --programme sf --fy 2024-25 --title "Round 4" --theme Any \
    --opens 2020-01-01 --closes 2099-12-31 --budget 1,000 --max-award 1,000 --threshold 65 --eligible charity,cic \
    --missions "m1, m2" >/dev/null
peel_ok fund criterion R4 need --title Need --weight 1 >/dev/null
peel_ok fund open R4 >/dev/null
require_cmd curl
peel_ok plan load "$PEEL_SOURCE_DIR/plans/llr-2024-29.yaml" >/dev/null # the site serves a plan
start_server
jar="$WORK/apply.jar"
form_token() { sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$1" | head -1; }
curl -s -m 10 -c "$jar" -o "$WORK/apply.html" "$BASE/grants/apply/R4"
token=$(form_token "$WORK/apply.html")
check_eq "a mistake: 400" 400 "$(curl -s -m 10 -b "$jar" -o "$WORK/mistake.html" -w '%{http_code}' \
    --data-urlencode "csrf=$token" -d action=save -d org_name=Tea+Urn -d amount=lots \
    "$BASE/grants/apply/R4")"
check_contains "the summary links to the field" "$(cat "$WORK/mistake.html")" '<a href="#amount">'
check_contains "what was typed is kept" "$(cat "$WORK/mistake.html")" 'value="Tea Urn"'
check_contains "the districts of the lookup to choose" "$(cat "$WORK/apply.html")" \
    '<option value="Blaby">Blaby</option>'
check_contains "the round's missions by their titles" "$(cat "$WORK/apply.html")" \
    'name="priorities" value="m2"'
check_eq "a district not in the lookup (crafted): 400" 400 "$(curl -s -m 10 -b "$jar" \
    -o "$WORK/hostile.html" -w '%{http_code}' --data-urlencode "csrf=$token" -d action=save \
    -d district=Blabyy -d priorities=m7 "$BASE/grants/apply/R4")"
check_contains "saying which field" "$(cat "$WORK/hostile.html")" \
    '<a href="#district">Choose the district or borough the project serves from the list</a>'
check_contains "and the priorities" "$(cat "$WORK/hostile.html")" '<a href="#priorities">'
headers=$(curl -s -m 10 -D - -o /dev/null -b "$jar" --data-urlencode "csrf=$token" \
    -d district=Charnwood -d csp_code=Leicestershire -d priorities=m2 \
    -d action=save -d org_name=Tea+Urn -d org_type=charity --data-urlencode "contact_name=Jo Marker-Bloggs" \
    --data-urlencode contact_email=jo.marker@example.org "$BASE/grants/apply/R4")
link=$(sed -n 's|^Location: \(/grants/application/A-[A-Z0-9]*\)?saved=1\r$|\1|p' <<<"$headers")
check_eq "saved: sent to its private link" 32 "${#link}"
curl -s -m 10 -c "$jar" -o "$WORK/draft.html" "$BASE$link?saved=1"
check_contains "the draft comes back" "$(cat "$WORK/draft.html")" 'value="Tea Urn"'
check_contains "its contact person kept, not shown" "$(cat "$WORK/draft.html")" "We have the contact details"
check_not_contains "never on the page" "$(cat "$WORK/draft.html")" "Marker"
check_contains "the draft keeps the district chosen" "$(cat "$WORK/draft.html")" \
    '<option value="Charnwood" selected>'
check_contains "and the priorities ticked" "$(cat "$WORK/draft.html")" 'value="m2" checked'
check_eq "found by its reference" "303 $link" "$(curl -s -m 10 -o /dev/null \
    -w '%{http_code} %{redirect_url}' "$BASE/grants/apply?ref=${link##*/}" | sed "s|$BASE||")"
token=$(form_token "$WORK/draft.html")
check_eq "sent: 200" 200 "$(curl -s -m 10 -b "$jar" -o "$WORK/sent.html" -w '%{http_code}' \
    --data-urlencode "csrf=$token" -d action=send -d org_name=Tea+Urn -d org_type=charity \
    -d org_id=GB-CHC-1234567 -d project=Tea -d amount=500 -d district=Blaby -d priorities=m1 \
    -d priorities=m2 "$BASE$link")"
check_contains "it meets the round's rules" "$(cat "$WORK/sent.html")" "It meets the round&#39;s rules"
check_eq "stored as the lookup's and the plan's keys" "Blaby|m1, m2" \
    "$(sqlite3 "$PEEL_DB" "SELECT district || '|' || priorities FROM fund_application WHERE ref = '${link##*/}'")"
check_eq "sent once only" 409 "$(curl -s -m 10 -b "$jar" -o /dev/null -w '%{http_code}' \
    --data-urlencode "csrf=$token" -d action=send "$BASE$link")"
check_eq "a closed round refuses the form" 403 "$(curl -s -m 10 -o "$WORK/closed.html" \
    -w '%{http_code}' "$BASE/grants/apply/R1")"
check_contains "saying so" "$(cat "$WORK/closed.html")" "This round closed on 2024-05-31"

section "the staff side's assessment: a conflicted assessor cannot score; only a moderator moderates"
printf 'correct horse battery staple\n' | peel_ok user add amy --role officer --name Amy \
    --password-stdin >/dev/null
staff="$WORK/staff.jar"
curl -s -m 10 -c "$staff" -o "$WORK/signin.html" "$BASE/staff/sign-in"
curl -s -m 10 -o /dev/null -b "$staff" -c "$staff" --data-urlencode "csrf=$(form_token "$WORK/signin.html")" \
    -d username=amy --data-urlencode "password=correct horse battery staple" "$BASE/staff/sign-in"
curl -s -m 10 -b "$staff" -o "$WORK/app.html" "$BASE/staff/applications/${link##*/}"
check_contains "the application, without its contact" "$(cat "$WORK/app.html")" "Tea Urn"
check_not_contains "never its contact person" "$(cat "$WORK/app.html")" "Marker"
token=$(form_token "$WORK/app.html")
post() { curl -s -m 10 -b "$staff" -o "$WORK/post.html" -w '%{http_code}' --data-urlencode "csrf=$token" "$@"; }
run --rc 0 "$PEEL" application allocate R4 --assessors amy --per 1
check_contains "allocated to amy" "$(out_text)" "1 allocation made"
check_contains "her applications to mark" "$(curl -s -m 10 -b "$staff" "$BASE/staff/marking")" \
    "${link##*/}</a></td><td>Tea Urn</td><td>Tea</td><td>R4 (closes 2099-12-31)</td><td>0 of 1</td><td>To mark"
check_eq "a conflict declared" 303 "$(post -d nature=Trustee "$BASE/staff/applications/${link##*/}/conflict")"
check_eq "then a score refused" 409 "$(post -d criterion=need -d score=4 "$BASE/staff/applications/${link##*/}/score")"
check_contains "saying why" "$(cat "$WORK/post.html")" "an assessor with a declared conflict never scores"
check_contains "no longer hers to mark" "$(curl -s -m 10 -b "$staff" "$BASE/staff/marking")" \
    "Conflict declared: not yours to mark"
run --rc 2 "$PEEL" application allocate R4 --assessors amy --per 1
check_contains "no one left to mark it: named, nothing allocated" "$(cat "$ERR")" \
    "${link##*/}: needs 1 more assessor, and 0 of those named may mark it"
check_eq "an officer does not moderate" 403 "$(post -d criterion=need -d score=4 -d reason=x \
    "$BASE/staff/applications/${link##*/}/moderate")"
check_contains "the round's applications against its threshold" \
    "$(curl -s -m 10 -b "$staff" "$BASE/staff/grants/R4")" "not yet scored"

section "a draft whose district is no longer a choice says so, on both sides"
run --rc 0 "$PEEL" application save R4 --org "Old Draft" --district Charnwood --priorities m2
old=$(sed -n 's/.*draft \(A-[A-Z0-9]*\).*/\1/p' <<<"$(out_text)")
check_eq "a draft saved" 12 "${#old}"
printf 'lsoa_code,district,csp\nE01000001,Blaby,Leicestershire\nE01000002,Charnwood Borough,Leicestershire\n' \
    >"$WORK/areas-renamed.csv"
peel_ok import-areas "$WORK/areas-renamed.csv" >/dev/null
check_contains "the applicant's page names it and says to choose again" \
    "$(curl -s -m 10 "$BASE/grants/application/$old")" \
    '<span class="field-error" id="district-stale">Your saved application says “Charnwood”, which is no longer one of the choices: choose again.</span>'
check_contains "the staff page too" "$(curl -s -m 10 -b "$staff" "$BASE/staff/applications/$old")" \
    "<dd>Charnwood <strong>No longer one of the round's choices: the applicant must choose again before sending it.</strong> district: &#39;Charnwood&#39; is not one of the round&#39;s choices (known: Blaby, Charnwood Borough)</dd>"
check_contains "a priority still offered is not flagged" \
    "$(curl -s -m 10 -b "$staff" "$BASE/staff/applications/$old")" "<dt>Priorities</dt><dd>m2</dd>"
peel_ok import-areas "$WORK/areas.csv" >/dev/null
stop_server

section "an application's contact person is sealed in the vault, never in the database"
run --rc 0 "$PEEL" application save R1 --org "Safe Homes" --org-type charity \
    --org-id GB-CHC-1234567 --project "Refuge outreach" --amount 500 --district Blaby \
    --contact-name "Jo Marker-Bloggs" --contact-email jo.marker@example.org --contact-phone 0116999123
check_contains "a draft with a reference to come back with" "$(out_text)" "draft A-"
sqlite3 "$PEEL_DB" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null 2>&1 || true
check_eq "the contact details in the database's bytes (audit log included)" "0" \
    "$(cat "$PEEL_DB"* | grep -a -c -e Marker-Bloggs -e jo.marker -e 0116999123 || true)"

section "peel application save refuses what is not among the choices, and writes nothing"
audits=$(sqlite3 "$PEEL_DB" "SELECT count(*) FROM audit")
run --rc 2 "$PEEL" application save R4 --org X --district Charnwod
check_contains "an unknown district, with the nearest" "$(cat "$ERR")" \
    "district: 'Charnwod' is not one of the round's choices (did you mean 'Charnwood'?)"
run --rc 2 "$PEEL" application save R4 --org X --priorities "m1, safer streets"
check_contains "an unknown priority, with the valid ones" "$(cat "$ERR")" "(known: m1, m2)"
run --rc 2 "$PEEL" application save R9 --org X --contact-name "Jo Nobody"
check_contains "no such round" "$(cat "$ERR")" "no round or application R9"
check_eq "nothing audited" "$audits" "$(sqlite3 "$PEEL_DB" "SELECT count(*) FROM audit")"
# the bug: a save to a round not there, in a store with no vault yet, made one (vault.create)
PEEL_DB="$WORK/novault.db" peel_ok import-areas "$WORK/areas.csv" >/dev/null
PEEL_DB="$WORK/novault.db" run --rc 2 "$PEEL" application save R9 --contact-name "Jo Nobody"
check_eq "no vault made, nothing audited" "0 no keys" \
    "$(sqlite3 "$WORK/novault.db" "SELECT count(*) FROM audit WHERE action LIKE 'vault.%'") $([[ -e "$WORK/novault.db.keys" ]] && echo keys || echo no keys)"

section "an award of an application takes its name and project whole, its first priority only"
# the bug: every field was cut at its first comma, as the priorities are
run --rc 0 "$PEEL" application save R4 --org "Smith, Jones and Co" --org-type charity \
    --org-id GB-CHC-1000009 --project "Tea, cake and talk" --amount 100 --district Blaby \
    --priorities "m2, m1"
comma=$(sed -n 's/.*draft \(A-[A-Z0-9]*\).*/\1/p' <<<"$(out_text)")
peel_ok application submit "$comma" >/dev/null
peel_ok fund award R4 --application "$comma" --amount 50 >/dev/null
run --rc 0 "$PEEL" fund awards R4 --format csv
check_contains "recipient, title, priority" "$(out_text)" \
    "R4,\"Smith, Jones and Co\",GB-CHC-1000009,\"Tea, cake and talk\",50.00,Blaby,,m2,"
