#!/usr/bin/env bash
# test_decision_cli.sh - `peel decision`: a register imported from CSV (a
# good file whole, a bad one not at all, every problem named by
# file:line:field), the verbs from draft to publication as accounts of
# the right roles (and refusals for the wrong ones), no exempt text in any
# public output, and the audit log and peel verify still whole.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
MARK=EXEMPT-MARKER-7f3a

for u in pcc:commissioner dpcc:deputy cfo:finance-officer mo:monitoring-officer off:officer \
    panel:panel-member; do
    run --rc 0 "$PEEL" user add "${u%%:*}" --role "${u#*:}" --name "${u%%:*}"
done

section "import"
run --rc 0 "$PEEL" decision sample reg.csv
check_contains "a synthetic register" "$(cat "$OUT")" "42 SYNTHETIC decisions"
run --rc 0 "$PEEL" decision import reg.csv --as off --dry-run
check_contains "checked only" "$(cat "$OUT")" "42 decisions checked, nothing imported"
cat >bad.csv <<'CSV'
reference,date,title,decision,value,link,status,exempt ground
PCC/2026/500,2026-02-30,Good title,Award,"328,075",https://x/a.pdf,,
PCC//501,2026-03-01,,Award,12.345,ftp://x,,
PCC/2026/502,01/04/2026,T,Award,"£39,305.40",,withheld,s.99
PCC/2026/500,2026-04-02,T,D,"1,00",,,
CSV
run --rc 2 "$PEEL" decision import bad.csv --as off
for want in "bad.csv:2: date:" "bad.csv:3: reference:" "bad.csv:3: title: empty" \
    "bad.csv:3: value: '12.345'" "bad.csv:3: link:" "bad.csv:4: exempt_ground: 's.99'" \
    "bad.csv:5: reference: 'PCC/2026/500' is also on line 2" "bad.csv:5: value: '1,00'" \
    "nothing imported"; do
    check_contains "every problem, by file:line:field" "$(cat "$ERR")" "$want"
done
check_eq "and nothing was" 0 "$(sql "SELECT count(*) FROM decision")"
run --rc 1 "$PEEL" decision import reg.csv --as panel
check_contains "a panel member does not import" "$(cat "$ERR")" "role may not"
run --rc 0 "$PEEL" decision import reg.csv --as off
check_eq "imported" 42 "$(sql "SELECT count(*) FROM decision")"
check_eq "each audited" 42 "$(sql "SELECT count(*) FROM audit WHERE action = 'decision.import'")"
run --rc 2 "$PEEL" decision import reg.csv --as off
check_contains "not twice" "$(cat "$ERR")" "is already in the register"

section "from draft to publication"
run --rc 0 "$PEEL" decision add PCC/2026/600 --as off --type contract --subject "Custody" \
    --title "Custody healthcare contract" --decision "Award to Provider A" --amount "250,000"
run --rc 1 "$PEEL" decision signoff PCC/2026/600 --as off --kind finance
check_contains "sign-off by the wrong role" "$(cat "$ERR")" "role may not"
run --rc 0 "$PEEL" decision signoff PCC/2026/600 --as cfo --kind finance --note "Within budget"
run --rc 0 "$PEEL" decision signoff PCC/2026/600 --as mo --kind monitoring
run --rc 0 "$PEEL" decision exempt PCC/2026/600 --as mo --field financial --ground s.43 \
    --text "$MARK unit prices"
run --rc 0 "$PEEL" decision decide PCC/2026/600 --as dpcc --on 2026-06-01
run --rc 1 "$PEEL" decision draft PCC/2026/600 --as off --title "Changed"
check_contains "a decided record is not edited" "$(cat "$ERR")" "only by a correction"
run --rc 0 "$PEEL" decision publish PCC/2026/600 --as off
run --rc 0 "$PEEL" decision correct PCC/2026/600 --as pcc --amount "240,000" --reason "Typo"
run --rc 0 "$PEEL" decision show PCC/2026/600 --json
check_contains "a correction is a version" "$(cat "$OUT")" '"version": 2'
check_contains "with why" "$(cat "$OUT")" '"correction_reason": "Typo"'
run --rc 0 "$PEEL" decision add PCC/2026/601 --as off --type precept --subject "Precept" \
    --title "Precept 2027-28" --decision "Set the precept"
