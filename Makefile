# Peel - the two commands of the README, and the developer's others.
#
#   make         (make build) configure and build build/peel; runs no package
#                manager (the others run scripts/bootstrap PROFILE first, which
#                installs only what that target needs)
#   make install build, then install peel, its man page, plans and docs under
#                PREFIX (default /usr/local; DESTDIR honoured): peel on PATH
#   make demo    bootstrap demo, build, generate synthetic data, import it, print the
#                annual table, exceptions and a funnel, draw charts, write the
#                governance report, then (at a terminal) serve the site
#   make test    bootstrap test, then three tiers that run each check once (CI runs
#                this on a clean clone: under 10 minutes on 2 cores, README's
#                Development):
#                  test-normal  the NORMAL_ONLY labels, in a normal build (gcc)
#                  test-asan    every other ctest test under ASan+UBSan (clang),
#                               every fuzz corpus replayed among them
#                  test-fuzz    a search of FUZZ_QUICK_SECONDS per target, two
#                               at a time
#                every build with -Werror (PEEL_WERROR=ON)
#   make fuzz    the fuzz search proper: each target for FUZZ_SECONDS (default
#                300), after the corpus replay; for a nightly job or after a
#                parser change, e.g. make fuzz FUZZ_SECONDS=600
#   make schema  src/store/schema_fresh.c again, after adding a migration: the
#                script that makes a new store (store/schema_image.h)
#   make lint    the include rules of src/ (scripts/check-layers), clang-tidy and cppcheck;
#                make format  clang-format in place
#   make bench   the ingest benchmark (bench/ingest)
#   make screenshots  the site in Chromium, desktop and phone, into docs/
#   make bench-web    peel serve against nginx with wrk (bench/web)

BUILD       ?= build
ASAN_BUILD  ?= build-asan
DEMO        ?= demo
DEMO_PORT   ?= 8080
JOBS        ?= $(shell nproc)
PEEL        := $(BUILD)/peel
SOURCES     := $(shell find src tests/unit fuzz tools -name '*.[ch]' 2>/dev/null)
# The project's own builds fail on a warning; a plain cmake build does not
# (a packager's newer compiler may warn where this one does not).
CMAKE_FLAGS ?= -DPEEL_WERROR=ON

PREFIX      ?= /usr/local

# Ninja where it is installed (scripts/bootstrap test installs it), for a
# tree made new: cmake's Makefiles spent about 40 s of CPU of the sanitizer
# tree's build in make and cmake's own steps (dependency scans, link
# scripts, echoes), Ninja 0 (README's Development gives the figures). A tree
# keeps the generator it was made with, so builds go through cmake --build.
cmake_generator = $(if $(wildcard $(1)/CMakeCache.txt),,$(if $(shell command -v ninja),-G Ninja))

.PHONY: all build install demo test test-normal asan-build test-asan test-fuzz fuzz \
	lint format schema bench bench-web screenshots clean

# One target at a time, in the order given (test: normal, then ASan, then
# fuzz), even under make -j: each tier already uses every core.
.NOTPARALLEL:

all: build


build:
	@cmake $(call cmake_generator,$(BUILD)) -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo \
		$(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD) -j$(JOBS)

# cmake's install rules (CMakeLists.txt): bin/peel, libexec/peel/peel-draw, share/man/man1/peel.1,
# share/peel/plans/, share/doc/peel/. Run as root for /usr/local, or with
# PREFIX=$$HOME/.local (peel then on PATH where ~/.local/bin is).
install: build
	cmake --install $(BUILD) --prefix $(PREFIX)

