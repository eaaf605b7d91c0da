#!/usr/bin/env bash
# test_contracts.sh - the contracts register from the command line and the
# site: an import needs --as; the synthetic file imported, a correction
# refused without --reason (naming file, line and contract) and published
# as version 2 with one;
# a redacted copy refused while its text holds a redacted string (named by
# number, never shown) and published without it, served as the file's bytes
# with the site's headers and linked from the pages and the package; the
# staff form's same check (refused, a token needed, accepted);
# the OCDS release package validated against the standard's schemas
# (check_ocds.py, tests/data/ocds) and checked against the Transparency
# Code CSV; /contracts, its .csv and .json, the package and a contract's
# versions served, an unknown reference 404; the funding source and the
# plan's missions by title on /contracts; the package imported back, into
# its own register unchanged and into another the same, a bad one named
# by JSON path. The importer's every kind of
# bad row is tests/unit/test_contracts.c's (under ASan), and the pages'
# markup and accessibility test_browser.sh's.
source "$(dirname "$0")/lib.sh"
require_cmd curl python3

section "an import is made as a finance officer"
PASSWORD='correct horse battery staple'
printf '%s\n' "$PASSWORD" | peel_ok user add cfo --role finance-officer --name CFO --password-stdin >/dev/null
peel_ok contracts sample c.csv >/dev/null
peel_ok contracts sample --revised c2.csv >/dev/null
run --rc 2 "$PEEL" contracts import c.csv
run --rc 0 "$PEEL" contracts import c.csv --as cfo
check_contains "seven published" "$(out_text)" "c.csv: 7 contracts, 7 versions published"

section "a correction needs a reason, and is a new version"
run --rc 2 "$PEEL" contracts import c2.csv --as cfo
check_contains "names the line" "$(cat "$ERR")" "c2.csv:4: C-2025-003: version 2 would replace version 1"
run --rc 0 "$PEEL" contracts import c2.csv --as cfo --reason "Keyed wrongly (synthetic)"
check_eq "two versions of C-2025-003" "2" \
    "$(sql "SELECT count(*) FROM contract_version WHERE ref = 'C-2025-003'")"

section "the redacted copy: refused while it holds a redacted string"
copy="$PEEL_SOURCE_DIR/tests/data/contract-copy.pdf" # "Jo" and "Bloggs" on two lines
if command -v pdftotext >/dev/null; then
    printf 'Mary Major\njo  bloggs\n' >names.txt
    run --rc 1 "$PEEL" contracts attach C-2025-003 "$copy" --as cfo --redacted-file names.txt
    check_contains "names the contract and the string's number" "$(cat "$ERR")" \
        "C-2025-003: contract-copy.pdf: refused: page 1 holds redacted string 2 (of 2)"
    check_not_contains "never the string" "$(cat "$ERR")" "bloggs"
    printf 'Mary Major\n' >names.txt
    run --rc 0 "$PEEL" contracts attach C-2025-003 "$copy" --as cfo --redacted-file names.txt
    sha=$(sha256sum "$copy" | cut -d' ' -f1)
    check_contains "published" "$(out_text)" "C-2025-003: /documents/$sha"
else
    no_checker "pdftotext (poppler-utils) is not installed"
fi

section "the OCDS package against the standard's schema"
peel_ok contracts ocds >ocds.json
peel_ok contracts list --format csv >contracts.csv
run --rc 0 python3 "$PEEL_SOURCE_DIR/tests/integration/check_ocds.py" ocds.json contracts.csv
check_contains "valid" "$(out_text)" "8 releases: valid"

section "the pages"
peel_ok plan load "$PEEL_SOURCE_DIR/plans/llr-2024-29.yaml" >/dev/null
start_server
fetch() { curl --noproxy '*' -s --max-time 20 "$@"; }
for path in /contracts.json /contracts/C-2025-003; do
    check_eq "GET $path" "200" "$(fetch -o "$WORK/page" -w '%{http_code}' "$BASE$path")"
done
check_contains "a contract's CSV: both versions" "$(fetch "$BASE/contracts/C-2025-003.csv")" \
    "Keyed wrongly (synthetic)"
