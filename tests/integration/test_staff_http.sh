#!/usr/bin/env bash
# test_staff_http.sh - the staff side through the real server, as a
# browser and a hostile client reach it (the policy itself is
# tests/unit/test_staff.c's): a form's body read whole within its bounds
# (411 without a length, 413 past 64 KiB before a byte of it is read; a
# file past 20 MiB 413, and one from a client with no session 403, at once), the
# cookies' attributes as sent, signing in and out with a cookie jar, the
# audit log exported by an auditor, and its head on the public site moving
# with every change; the log's chain still whole afterwards.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_cmd curl

demo_store
PASSWORD='correct horse battery staple'
run --rc 0 "$PEEL" --db "$PEEL_DB" user add audra --role auditor --name 'Audra Auditor'
printf '%s\n' "$PASSWORD" | run --rc 0 "$PEEL" --db "$PEEL_DB" user reset audra --password-stdin
start_server
code() { curl -s -m 10 -o /dev/null -w '%{http_code}' "$@"; }

section "the public site shows the audit log's head"
head_before=$(curl -s -m 10 "$BASE/api/audit-head.json")
check_contains "the head as data" "$head_before" '"rows":2,'
check_contains "on the open data page" "$(curl -s -m 10 "$BASE/open-data")" 'id="audit"'

section "a form's body, bounded before it is read"
check_eq "no Content-Length (chunked)" 411 \
    "$(code -H 'Transfer-Encoding: chunked' --data-binary 'a=1' "$BASE/staff/sign-in")"
big=$(head -c 70000 /dev/zero | tr '\0' 'a')
check_eq "past 64 KiB" 413 "$(code --data-binary "x=$big" "$BASE/staff/sign-in")"
check_eq "a file past 20 MiB" 413 "$(code -H 'Expect:' -H 'Content-Length: 22000000' \
    --data-binary x "$BASE/staff/decisions/PCC-2026-001/document")"
check_eq "a body past a form's, without a session" 403 "$(code -H 'Expect:' \
    -H 'Content-Length: 1000000' --data-binary x "$BASE/staff/decisions/PCC-2026-001/document")"
check_eq "a form to a public page" 405 "$(code -d 'a=1' "$BASE/")"
check_eq "a staff page without a session" 303 "$(code "$BASE/staff")"
check_eq "a POST without a token" 403 "$(code -d 'username=audra' "$BASE/staff/sign-in")"

section "signing in, as a browser does"
jar="$WORK/jar"
headers=$(curl -s -m 10 -D - -o "$WORK/signin.html" -c "$jar" "$BASE/staff/sign-in")
check_contains "the sign-in token's cookie" "$headers" \
    "Set-Cookie: __Host-peel-signin="
check_contains "its attributes" "$headers" "; Path=/; Max-Age=3600; Secure; HttpOnly; SameSite=Strict"
check_contains "no cache keeps it" "$headers" "Cache-Control: no-store"
token=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$WORK/signin.html" | head -1)
check_eq "the form's token" 64 "${#token}"
check_eq "from another site" 403 "$(code -b "$jar" -H 'Sec-Fetch-Site: cross-site' \
    --data-urlencode "csrf=$token" -d username=audra --data-urlencode "password=$PASSWORD" \
    "$BASE/staff/sign-in")"
headers=$(curl -s -m 10 -D - -o /dev/null -b "$jar" -c "$jar" --data-urlencode "csrf=$token" \
    -d username=audra --data-urlencode "password=$PASSWORD" "$BASE/staff/sign-in")
check_contains "signed in" "$headers" "Location: /staff"
check_contains "the session's cookie" "$headers" \
    "Set-Cookie: __Host-peel-session="
check_contains "its attributes" "$headers" "; Path=/; Secure; HttpOnly; SameSite=Strict"
home=$(curl -s -m 10 -b "$jar" "$BASE/staff")
check_contains "the staff home page" "$home" "signed in as Audra Auditor"
check_eq "HEAD of it" 200 "$(code -I -b "$jar" "$BASE/staff")"

section "the auditor's export"
csv=$(curl -s -m 10 -b "$jar" -D "$WORK/csv.h" "$BASE/staff/audit.csv")
check_contains "its columns" "$csv" "seq,at,actor,origin,action,object,before,after,prev_hash,hash"
check_contains "the sign-in, from the client's address" "$csv" ",audra,127.0.0.1,session.start,"
check_contains "served as CSV" "$(cat "$WORK/csv.h")" "Content-Type: text/csv"
if grep -qi "Access-Control-Allow-Origin" "$WORK/csv.h"; then
    fail "a staff export may be read by other sites' scripts"
fi
pass "no other site's script may read it"
json=$(curl -s -m 10 -b "$jar" "$BASE/staff/audit.json")
check_contains "as JSON" "$(tr -d ' ' <<<"$json")" '"action":"session.start"'

section "signing out"
csrf=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' <<<"$home" | head -1)
headers=$(curl -s -m 10 -D - -o /dev/null -b "$jar" -c "$jar" --data-urlencode "csrf=$csrf" \
    "$BASE/staff/sign-out")
check_contains "signed out" "$headers" "Location: /staff/sign-in?done=signed-out"
check_contains "the cookie removed" "$headers" "__Host-peel-session=; Path=/; Max-Age=0"
check_eq "the session is over" 303 "$(code -b "$jar" "$BASE/staff")"
head_after=$(curl -s -m 10 "$BASE/api/audit-head.json")
check_contains "the public head moved on (in, out)" "$head_after" '"rows":4,'
stop_server

section "the chain is whole"
run --rc 0 "$PEEL" --db "$PEEL_DB" audit verify
check_contains "four rows" "$(out_text)" "audit log: 4 rows, the chain is whole"