run --rc 0 "$PEEL" decision signoff PCC/2026/601 --as cfo --kind finance
run --rc 0 "$PEEL" decision signoff PCC/2026/601 --as mo --kind monitoring
rows=$(sql "SELECT count(*) FROM audit")
run --rc 1 "$PEEL" decision decide PCC/2026/601 --as dpcc
check_contains "non-delegable" "$(cat "$ERR")" "only the commissioner"
check_eq "the refusal is not audited" "$rows" "$(sql "SELECT count(*) FROM audit")"
run --rc 0 "$PEEL" decision decide PCC/2026/601 --as pcc
run --rc 0 "$PEEL" decision withhold PCC/2026/601 --as mo --ground s.40 --reason "Personal"
run --rc 0 "$PEEL" decision show PCC/2026/601
check_contains "a stub" "$(cat "$OUT")" "s.40 Personal information"
check_not_contains "and no more" "$(cat "$OUT")" "Set the precept"

section "no exempt text in public output"
for fmt in text csv json; do
    run --rc 0 "$PEEL" decision list --format "$fmt" --page-size 100
    check_not_contains "list --format $fmt" "$(cat "$OUT")" "$MARK"
done
run --rc 0 "$PEEL" decision list --search "unit prices" --format csv
check_eq "search finds no exempt words" 1 "$(out_text | wc -l)"
run --rc 0 "$PEEL" decision list --search "custody" --format csv
check_contains "but public ones" "$(out_text)" "PCC/2026/600"
run --rc 0 "$PEEL" decision show PCC/2026/600 --json
check_not_contains "show" "$(cat "$OUT")" "$MARK"
run --rc 0 "$PEEL" decision staff PCC/2026/600 --as mo
check_contains "staff see it" "$(cat "$OUT")" "$MARK"
run --rc 1 "$PEEL" decision staff PCC/2026/600 --as panel
check_contains "a panel member does not" "$(cat "$ERR")" "not an enabled account of a staff role"
section "an exempt part reviewed: kept, then released"
run --rc 0 "$PEEL" decision exempt PCC/2026/600 --as mo --field legal --ground s.42 \
    --text "Counsel advised against" --review-on 2026-01-05
run --rc 0 "$PEEL" decision reviews --as mo --on 2026-01-05 --format csv
check_contains "due for review" "$(out_text)" "2026-01-05,PCC/2026/600,Custody,legal,s.42"
run --rc 2 "$PEEL" decision review PCC/2026/600 --as mo --field legal --review-on 2099-01-01
check_contains "a review says why" "$(cat "$ERR")" "reason:"
run --rc 0 "$PEEL" decision review PCC/2026/600 --as mo --field legal --review-on 2099-01-01 \
    --reason "Litigation continues"
run --rc 0 "$PEEL" decision reviews --as mo --on 2026-01-05 --format csv
check_not_contains "kept to a later date" "$(out_text)" "PCC/2026/600"
run --rc 0 "$PEEL" decision show PCC/2026/600 --json
check_not_contains "not public while kept" "$(cat "$OUT")" "Counsel advised"
run --rc 0 "$PEEL" decision review PCC/2026/600 --as mo --field legal --release --reason "Settled"
run --rc 0 "$PEEL" decision show PCC/2026/600 --json
check_contains "public once released" "$(cat "$OUT")" '"text": "Counsel advised against"'
check_not_contains "the other part still not" "$(cat "$OUT")" "$MARK"

run --rc 0 "$PEEL" decision plan --format csv
check_contains "the forward plan against the log" "$(out_text)" "not forward-planned"

section "the log and the store"
run --rc 0 "$PEEL" audit verify
check_contains "the chain is whole" "$(cat "$OUT")" "the chain is whole"
run --rc 0 "$PEEL" verify
check_contains "peel verify passes" "$(cat "$OUT")" "no problems found"
if sqlite3 "$PEEL_DB" "UPDATE decision_version SET title = 'x'" 2>/dev/null; then
    fail "a decided version was changed"
fi
