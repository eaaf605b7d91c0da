#!/usr/bin/env bash
# test_fund.sh - the Safety Fund from the command line: two `peel fund
# award` processes racing for the last of a round's budget (three times,
# each a fresh round: exactly one wins each time, the other is refused with
# the figures, and the awards never add up to more than the budget).
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