demo:
	@scripts/bootstrap demo
	@$(MAKE) --no-print-directory build
	@rm -rf $(DEMO) && mkdir -p $(DEMO)
	$(PEEL) generate --out $(DEMO)/data
	$(PEEL) --db $(DEMO)/peel.db import --quiet $(DEMO)/data/police-uk
	$(PEEL) --db $(DEMO)/peel.db import-areas $(DEMO)/data/lookups/lsoa-areas.csv
	$(PEEL) --db $(DEMO)/peel.db import-population $(DEMO)/data/lookups/lsoa-population.csv
	$(PEEL) --db $(DEMO)/peel.db import-population --ethnicity $(DEMO)/data/lookups/ethnic-population.csv
	$(PEEL) --db $(DEMO)/peel.db plan load plans/llr-2024-29.yaml
	@echo "Demo staff accounts; their passwords are DEMO ONLY, printed once:"
	@for u in pcc:commissioner dpcc:deputy cfo:finance-officer mo:monitoring-officer \
		officer:officer auditor:auditor panel:panel-member admin:administrator; do \
		$(PEEL) --db $(DEMO)/peel.db user add $${u%%:*} --role $${u#*:} --name "Demo $${u#*:}" \
			| sed 's/^/  DEMO ONLY: /' || exit 1; done
	$(PEEL) --db $(DEMO)/peel.db decision sample $(DEMO)/data/decisions.csv
	$(PEEL) --db $(DEMO)/peel.db decision import $(DEMO)/data/decisions.csv --as officer
	$(PEEL) --db $(DEMO)/peel.db decision correct PCC/2024/003 --as pcc --amount 12,500 \
		--reason "The value was keyed as the annual figure; it is the total"
	$(PEEL) --db $(DEMO)/peel.db decision exempt PCC/2025/020 --as mo --field financial \
		--ground s.43 --text "Unit prices quoted by the bidders (synthetic)" \
		--review-on $$(date -d "-2 days" +%F)
	$(PEEL) --db $(DEMO)/peel.db decision plan
	@# The transparency calendar and HMICFRS responses: SYNTHETIC demo records (example.org).
	$(PEEL) --db $(DEMO)/peel.db transparency load data/transparency/england-and-wales.csv
	$(PEEL) --db $(DEMO)/peel.db transparency publish allowances --period $$(date -d '-3 months' +%Y-%m) \
		--date $$(date -d '-2 months' +%F) --url https://example.org/SYNTHETIC/allowances.csv
	@# The registers of interests, gifts and salaries (SYNTHETIC), one interest corrected: the
	@# calendar reads its items from them (a hand-recorded event of a register's item is refused).
	@mkdir -p $(DEMO)/data/registers
	$(PEEL) --db $(DEMO)/peel.db registers sample $(DEMO)/data/registers
	@for k in interests gifts salaries; do \
		$(PEEL) --db $(DEMO)/peel.db registers import $$k $(DEMO)/data/registers/$$k.csv --as mo || exit 1; done
	$(PEEL) --db $(DEMO)/peel.db registers import interests $(DEMO)/data/registers/interests-corrected.csv \
		--as mo --reason "SYNTHETIC: the Deputy took up an unpaid trusteeship"
	$(PEEL) --db $(DEMO)/peel.db hmicfrs add child-protection-2025 --as officer --published $$(date -d '-200 days' +%F) \
		--title "SYNTHETIC demo: an inspection of child protection" --url https://example.org/SYNTHETIC/cp.pdf
	$(PEEL) --db $(DEMO)/peel.db hmicfrs comment child-protection-2025 --as officer --invited $$(date -d '-198 days' +%F)
	$(PEEL) --db $(DEMO)/peel.db hmicfrs comment child-protection-2025 --as officer --received $$(date -d '-170 days' +%F) \
		--note "SYNTHETIC: the chief constable accepts both recommendations"
	$(PEEL) --db $(DEMO)/peel.db hmicfrs respond child-protection-2025 --as officer --number 1 \
		--recommendation "SYNTHETIC: record the voice of the child in every referral" \
		--response "SYNTHETIC: the Commissioner will ask for quarterly audits at the Board"
	$(PEEL) --db $(DEMO)/peel.db hmicfrs respond child-protection-2025 --as officer --number 2 \
		--recommendation "SYNTHETIC: train every response officer within twelve months" \
		--response "SYNTHETIC: funded from the 2025-26 budget; progress reported to the Panel"
	$(PEEL) --db $(DEMO)/peel.db hmicfrs publish child-protection-2025 --as pcc --on $$(date -d '-150 days' +%F)
	$(PEEL) --db $(DEMO)/peel.db hmicfrs add peel-2025 --as officer --published $$(date -d '-60 days' +%F) \
		--title "SYNTHETIC demo: PEEL 2025 police effectiveness, efficiency and legitimacy" \
		--url https://example.org/SYNTHETIC/peel-2025.pdf
	$(PEEL) --db $(DEMO)/peel.db hmicfrs comment peel-2025 --as officer --invited $$(date -d '-59 days' +%F)
	@# The budget register: SYNTHETIC but for 2022-23's 223.2m and its split (seed 004).
	@mkdir -p $(DEMO)/data/budget
	$(PEEL) --db $(DEMO)/peel.db budget sample $(DEMO)/data/budget
	$(PEEL) --db $(DEMO)/peel.db budget import $(DEMO)/data/budget/budget.csv --as cfo
	@for f in $(DEMO)/data/budget/mtfs-*.csv; do y=$${f##*/mtfs-}; y=$${y%.csv}; \
		$(PEEL) --db $(DEMO)/peel.db budget mtfs $$f --as cfo --title "SYNTHETIC: MTFS from $$y" \
			--published $${y%-*}-02-10 --url https://example.org/SYNTHETIC/mtfs-$$y.pdf || exit 1; done
	@y=$$(( $$(date +%-m) >= 4 ? $$(date +%Y) : $$(date +%Y) - 1 )); fy=$$y-$$((y + 1)); \
	next=$$((y + 1))-$$((y + 2)); set -e; \
	$(PEEL) --db $(DEMO)/peel.db budget precept $$fy proposed --on $$y-01-24 --band-d 300.15 --as pcc; \
	$(PEEL) --db $(DEMO)/peel.db budget precept $$fy panel-report --no-veto --on $$y-02-06 --as cfo; \
	$(PEEL) --db $(DEMO)/peel.db budget precept $$fy issued --on $$y-02-20 --as cfo; \
	$(PEEL) --db $(DEMO)/peel.db budget precept $$next opened --on $$(date -d '-5 days' +%F) --as cfo
	$(PEEL) --db $(DEMO)/peel.db spend sample $(DEMO)/data/spend.csv
	$(PEEL) --db $(DEMO)/peel.db spend sample --revised $(DEMO)/data/spend-revised.csv
	$(PEEL) --db $(DEMO)/peel.db spend import $(DEMO)/data/spend.csv
	$(PEEL) --db $(DEMO)/peel.db spend import $(DEMO)/data/spend-revised.csv \
		--reason "F25-0008 was keyed with the wrong amount; F25-0009 was April's (synthetic)"
	@# The contracts register: SYNTHETIC contracts and a tender, one corrected.
	$(PEEL) --db $(DEMO)/peel.db contracts sample $(DEMO)/data/contracts.csv
	$(PEEL) --db $(DEMO)/peel.db contracts sample --revised $(DEMO)/data/contracts-revised.csv
	$(PEEL) --db $(DEMO)/peel.db contracts import $(DEMO)/data/contracts.csv --as cfo
	$(PEEL) --db $(DEMO)/peel.db contracts import $(DEMO)/data/contracts-revised.csv --as cfo \
		--reason "C-2025-003 was keyed with the wrong value and end date (synthetic)"
	@# Its redacted copy (a hand-written SYNTHETIC PDF), checked for the name blacked out.
	@printf 'Jo Bloggs\n' >$(DEMO)/data/c-2025-003-redacted.txt
	$(PEEL) --db $(DEMO)/peel.db contracts attach C-2025-003 tests/data/contract-copy-redacted.pdf \
		--as cfo --redacted-file $(DEMO)/data/c-2025-003-redacted.txt
	@# The Safety Fund and grants received: SYNTHETIC demo records (example organisations);
	@# the partnerships given by the generated lookup's codes (E229...: SYNTHETIC, never issued),
	@# which the store keeps by their names, as the form offers them.
	$(PEEL) --db $(DEMO)/peel.db fund programme safety-fund --title "Commissioner's Safety Fund" \
		--funder-id GB-SYNTHETIC-PCC --funder-name "The Police and Crime Commissioner (SYNTHETIC)" \
		--prefix 360G-synthetic-pcc
	$(PEEL) --db $(DEMO)/peel.db fund year safety-fund $$(date -d '-3 months' +%Y)-$$(date -d '+9 months' +%y) \
		--budget 400,000
	$(PEEL) --db $(DEMO)/peel.db fund round SF-R1 --programme safety-fund \
		--fy $$(date -d '-3 months' +%Y)-$$(date -d '+9 months' +%y) --title "Round 1 (SYNTHETIC)" \
		--theme "Violence against women and girls" --specialist --opens $$(date -d '-80 days' +%F) \
		--closes $$(date -d '-50 days' +%F) --budget 40,000 --threshold 65 \
		--eligible charity,cio,cic,community-group --missions m1,m2 \
		--rules "Constituted groups, charities and CICs working in the force area; no individuals"
	$(PEEL) --db $(DEMO)/peel.db fund cofunder SF-R1 --funder "Violence Reduction Network (SYNTHETIC)" --share 10,000
	$(PEEL) --db $(DEMO)/peel.db fund criterion SF-R1 need --title "Need and evidence" --weight 30
	$(PEEL) --db $(DEMO)/peel.db fund criterion SF-R1 priorities --title "Fits the plan's priorities" --weight 30
	$(PEEL) --db $(DEMO)/peel.db fund criterion SF-R1 delivery --title "Deliverable and value for money" --weight 40
	$(PEEL) --db $(DEMO)/peel.db fund open SF-R1
	@# Five applications sent while SF-R1 was open (two awarded below, three not), for the
	@# fund's statistics; their references in $(DEMO)/data/applications.txt.
	@set -e; : >$(DEMO)/data/applications.txt; \
	for a in "Oadby Youth Boxing (SYNTHETIC)|GB-COH-99900002|Oadby and Wigston|E22900002|6400.50" \
		"Rutland Rural Watch (SYNTHETIC)|GB-CHC-9990003|Rutland|E22900003|3200" \
		"Charnwood Street Pastors (SYNTHETIC)|GB-CHC-9990004|Charnwood|E22900002|8000" \
		"Loughborough Night Bus (SYNTHETIC)|GB-CHC-9990005|Charnwood|E22900002|9500" \
		"Shepshed Youth Club (SYNTHETIC)|GB-CHC-9990006|Charnwood|E22900002|5000"; do \
		org=$${a%%|*}; rest=$${a#*|}; id=$${rest%%|*}; rest=$${rest#*|}; \
		district=$${rest%%|*}; rest=$${rest#*|}; csp=$${rest%%|*}; amount=$${rest#*|}; \
		ref=$$($(PEEL) --db $(DEMO)/peel.db application save SF-R1 --org "$$org" --org-type charity \
			--org-id "$$id" --project "SYNTHETIC: a project of $$org" --amount "$$amount" \
			--district "$$district" --csp "$$csp" --priorities m1 \
			--outcomes "SYNTHETIC: 40 young people a term" \
			| sed -n 's/.*draft \(A-[A-Z0-9]*\).*/\1/p'); \
		$(PEEL) --db $(DEMO)/peel.db application submit "$$ref" --on $$(date -d '-60 days' +%F) >/dev/null; \
		echo "$$ref" >>$(DEMO)/data/applications.txt; done
	$(PEEL) --db $(DEMO)/peel.db fund award SF-R1 --to "Safe Harbour Refuge (SYNTHETIC)" --org-id GB-CHC-9990001 \
		--title "Outreach from a refuge" --description "SYNTHETIC: support workers for women leaving abuse" \
		--amount 9,850 --district Leicester --csp E22900001 --priority m2 --sensitive \
		--conditions "Quarterly monitoring returns" --on $$(date -d '-40 days' +%F)
	$(PEEL) --db $(DEMO)/peel.db fund award SF-R1 --application $$(sed -n 1p $(DEMO)/data/applications.txt) \
		--title "Evening sessions" --description "SYNTHETIC: boxing and mentoring for 11-16s" \
		--amount 6,400.50 --priority m1 --on $$(date -d '-40 days' +%F)
	$(PEEL) --db $(DEMO)/peel.db fund award SF-R1 --application $$(sed -n 2p $(DEMO)/data/applications.txt) \
		--title "Farm watch radios" --description "SYNTHETIC: radios for a rural watch scheme" \
		--amount 3,200 --priority m1 --on $$(date -d '-40 days' +%F)
	$(PEEL) --db $(DEMO)/peel.db fund decision SF-R1 --as officer
	$(PEEL) --db $(DEMO)/peel.db decision signoff FUND/SF-R1 --as cfo --kind finance
	$(PEEL) --db $(DEMO)/peel.db decision signoff FUND/SF-R1 --as mo --kind monitoring
	$(PEEL) --db $(DEMO)/peel.db decision decide FUND/SF-R1 --as pcc --on $$(date -d '-30 days' +%F)
	$(PEEL) --db $(DEMO)/peel.db decision publish FUND/SF-R1 --as officer
	@# After the awards: payments, and monitoring returns (one received, one overdue, one due).
	$(PEEL) --db $(DEMO)/peel.db award pay SF-R1-1 --amount 4,925 --reference "REM-SYNTH-001" --on $$(date -d '-25 days' +%F)
	$(PEEL) --db $(DEMO)/peel.db award pay SF-R1-2 --amount 6,400.50 --reference "REM-SYNTH-002" --on $$(date -d '-25 days' +%F)
	$(PEEL) --db $(DEMO)/peel.db award return-due SF-R1-1 --due $$(date -d '-5 days' +%F) --covers "First monthly return (SYNTHETIC)"
	$(PEEL) --db $(DEMO)/peel.db award return-due SF-R1-2 --due $$(date -d '-10 days' +%F) --covers "First monthly return (SYNTHETIC)"
	$(PEEL) --db $(DEMO)/peel.db award return SF-R1-2 1 --on $$(date -d '-12 days' +%F) --status partly-met \
		--delivered "SYNTHETIC: 31 young people attended, of 40 expected"
	$(PEEL) --db $(DEMO)/peel.db award return-due SF-R1-3 --due $$(date -d '+60 days' +%F) --covers "End-of-project return (SYNTHETIC)"
	$(PEEL) --db $(DEMO)/peel.db grants-received sample $(DEMO)/data/grants-received.csv \
		--fy $$(date -d '-3 months' +%Y)-$$(date -d '+9 months' +%y)
	$(PEEL) --db $(DEMO)/peel.db grants-received import $(DEMO)/data/grants-received.csv \
		--fy $$(date -d '-3 months' +%Y)-$$(date -d '+9 months' +%y)
	@# Commissioned services: SYNTHETIC lines adding up to 004's total, and their returns.
	$(PEEL) --db $(DEMO)/peel.db services sample $(DEMO)/data/services.csv \
		$(DEMO)/data/service-returns.csv
	$(PEEL) --db $(DEMO)/peel.db services import $(DEMO)/data/services.csv
	$(PEEL) --db $(DEMO)/peel.db services import --returns $(DEMO)/data/service-returns.csv
	$(PEEL) --db $(DEMO)/peel.db clock start decision:PCC/2025/020 --days 5 --working --day-after \
		--from $$(date -d '-3 days' +%F) --for "Publish the decision (the Office's 5 working days)"
	$(PEEL) --db $(DEMO)/peel.db stats --fy 2021-22
	$(PEEL) --db $(DEMO)/peel.db exceptions
	$(PEEL) --db $(DEMO)/peel.db compare --metric burglary --by district --fy 2021-22
	$(PEEL) --db $(DEMO)/peel.db chart shoplifting --out $(DEMO)/shoplifting.svg
	$(PEEL) --db $(DEMO)/peel.db chart --funnel --metric burglary --by district --fy 2021-22 \
		--out $(DEMO)/burglary-funnel.svg
	$(PEEL) --db $(DEMO)/peel.db report governance --period 2023-03 --out $(DEMO)/report
	$(PEEL) --db $(DEMO)/peel.db report annual --fy 2021-22 --out $(DEMO)/annual
	$(PEEL) --db $(DEMO)/peel.db report public --period 2023-03 --out $(DEMO)/public
	@echo
	@echo "The demo database is $(DEMO)/peel.db (SYNTHETIC data: see $(DEMO)/data/README.txt)."
	@echo "Try: $(PEEL) --db $(DEMO)/peel.db stats --group-by quarter,district --from 2021-04"
	@echo "     $(PEEL) --db $(DEMO)/peel.db metrics"
	@echo "     $(PEEL) --db $(DEMO)/peel.db scan --by district"
	@echo "     $(PEEL) --db $(DEMO)/peel.db decision list --search 'body worn video'"
	@echo "     $(PEEL) --db $(DEMO)/peel.db transparency check"
	@echo "     $(PEEL) --db $(DEMO)/peel.db spend show --by supplier"
	@echo "     $(PEEL) --db $(DEMO)/peel.db contracts list --part copies"
	@echo "     $(PEEL) --db $(DEMO)/peel.db award returns; $(PEEL) --db $(DEMO)/peel.db fund stats --by district --public"
	@echo "The governance report is $(DEMO)/report/index.html; the public one $(DEMO)/public/index.html."
	@echo "The annual report's crime statistics are $(DEMO)/annual/index.html (and report.pdf)."
	@echo "Staff sign in at http://127.0.0.1:$(DEMO_PORT)/staff/sign-in with the demo accounts above."
	@# The site runs until Ctrl-C: only when someone is at a terminal to stop it,
	@# so that a script running `make demo` still finishes.
	@if [ -t 0 ] && [ -t 1 ]; then \
		echo; $(PEEL) --db $(DEMO)/peel.db serve --port $(DEMO_PORT); \
	else \
		echo "Start the public site with: $(PEEL) --db $(DEMO)/peel.db serve --port $(DEMO_PORT)"; \
	fi

# PEEL_REQUIRE_CHECKERS: after scripts/bootstrap test, a test whose checker
# (Chromium, Node.js 20+, curl, poppler, cmocka ...) is missing fails instead
# of skipping (tests/integration/lib.sh no_checker), so that no check stops
# running unseen. Only the real data may be absent (those tests skip).
export PEEL_REQUIRE_CHECKERS := 1

test:
	@scripts/bootstrap test
	@$(MAKE) --no-print-directory test-normal test-asan test-fuzz

# Each ctest test runs in one tier, not two. The ASan+UBSan tier runs every
# test whose checks are of what the C code does (below): the same assertions
# a normal build would run, with every memory and undefined-behaviour error
# caught besides, so running them again in a normal build checked nothing
# more (it took 110 s of the 10-minute budget). The normal tier runs the
# NORMAL_ONLY labels: tests whose checks are of what other programs see
# (Chromium and axe-core, poppler, timing under load) or that repeat, on
# the 36 real months or killed mid-write again and again, code the ASan
# tier runs already. The normal build compiles all of src/ with -Werror at
# -O2 (warnings -O1 does not give); it links only peel, since its tier runs
# no unit test (the ASan tier builds and runs them all).
NORMAL_ONLY := browser|real|atomicity|repeat

test-normal:
	@cmake $(call cmake_generator,$(BUILD)) -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo \
		$(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD) -j$(JOBS) --target peel
	cd $(BUILD) && ctest --output-on-failure -j$(JOBS) -L '$(NORMAL_ONLY)'

# The ASan+UBSan pass runs what exercises C code: every unit test, the
# fixture builds, serve, explore, export, atomicity, each report kind, the
# imports. It leaves out the browser label (test_browser: Chromium and
# axe-core), which only re-checks in a browser pages that test_serve and the
# other serve tests already fetch under ASan here: the same bytes, so a
# second run finds nothing new. It leaves out the real label too (the 36 real
# months imported, reported and checked against the annual report: about
# 70 s under ASan): the same import and report code on more rows, which the
# demo-store tests and the fuzz targets already run under ASan; the normal
# tier still runs them. -O1: ASan's own advice for a usable speed (the
# same checks; at -O0 the heaviest tests took twice as long: test_atomicity
# 89 s against 40 s). It leaves out the repeat label (tests/CMakeLists.txt:
# the report's PDF re-read by poppler, readers during a write, the server
# under load, the explorer's slots all taken, the exempt-marker crawl of
# every public output, the shipped plans' contents: their C code runs under
# ASan in other tests, their checks are of timing, of bytes other programs
# read, or of what a page or a shipped file says). The demo store the normal
# tier built (same sources, moments before) is copied rather than imported
# again (PEEL_FIXTURE_FROM, tests/integration/fixture.sh): the import runs
# under ASan in the import tests on smaller data; 25 s of the tier were
# that one import.
#
# One sanitizer tree serves the ASan tier and the fuzzers (asan-build): clang
# compiles the library once with ASan, UBSan and libFuzzer's coverage
# instrumentation (-DPEEL_FUZZ=ON, CMakeLists.txt), the tests and the fuzz
# targets link to it. A gcc ASan tree and a clang fuzz tree were 71 s and
# 73 s of building; the instrumentation costs the tests nothing measurable
# (test_report_governance and test_serve_area: 35.0 and 37.0 s against
# gcc's 35.5 and 36.0 s). The corpus replays (label fuzz) run with the other
# tests here. ASan's quarantine of freed memory is 8 MB rather than 256 MB:
# a use after free is still caught unless 8 MB were freed in between, and
# the default's fresh pages cost 15% of the tier's time (two tests: 33.3
# and 40.1 s against 28.7 and 32.9 s). Its 89 links use lld, not GNU ld:
# 31 s of CPU against 70 s (each links ASan's runtime and the whole library).
ASAN_ENV := ASAN_OPTIONS=detect_leaks=1:quarantine_size_mb=8 UBSAN_OPTIONS=print_stacktrace=1

asan-build:
	@command -v clang >/dev/null || { echo "asan-build: clang not found (scripts/bootstrap test installs it)" >&2; exit 1; }
	@command -v ld.lld >/dev/null || { echo "asan-build: ld.lld not found (scripts/bootstrap test installs lld)" >&2; exit 1; }
	@CC=clang cmake $(call cmake_generator,$(ASAN_BUILD)) -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug \
		-DCMAKE_C_FLAGS_DEBUG="-O1 -g" -DCMAKE_EXE_LINKER_FLAGS=-fuse-ld=lld \
		-DPEEL_SANITIZE=ON -DPEEL_FUZZ=ON $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(ASAN_BUILD) -j$(JOBS)

test-asan: asan-build
	cd $(ASAN_BUILD) && $(ASAN_ENV) PEEL_FIXTURE_FROM=$(CURDIR)/$(BUILD)/fixtures/demo \
		ctest --output-on-failure -j$(JOBS) -LE '$(NORMAL_ONLY)'

# Fuzzing, in the sanitizer tree (asan-build: without clang it fails, saying
# so, rather than skip unseen). test-asan replays every seed of
# fuzz/corpus/NAME once (ctest label fuzz: the regression check, no
# mutation); then scripts/fuzz-run searches: test-fuzz for
# FUZZ_QUICK_SECONDS per target, FUZZ_JOBS targets at a time, from a fixed
# seed (a smoke test that each target still runs and finds nothing at once,
# the same inputs every run, so CI does not fail by luck); fuzz, after the
# replay, for FUZZ_SECONDS per target (the search proper: nightly, or after
# a change to a parser). 1 s: the corpus replay is the regression check,
# and the search only shows each target still mutates and finds nothing at
# once; 13 targets at 5 s each cost 33 s of the 10-minute budget, at 1 s 7 s.
FUZZ_TARGETS       ?= csv prc plan metric http_params form concern_form application_form geojson explore sources areas import pages \
                      xlsx budget grants_received registers contracts contracts_ocds spend redactions services \
                      iopc_xlsx rollup_cells export_pack
FUZZ_SECONDS       ?= 300
FUZZ_QUICK_SECONDS ?= 1
FUZZ_QUICK_SEED    ?= 1
FUZZ_JOBS          ?= $(JOBS)

test-fuzz: asan-build
	FUZZ_SEED=$(FUZZ_QUICK_SEED) scripts/fuzz-run $(ASAN_BUILD) $(FUZZ_QUICK_SECONDS) $(FUZZ_JOBS) \
		$(FUZZ_TARGETS)

fuzz: asan-build
	cd $(ASAN_BUILD) && $(ASAN_ENV) ctest --output-on-failure -j$(JOBS) -L fuzz
	scripts/fuzz-run $(ASAN_BUILD) $(FUZZ_SECONDS) $(FUZZ_JOBS) $(FUZZ_TARGETS)

lint:
	@scripts/bootstrap lint
	@$(MAKE) --no-print-directory build
	scripts/check-layers
	clang-tidy -p $(BUILD) --quiet $(filter %.c,$(shell find src -name '*.c'))
	cppcheck --enable=warning,performance,portability --error-exitcode=1 --quiet \
		--inline-suppr -D_GNU_SOURCE --suppress=missingIncludeSystem -I src src

format:
	@scripts/bootstrap lint
	clang-format -i $(SOURCES)

schema: build
	$(BUILD)/peel-schema-fresh src/store/schema_fresh.c
	clang-format -i src/store/schema_fresh.c

bench:
	@scripts/bootstrap bench
	@$(MAKE) --no-print-directory build
	bench/ingest

bench-web:
	@scripts/bootstrap bench
	@$(MAKE) --no-print-directory build
	bench/web/run

# The browser test, keeping its screenshots (docs/screenshot-*.png: the public
# pages and the staff side) and drawing the README's chart and map (docs/example-
# xmr, funnel and map .png).
screenshots:
	@scripts/bootstrap test
	@$(MAKE) --no-print-directory build
	PEEL=$(PEEL) PEEL_SOURCE_DIR=$(CURDIR) PEEL_SCREENSHOTS_OUT=$(CURDIR)/docs \
		bash tests/integration/test_browser.sh

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(DEMO)
