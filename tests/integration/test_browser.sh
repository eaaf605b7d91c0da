#!/usr/bin/env bash
# test_browser.sh - the public site in a real browser: Debian's Chromium,
# driven by playwright-core (tests/browser/check_site.mjs), through every page
# template reachable from the home page, with axe-core (WCAG 2.0-2.2 A and AA,
# zero violations), a 360 px phone, the keyboard, the console, accessible
# names of charts, the 400 and 404 pages and the data links' content types.
#
# Screenshots (home, a metric page, an area page when there is one, and the
# staff side: a decision as the commissioner sees it; desktop 1280x800 and
# phone 360x780) go to $WORK; with PEEL_SCREENSHOTS_OUT=DIR they are copied
# there too, and the README's chart and map drawn there (`make screenshots`:
# docs/). Every picture README.md and docs/*.md show must be in the tree.
# PEEL_BROWSER_PER_TEMPLATE=N checks N pages of each template (default 1;
# 0 every page).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

BROWSER_DIR="$PEEL_SOURCE_DIR/tests/browser"
CHROMIUM=${PEEL_CHROMIUM:-/usr/bin/chromium}
[[ -x "$CHROMIUM" ]] || no_checker "needs Chromium at $CHROMIUM (Debian package chromium)"
[[ -d "$BROWSER_DIR/node_modules/playwright-core" && -d "$BROWSER_DIR/node_modules/axe-core" ]] ||
    no_checker "needs playwright-core and axe-core in $BROWSER_DIR/node_modules (npm ci there)"
NODE=$(browser_node) || no_checker "needs Node.js 20 or later for playwright-core (system: $(node --version 2>/dev/null || echo none))"

demo_store
# the synthetic decision register, so that the register, a decision, a
# withheld decision's stub (PCC/2024/012) and the forward plan are checked
run --rc 0 "$PEEL" user add off --role officer --name Officer
run --rc 0 "$PEEL" decision sample reg.csv
run --rc 0 "$PEEL" decision import reg.csv --as off
# the synthetic spend register and a correction of its March, so that
# /spend and a month's page with its corrections are checked
run --rc 0 "$PEEL" spend sample spend.csv
run --rc 0 "$PEEL" spend sample --revised spend-revised.csv
run --rc 0 "$PEEL" spend import spend.csv
run --rc 0 "$PEEL" spend import spend-revised.csv --reason "A correction (synthetic)"
# a year of synthetic searches and a population by ethnic group, so that
# /stop-and-search is checked with its tables and rates
run --rc 0 "$PEEL" generate --out stops --from 2022-04 --to 2023-03 --rows 3000 \
    --kinds stop-and-search
run --rc 0 "$PEEL" import --quiet stops/police-uk
run --rc 0 "$PEEL" import-population --ethnicity stops/lookups/ethnic-population.csv
# the synthetic budget register, a strategy and a precept step, so that
# /budget and a year's page (reached from /budget and /transparency) are checked
run --rc 0 "$PEEL" user add cfo --role finance-officer --name CFO
run --rc 0 "$PEEL" budget sample . 2025-26
run --rc 0 "$PEEL" budget import budget.csv --as cfo
run --rc 0 "$PEEL" budget mtfs mtfs-2025-26.csv --as cfo --title "MTFS (synthetic)" \
    --published 2025-02-10 --url https://example.org/SYNTHETIC/mtfs.pdf
run --rc 0 "$PEEL" budget precept 2025-26 proposed --band-d 300.15 --on 2025-01-24 --as cfo
# a Safety Fund round open from 2020 to 2099 with one application sent and
# awarded, so that /grants/apply links to the application form and the staff
# side's /staff/grants to the round, the application and the award (all
# reached by links)
run --rc 0 "$PEEL" fund programme sf --title "Safety Fund" --funder-id GB-GOV-TEST \
    --funder-name "Test PCC" --prefix 360G-test
run --rc 0 "$PEEL" fund year sf 2026-27 --budget 30,000
run --rc 0 "$PEEL" fund round SF-R1 --programme sf --fy 2026-27 --title "Round 1" --theme Any \
    --opens 2020-01-01 --closes 2099-12-31 --budget 10,000 --threshold 65 --eligible charity,cic \
    --missions "m1, m2.s1"
