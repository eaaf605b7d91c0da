#!/usr/bin/env bash
# test_clock_cli.sh - `peel calendar` and `peel clock`: the shipped bank
# holidays, a gov.uk file loaded (and a bad one refused, naming the field,
# with nothing stored), clocks started, stopped, resumed, extended and
# completed with due dates worked out as the rules say, the overdue check
# for cron exiting 1, SQL refused, and the audit chain whole afterwards.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_cmd sqlite3

section "the calendar"
run --rc 0 "$PEEL" calendar list --year 2027 --format csv
check_contains "shipped: Christmas 2027 moves to Monday 27" "$(out_text)" "2027-12-27,Monday,Christmas Day,Substitute day"
check_contains "and Boxing Day to Tuesday 28" "$(out_text)" "2027-12-28,Tuesday,Boxing Day,Substitute day"
check_eq "8 bank holidays in 2027" 9 "$(out_text | wc -l)"
check_eq "4 working days after Christmas Eve 2026" "2027-01-04 Monday" "$("$PEEL" calendar add 2026-12-24 4 --working)"
check_eq "28 days after 2 March 2026" "2026-03-30 Monday" "$("$PEEL" calendar add 2026-03-02 28)"
check_eq "counting 2 March as day 1" "2026-03-29 Sunday" "$("$PEEL" calendar add 2026-03-02 28 --same-day)"
run --rc 2 "$PEEL" calendar add 2026-02-29 3
check_contains "not a real date" "$(cat "$ERR")" "'2026-02-29' is not a date"

cat >bad.json <<'JSON'
{"england-and-wales": {"division": "england-and-wales", "events": [
 {"title": "New Year's Day", "date": "2026-01-01", "notes": "", "bunting": true},
 {"title": "Boxing Day", "date": "2026-12-26", "notes": "", "bunting": true},
 {"title": "Odd", "date": "2026-13-01", "notes": "", "bunting": "yes"}]}}
JSON
run --rc 2 "$PEEL" calendar load bad.json
check_contains "a weekend date, by index" "$(cat "$ERR")" "bad.json: england-and-wales.events[1].date: 2026-12-26 is a Saturday"
check_contains "a bad date" "$(cat "$ERR")" "bad.json: england-and-wales.events[2].date: '2026-13-01' is not a date"
check_contains "a bad field" "$(cat "$ERR")" "events[2].bunting: missing, or not true or false"
check_eq "nothing stored" 0 "$(sql "SELECT count(*) FROM calendar_load")"

# gov.uk's file, with a bank holiday proclaimed on Friday 12 June 2026
python3 - "$PEEL_SOURCE_DIR/data/calendar/bank-holidays-england-and-wales.json" >govuk.json <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
d["england-and-wales"]["events"].append({"title": "A new day", "date": "2026-06-12", "notes": "Extra bank holiday", "bunting": True})
d["scotland"] = {"division": "scotland", "events": []}
print(json.dumps(d, ensure_ascii=False))
PY
run --rc 0 "$PEEL" calendar load govuk.json
check_contains "loaded" "$(cat "$OUT")" "calendar: 84 bank holidays, 2018-01-01 to 2027-12-28, loaded from govuk.json"
run --rc 0 "$PEEL" calendar load govuk.json
check_contains "the same file again changes nothing" "$(cat "$OUT")" "is the calendar in use already"
check_eq "the new day counts" "2026-06-15 Monday" "$("$PEEL" calendar add 2026-06-11 1 --working)"
run --rc 0 "$PEEL" calendar list --year 2026
check_contains "where it came from" "$(cat "$OUT")" "Loaded from govuk.json on "

section "clocks"
T=(--today 2026-03-02)
run --rc 0 "$PEEL" clock start review:R-2026-0041 --days 28 --day-after --from 2026-03-02 \
    --for "Complaint review application window" "${T[@]}"
check_contains "28 days starting the day after" "$(cat "$OUT")" "due 2026-03-30 (Monday), 28 days left"
run --rc 0 "$PEEL" clock start hmicfrs:2026-03 --days 56 --day-after --from 2026-03-02 \
    --for "Response to HMICFRS (Police Act 1996 s.55)" "${T[@]}"
