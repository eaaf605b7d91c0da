#!/usr/bin/env bash
# test_staff_decisions.sh - a decision's life on the staff side, through
# the real server as each role's browser would live it: an officer drafts
# a non-delegable decision (the precept), the finance and monitoring
# officers sign it off, the monitoring officer marks part of it exempt, the
# deputy is refused the decision (and no audit row is written for the
# refusal), the commissioner takes it, the officer publishes it, the
# commissioner corrects it (a new version with why). A form without its
# token changes nothing. The public view (peel decision show) never holds
# the exempt text. An HMICFRS report is recorded, answered and published
# through its forms (the officer may not publish; the commissioner does;
# nothing is added after). The audit chain is whole at the end.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_cmd curl

demo_store
PASSWORD='correct horse battery staple'
for who in olly:officer fran:finance-officer mona:monitoring-officer pat:commissioner dee:deputy \
    pam:panel-member; do
    run --rc 0 "$PEEL" --db "$PEEL_DB" user add "${who%%:*}" --role "${who##*:}" --name "${who%%:*}"
    printf '%s\n' "$PASSWORD" | run --rc 0 "$PEEL" --db "$PEEL_DB" user reset "${who%%:*}" --password-stdin
done
start_server

# act USER PATH FIELDS... : POSTs the fields with USER's form token; the status
act() {
    local jar="$WORK/jar-$1" path=$2 csrf
    shift 2
    csrf=$(curl -s -m 10 -b "$jar" "$BASE/staff" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
    local args=()
    for f in "$@"; do args+=(--data-urlencode "$f"); done
    curl -s -m 10 -o "$WORK/answer.html" -w '%{http_code}' -b "$jar" --data-urlencode "csrf=$csrf" \
        "${args[@]}" "$BASE$path"
}
audit_rows() { "$PEEL" --db "$PEEL_DB" audit list --format csv | tr -d '\r' | grep -c '^[0-9]'; }

for u in olly fran mona pat dee pam; do sign_in "$u"; done
D=/staff/decisions/PCC-2026-900
MARK=EXEMPT-MARKER-4b1e

section "drafted, signed off, part exempt"
check_eq "the officer starts it" 303 "$(act olly /staff/decisions/new ref=PCC/2026/900 \
    'subject=The precept for 2027-28' type=precept 'title=Precept 2027-28' \
    'decision=Set the precept at £300.15 for a Band D property' 'reasons=To balance the budget' \
    'amount=1,234,567.89' as=draft)"
check_eq "without the form's token: refused" 403 "$(curl -s -m 10 -o /dev/null -w '%{http_code}' \
    -b "$WORK/jar-fran" -d note=x "$BASE$D/signoff")"
check_eq "an officer may not sign off" 403 "$(act olly $D/signoff note=x)"
check_eq "the finance officer signs off" 303 "$(act fran $D/signoff 'note=Within the budget')"
check_eq "the monitoring officer signs off" 303 "$(act mona $D/signoff)"
check_eq "and marks part exempt" 303 "$(act mona $D/exempt field=financial "text=$MARK" ground=s.43)"
page=$(curl -s -m 10 -b "$WORK/jar-pat" "$BASE$D")
check_contains "advised" "$page" "<dt>State</dt><dd>advised</dd>"
check_contains "the commissioner is offered the decision" "$page" "Take the decision"

section "a non-delegable decision: the deputy is refused"
before=$(audit_rows)
check_eq "the deputy" 403 "$(act dee $D/decide decided_on=2026-12-01)"
check_contains "says why" "$(cat "$WORK/answer.html")" "only the commissioner may take this decision"
check_eq "no audit row for a refusal" "$before" "$(audit_rows)"
check_eq "the commissioner decides" 303 "$(act pat $D/decide decided_on=2026-12-01)"
check_eq "the officer publishes" 303 "$(act olly $D/publish)"
check_eq "a second publish: not possible now" 409 "$(act olly $D/publish)"

section "supporting documents: read by content, served as stored"
# upload USER FILE [FIELDS...] : the status of adding FILE to the decision
upload() {
    local jar="$WORK/jar-$1" file=$2 csrf
    shift 2
    csrf=$(curl -s -m 10 -b "$jar" "$BASE/staff" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
    local args=()
    for f in "$@"; do args+=(-F "$f"); done
    curl -s -m 10 -o /dev/null -w '%{http_code}' -b "$jar" -F "csrf=$csrf" -F "file=@$file" \
        "${args[@]}" "$BASE$D/document"
}
printf '%%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%%%EOF\n' >"$WORK/paper.pdf"
printf 'a,b\n1,2\n' >"$WORK/private.csv"
printf '<html><script>alert(1)</script></html>' >"$WORK/evil.pdf"
check_eq "a PDF, to publish" 303 "$(upload olly "$WORK/paper.pdf" public=yes)"
check_eq "a CSV, not to publish" 303 "$(upload olly "$WORK/private.csv")"
check_eq "markup named .pdf" 415 "$(upload olly "$WORK/evil.pdf")"
check_eq "a Panel member may not" 403 "$(upload pam "$WORK/paper.pdf")"
head -c 100000 /dev/zero >"$WORK/big.csv"
check_eq "a file without a session" 403 "$(curl -s -m 10 -o /dev/null -w '%{http_code}' \
    -F csrf=x -F "file=@$WORK/big.csv" "$BASE$D/document")"
paper=$(sha256sum "$WORK/paper.pdf" | cut -c1-64)
private=$(sha256sum "$WORK/private.csv" | cut -c1-64)
headers=$(curl -s -m 10 -D - -o "$WORK/got.pdf" "$BASE/documents/$paper")
check_contains "published: served as a PDF" "$headers" "Content-Type: application/pdf"
check_contains "as an attachment" "$headers" 'Content-Disposition: attachment; filename="paper.pdf"'
check_eq "the same bytes" "$paper" "$(sha256sum "$WORK/got.pdf" | cut -c1-64)"
check_eq "the unpublished one: not public" 404 \
    "$(curl -s -m 10 -o /dev/null -w '%{http_code}' "$BASE/documents/$private")"
check_eq "but staff read it" 200 "$(curl -s -m 10 -o /dev/null -w '%{http_code}' \
    -b "$WORK/jar-mona" "$BASE/staff/uploads/$private")"

section "a correction is a new version"
check_eq "the commissioner corrects" 303 "$(act pat $D/correct 'title=Precept 2027-28' \
    'decision=Set the precept at £300.51 for a Band D property' 'reasons=To balance the budget' \
    'amount=1,234,567.89' 'why=The figure was keyed wrongly')"
run --rc 0 "$PEEL" --db "$PEEL_DB" decision show PCC/2026/900 --json
shown=$(out_text)
check_contains "version 2" "$shown" '"version": 2'
check_contains "its reason" "$shown" "The figure was keyed wrongly"
check_contains "the exempt field named" "$shown" "financial"
if grep -q "$MARK" <<<"$shown"; then fail "the exempt text is in the public view"; fi
pass "the exempt text is not in the public view"

section "the exempt part reviewed from the staff page"
check_contains "the review form lists the held part" "$(curl -s -m 10 -b "$WORK/jar-mona" "$BASE$D")" \
    '<option value="financial">financial</option>'
check_eq "an officer may not review" 403 "$(act olly $D/review field=financial outcome=release \
    why=x)"
check_eq "kept without a date: refused" 400 "$(act mona $D/review field=financial outcome=keep \
    'why=Still commercial')"
check_eq "the monitoring officer releases it" 303 "$(act mona $D/review field=financial \
    outcome=release 'why=The contract is signed')"
check_contains "now on the public page" "$(curl -s -m 10 "$BASE/decisions/PCC-2026-900")" "$MARK"

section "an HMICFRS report: the drafters record, the commissioner publishes"
H=/staff/hmicfrs
check_eq "the officer records a report" 303 "$(act olly $H/new ref=peel-2026 'title=PEEL 2026' \
    published=2026-03-02 url=https://example.org/peel.pdf)"
check_eq "and the invitation" 303 "$(act olly $H/peel-2026/comment kind=invited on=2026-03-03)"
check_eq "and a response" 303 "$(act olly $H/peel-2026/respond number=1 \
    'recommendation=Answer calls sooner' 'response=RESPONSE-9c1d')"
check_eq "the officer may not publish" 403 "$(act olly $H/peel-2026/publish on=2026-04-20)"
check_eq "the commissioner publishes" 303 "$(act pat $H/peel-2026/publish on=2026-04-20)"
check_contains "public" "$(curl -s -m 10 "$BASE/hmicfrs/peel-2026")" "RESPONSE-9c1d"
check_eq "nothing added after" 409 "$(act olly $H/peel-2026/respond number=2 \
    'recommendation=More' 'response=Later')"
stop_server
run --rc 0 "$PEEL" --db "$PEEL_DB" audit verify
check_contains "the chain is whole" "$(out_text)" "the chain is whole"