run --rc 0 "$PEEL" fund criterion SF-R1 need --title "Need and evidence" --weight 1
run --rc 0 "$PEEL" fund open SF-R1
run --rc 0 "$PEEL" application save SF-R1 --org "Safe Homes (synthetic)" --org-type charity \
    --org-id GB-CHC-1234567 --project "Outreach" --amount 500 --district Blaby \
    --csp E22900002 --priorities m1
ref=$(sed -n 's/.*draft \(A-[A-Z0-9]*\).*/\1/p' "$OUT")
run --rc 0 "$PEEL" application submit "$ref"
check_eq "a partnership given by its code is kept by its name, as the pages show it" \
    "Leicestershire" "$(sql "SELECT csp_code FROM fund_application WHERE ref = '$ref'")"
# an award of it, so that the staff's award page (payments, returns) is
# reached from the round's page; /grants links to /grants/statistics
run --rc 0 "$PEEL" fund award SF-R1 --application "$ref" --amount 400
# the synthetic registers, a correction and a withdrawal, so that /registers
# and a register's page (reached from /open-data) are checked with their tables
run --rc 0 "$PEEL" registers sample .
for k in interests gifts salaries; do run --rc 0 "$PEEL" registers import $k $k.csv --as cfo; done
run --rc 0 "$PEEL" registers withdraw gifts GH-003 --as cfo --reason "Recorded twice (synthetic)"
# the synthetic contracts register, one corrected, so that /contracts and a
# contract's versions (reached from /contracts and /transparency) are checked
run --rc 0 "$PEEL" contracts sample contracts.csv
run --rc 0 "$PEEL" contracts sample --revised contracts-revised.csv
run --rc 0 "$PEEL" contracts import contracts.csv --as cfo
run --rc 0 "$PEEL" contracts import contracts-revised.csv --as cfo --reason "A correction (synthetic)"
# the synthetic commissioned services and their returns: /services and a
# service's page (its end date is on /staff/clocks)
run --rc 0 "$PEEL" services sample services.csv service-returns.csv
run --rc 0 "$PEEL" services import services.csv
run --rc 0 "$PEEL" services import --returns service-returns.csv
# an overdue clock, so that the tables of overdue clocks on /staff and
# /staff/clocks are checked
run --rc 0 "$PEEL" clock start review:R-2026-0001 --days 5 --from 2026-01-05 \
    --for "A complaint review (synthetic)"
# a year of the IOPC's annual figures, so that its page (reached from
# /complaints) is checked: the one sample of that template
printf '%s\n' "force,from,to,measure,breakdown,value,last_year,similar_forces,england_and_wales" \
    "leicestershire,2025-04-01,2026-03-31,cases_logged,,1604,1533,1490.5,2110" \
    "leicestershire,2025-04-01,2026-03-31,allegations_logged,Delivery of duties and service,901,,," \
    >iopc-annual.csv
run --rc 0 "$PEEL" iopc import iopc-annual.csv --annual
# the Commissioner's annual complaints report for that year, written and
# published, so that /complaints lists it; its sections' staff page is
# among the commissioner's start pages below
for s in summary accountability review-body front-end learning; do
    printf 'The Office on %s.\n\nA second paragraph.\n' "$s" >section.txt
    run --rc 0 "$PEEL" iopc text 2025-26 "$s" section.txt
done
run --rc 0 "$PEEL" report complaints --fy 2025-26 --out complaints-2025-26
run --rc 0 "$PEEL" publish complaints-2025-26
# the staff side: a commissioner (who sees most forms) on a draft, an
# advised and a published decision; an auditor on the audit log; an
# administrator on the accounts, with their forms
STAFF_PASSWORD=browser-test-password-1
for who in pcc:commissioner aud:auditor adm:administrator; do
    run --rc 0 "$PEEL" user add "${who%%:*}" --role "${who##*:}" --name "Test ${who##*:}"
    printf '%s\n' "$STAFF_PASSWORD" | run --rc 0 "$PEEL" user reset "${who%%:*}" --password-stdin