check_contains "56 days" "$(cat "$OUT")" "due 2026-04-27 (Monday)"
run --rc 0 "$PEEL" clock start decision:PCC/2026/014 --days 5 --working --day-after \
    --from 2026-04-02 --for "Publish the decision" "${T[@]}"
check_contains "5 working days across Easter" "$(cat "$OUT")" "due 2026-04-13 (Monday)"
run --rc 2 "$PEEL" clock start "no subject" --days 5 --for x
check_contains "a subject is KIND:KEY" "$(cat "$ERR")" "a SUBJECT KIND:KEY"

run --rc 0 "$PEEL" clock stop 1 --reason "Sent to the force in error" --on 2026-03-10
check_contains "stopped" "$(cat "$OUT")" "stopped, "
run --rc 1 "$PEEL" clock stop 1 --reason "again" --on 2026-03-11
check_contains "not twice" "$(cat "$ERR")" "it is stopped already"
run --rc 1 "$PEEL" clock resume 1 --on 2026-03-09
check_contains "dates never go back" "$(cat "$ERR")" "before the clock's start date or its last event"
run --rc 0 "$PEEL" clock resume 1 --on 2026-03-15 --today 2026-03-15
check_contains "5 days left out" "$(cat "$OUT")" "due 2026-04-04 (Saturday)"
run --rc 2 "$PEEL" clock extend 3 --days 2 --reason "  "
check_contains "an extension says why" "$(cat "$ERR")" "needs a reason that says something"
run --rc 0 "$PEEL" clock extend 3 --days 2 --reason "Awaiting legal advice" --today 2026-04-08
check_contains "two more working days" "$(cat "$OUT")" "due 2026-04-15 (Wednesday)"

run --rc 1 "$PEEL" clock list --overdue --today 2026-04-10 --format csv
check_contains "the cron check fails on an overdue clock" "$(out_text)" "1,review:R-2026-0041,"
check_eq "only it" 2 "$(out_text | wc -l)"
run --rc 0 "$PEEL" clock list --due-within 7 --today 2026-04-10 --format csv
check_eq "due within 7 days, overdue first" "1 3" "$(out_text | tail -n +2 | cut -d, -f1 | tr '\n' ' ' | sed 's/ $//')"
run --rc 0 "$PEEL" clock complete 1 --on 2026-04-10 --today 2026-04-10
check_contains "finished late" "$(cat "$OUT")" "finished 6 days late"
run --rc 1 "$PEEL" clock resume 1
check_contains "a completed clock never changes" "$(cat "$ERR")" "completed clock never changes"
run --rc 0 "$PEEL" clock list --overdue --today 2026-04-10
check_contains "nothing overdue now: exit 0" "$(cat "$OUT")" "Overdue clocks"
run --rc 1 "$PEEL" clock show 99
check_contains "an unknown clock" "$(cat "$ERR")" "clock 99: there is no such clock"

section "the record"
if sqlite3 "$PEEL_DB" "UPDATE clock_event SET effective = '2026-05-01' WHERE kind = 'complete'" 2>/dev/null; then
    fail "a clock's event was changed"
fi
if sqlite3 "$PEEL_DB" "DELETE FROM clock_event WHERE kind = 'stop'" 2>/dev/null; then
    fail "a clock's stop was removed"
fi
if sqlite3 "$PEEL_DB" "DELETE FROM calendar_holiday" 2>/dev/null; then
    fail "a loaded calendar was removed"
fi
run --rc 0 "$PEEL" audit list --format csv
check_contains "the load audited" "$(out_text)" ",calendar.load,calendar:england-and-wales,"
check_contains "a stop audited with its reason" "$(out_text)" "Sent to the force in error"
check_eq "one row per change (1 load, 3 starts, stop, resume, extend, complete)" 9 "$(out_text | wc -l)"
run --rc 0 "$PEEL" audit verify
check_contains "the chain is whole" "$(cat "$OUT")" "audit log: 8 rows, the chain is whole"
run --rc 0 "$PEEL" verify
check_not_contains "no trigger missing" "$(cat "$OUT")" "is missing"