check_eq "GET /contracts/NOPE" "404" "$(fetch -o /dev/null -w '%{http_code}' "$BASE/contracts/NOPE")"
peel_ok contracts ocds --public-url "$BASE/" >ocds.json
check_files_eq "the package served is the command's" ocds.json <(fetch "$BASE/contracts/ocds.json")
check_contains "the copy a contractSigned document" "$(cat ocds.json)" "\"$BASE/documents/$sha\""
fetch -D headers.txt -o served.pdf "$BASE/documents/$sha"
check_files_eq "the copy served is the file" "$copy" served.pdf
check_contains "as a PDF" "$(cat headers.txt)" "Content-Type: application/pdf"
check_contains "to download" "$(cat headers.txt)" "Content-Disposition: attachment"
check_contains "not sniffed" "$(cat headers.txt)" "X-Content-Type-Options: nosniff"
check_contains "linked from its page" "$(fetch "$BASE/contracts/C-2025-003")" \
    "href=\"/documents/$sha\""
page=$(fetch "$BASE/contracts")
check_contains "and from the register" "$page" "The redacted copy of C-2025-003 (PDF)"

section "the staff form: the same check"
sign_in cfo
csrf=$(fetch -b "$WORK/jar-cfo" "$BASE/staff/contracts/C-2025-001/copy" |
    sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
attach_form() { # the status of the form sent with the list $1
    fetch -o answer.html -w '%{http_code}' -b "$WORK/jar-cfo" -F "csrf=$csrf" \
        -F "file=@$copy;type=application/pdf" -F "redacted=$1" "$BASE/staff/contracts/C-2025-001/copy"
}
check_eq "refused: a name in it" 422 "$(attach_form $'Mary Major\nJO BLOGGS')"
check_contains "said by number" "$(cat answer.html)" "redacted string 2 (of 2)"
check_eq "without the token: refused" 403 "$(fetch -o /dev/null -w '%{http_code}' \
    -b "$WORK/jar-cfo" -F "file=@$copy" -F "redacted=Mary Major" \
    "$BASE/staff/contracts/C-2025-001/copy")"
check_eq "accepted" 303 "$(attach_form 'Mary Major')"
check_eq "C-2025-001's copy, by the form" 1 \
    "$(sql "SELECT count(*) FROM contract_copy WHERE ref = 'C-2025-001' AND attached_by = 'cfo'")"
check_contains "the list under £10,000" "$page" "£10,000 or less: the list"
check_contains "the correction and why" "$page" "version 2, published"
check_contains "its reason" "$page" "Keyed wrongly (synthetic)"
check_contains "the funding source, and the missions served by the plan's titles" "$page" \
    "<td>Ministry of Justice victims grant (SYNTHETIC)<br>Serves: Delivering for Victims and Witnesses; Supporting Victims</td>"
stop_server

section "the OCDS package imports: into another register, and into its own unchanged"
run --rc 0 "$PEEL" contracts import ocds.json --as cfo
check_contains "its own: nothing new" "$(out_text)" "ocds.json: 7 contracts, 0 versions published, 7 unchanged"
other=(--db "$WORK/other.db")
printf '%s\n' "$PASSWORD" | "$PEEL" "${other[@]}" user add cfo --role finance-officer --name CFO \
    --password-stdin >/dev/null
run --rc 0 "$PEEL" "${other[@]}" contracts import ocds.json --as cfo
check_contains "another: every contract" "$(out_text)" "ocds.json: 7 contracts, 7 versions published"
carried() { # the columns OCDS carries, of each contract, by reference
    python3 -c 'import csv, sys
cols = ["Reference Number", "Type", "Spent By", "Title of Agreement", "Supplier Name",
        "Supplier Registration Number", "Start Date", "End Date", "Contract Value",
        "Procurement Process", "Funding Source", "Plan Missions", "Copy URL", "OCID"]
for row in sorted(csv.DictReader(sys.stdin), key=lambda r: r["Reference Number"]):
    print("|".join(row[c] for c in cols))'
}
check_files_eq "the same contracts" <("$PEEL" contracts list --format csv | carried) \
    <("$PEEL" "${other[@]}" contracts list --format csv | carried)
check_contains "the missions kept" "$("$PEEL" "${other[@]}" contracts show C-2025-001 --format csv)" \
    '"m2, m2.s1"'
printf '{"releases": [{"ocid": "ocds-x-1", "date": "2025-01-01T00:00:00Z",
  "tender": {"id": "T-1", "procurementMethod": "auction"}}]}' >bad.json
run --rc 2 "$PEEL" "${other[@]}" contracts import bad.json --as cfo
check_contains "a problem named by its JSON path" "$(cat "$ERR")" \
    "bad.json: /releases/0/tender/procurementMethod: 'auction': open, selective, limited or direct"
check_contains "nothing imported" "$(cat "$ERR")" "peel contracts: nothing imported"