done
# the award's decision published, so that /grants draws its map of money by
# district (and /grants/map, linked from it), at both widths
run --rc 0 "$PEEL" user add mo --role monitoring-officer --name "Test monitoring-officer"
run --rc 0 "$PEEL" fund decision SF-R1 --as off
run --rc 0 "$PEEL" decision signoff FUND/SF-R1 --as cfo --kind finance
run --rc 0 "$PEEL" decision signoff FUND/SF-R1 --as mo --kind monitoring
run --rc 0 "$PEEL" decision decide FUND/SF-R1 --as pcc
run --rc 0 "$PEEL" decision publish FUND/SF-R1 --as off
run --rc 0 "$PEEL" decision add PCC/2026/777 --as off --type contract --subject 'Body worn video' \
    --title 'Body worn video cameras' --decision 'Buy them' --amount 328,075
# The crawl asks for every page from one address, as fast as Chromium
# loads them, two parts at once: lib.sh's start_server lifts the budget of
# pages made afresh per client (web/guard.h; test_serve_load tests it).
start_server
export PEEL_STAFF="pcc:$STAFF_PASSWORD:/staff,/staff/decisions/PCC-2026-777,/staff/decisions/PCC-2024-003,/staff/decisions/new,/staff/clocks,/staff/registers/gifts/new,/staff/complaints-report/2025-26 aud:$STAFF_PASSWORD:/staff/audit adm:$STAFF_PASSWORD:/staff/accounts"

section "every page template in Chromium"
export PEEL_CHROMIUM="$CHROMIUM"
rc=0
"$NODE" "$BROWSER_DIR/check_site.mjs" "$BASE" "$WORK/screenshots" || rc=$?
check_eq "check_site.mjs exit status (failures are listed above)" "0" "$rc"

for f in home-desktop home-phone metric-desktop metric-phone; do
    png="$WORK/screenshots/screenshot-$f.png"
    [[ -s "$png" ]] || fail "no screenshot $png"
    check_eq "screenshot-$f.png is a PNG" "89504e47" "$(head -c 4 "$png" | od -An -tx1 | tr -d ' \n')"
done
for f in staff-desktop staff-phone; do
    [[ -s "$WORK/screenshots/screenshot-$f.png" ]] || fail "no screenshot screenshot-$f.png (the staff side)"
done
if [[ -n "${PEEL_SCREENSHOTS_OUT:-}" ]]; then
    mkdir -p "$PEEL_SCREENSHOTS_OUT"
    cp "$WORK"/screenshots/screenshot-*.png "$PEEL_SCREENSHOTS_OUT/"
    pass "screenshots copied to $PEEL_SCREENSHOTS_OUT"
    # the README's chart and map pictures, by the commands their captions give
    run --rc 0 "$PEEL" chart shoplifting --out "$PEEL_SCREENSHOTS_OUT/example-xmr.png"
    run --rc 0 "$PEEL" chart --funnel --metric burglary --by district --fy 2021-22 \
        --out "$PEEL_SCREENSHOTS_OUT/example-funnel.png"
    run --rc 0 "$PEEL" map --fy 2021-22 --out "$PEEL_SCREENSHOTS_OUT/example-map.png"
    pass "example-xmr.png, example-funnel.png and example-map.png drawn in $PEEL_SCREENSHOTS_OUT"
fi

section "every picture the README and docs show is there"
# ![alt](path): relative to the Markdown file's folder
for md in "$PEEL_SOURCE_DIR/README.md" "$PEEL_SOURCE_DIR"/docs/*.md; do
    while read -r img; do
        [[ -s "$(dirname "$md")/$img" ]] || fail "${md#"$PEEL_SOURCE_DIR"/} shows $img, which is not there"
        pass "${md#"$PEEL_SOURCE_DIR"/}: $img"
    done < <(grep -o '!\[[^]]*\]([^)]*)' "$md" | sed 's/.*](\(.*\))/\1/')
done

stop_server
echo "browser: ok"
