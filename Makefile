# Peel - the two commands of the README, and the developer's others.
#
#   make demo    bootstrap, build, generate synthetic data, import it, print the
#                annual table, exceptions and a funnel, draw charts, write the
#                governance report, then (at a terminal) serve the site
#   make test    bootstrap, then unit and integration tests in a normal build and
#                in an ASan+UBSan build, then a short libFuzzer run of each target
#   make lint    the include rules of src/ (scripts/check-layers), clang-tidy and cppcheck;
#                make format  clang-format in place
#   make bench   the ingest benchmark (bench/ingest)
#   make screenshots  the site in Chromium, desktop and phone, into docs/
#   make bench-web    peel serve against nginx with wrk (bench/web)

BUILD       ?= build
ASAN_BUILD  ?= build-asan
FUZZ_BUILD  ?= build-fuzz
DEMO        ?= demo
DEMO_PORT   ?= 8080
JOBS        ?= $(shell nproc)
FUZZ_SECONDS ?= 30
PEEL        := $(BUILD)/peel
SOURCES     := $(shell find src tests/unit fuzz -name '*.[ch]' 2>/dev/null)

.PHONY: all build bootstrap demo test test-normal test-asan fuzz lint format bench bench-web \
	screenshots clean

all: build

bootstrap:
	@scripts/bootstrap

build: bootstrap
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@$(MAKE) --no-print-directory -C $(BUILD) -j$(JOBS)

demo: build
	@rm -rf $(DEMO) && mkdir -p $(DEMO)
	$(PEEL) generate --out $(DEMO)/data
	$(PEEL) --db $(DEMO)/peel.db import --quiet $(DEMO)/data/police-uk
	$(PEEL) --db $(DEMO)/peel.db import-areas $(DEMO)/data/lookups/lsoa-areas.csv
	$(PEEL) --db $(DEMO)/peel.db import-population $(DEMO)/data/lookups/lsoa-population.csv
	$(PEEL) --db $(DEMO)/peel.db plan load plans/llr-2024-29.yaml
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
	@echo "The governance report is $(DEMO)/report/index.html; the public one $(DEMO)/public/index.html."
	@echo "The annual report's crime statistics are $(DEMO)/annual/index.html (and report.pdf)."
	@# The site runs until Ctrl-C: only when someone is at a terminal to stop it,
	@# so that a script running `make demo` still finishes.
	@if [ -t 0 ] && [ -t 1 ]; then \
		echo; $(PEEL) --db $(DEMO)/peel.db serve --port $(DEMO_PORT); \
	else \
		echo "Start the public site with: $(PEEL) --db $(DEMO)/peel.db serve --port $(DEMO_PORT)"; \
	fi

test: bootstrap test-normal test-asan fuzz

test-normal:
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@$(MAKE) --no-print-directory -C $(BUILD) -j$(JOBS)
	cd $(BUILD) && ctest --output-on-failure -j$(JOBS)

test-asan:
	@cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DPEEL_SANITIZE=ON >/dev/null
	@$(MAKE) --no-print-directory -C $(ASAN_BUILD) -j$(JOBS)
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
		ctest --output-on-failure -j$(JOBS)

# A short run of each fuzz target over its seed corpus, when clang is here:
# FUZZ_SECONDS each (so 3.5 minutes for the seven targets), each from its seeds in
# fuzz/corpus/NAME with a scratch corpus in $(FUZZ_BUILD)/corpus-NAME. An input
# that takes over 10 s is a hang and fails the run (fuzz_plan found one).
FUZZ_TARGETS ?= csv prc plan metric http_params geojson explore

fuzz:
	@if command -v clang >/dev/null; then \
		CC=clang cmake -S . -B $(FUZZ_BUILD) -DPEEL_FUZZ=ON -DCMAKE_BUILD_TYPE=Debug >/dev/null && \
		$(MAKE) --no-print-directory -C $(FUZZ_BUILD) -j$(JOBS) $(addprefix fuzz_,$(FUZZ_TARGETS)) || exit 1; \
		for t in $(FUZZ_TARGETS); do \
			rm -rf $(FUZZ_BUILD)/corpus-$$t && mkdir -p $(FUZZ_BUILD)/corpus-$$t; \
			$(FUZZ_BUILD)/fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -timeout=10 -print_final_stats=1 \
				$(FUZZ_BUILD)/corpus-$$t fuzz/corpus/$$t > $(FUZZ_BUILD)/fuzz_$$t.log 2>&1; \
			status=$$?; tail -n 15 $(FUZZ_BUILD)/fuzz_$$t.log; \
			if [ $$status -ne 0 ]; then echo "fuzz: fuzz_$$t FAILED (log: $(FUZZ_BUILD)/fuzz_$$t.log)"; exit 1; fi; \
			echo "fuzz: fuzz_$$t ran $(FUZZ_SECONDS)s with no crash"; \
		done; \
	else echo "fuzz: clang not found, skipped"; fi

lint: build
	scripts/check-layers
	clang-tidy -p $(BUILD) --quiet $(filter %.c,$(shell find src -name '*.c'))
	cppcheck --enable=warning,performance,portability --error-exitcode=1 --quiet \
		--inline-suppr -D_GNU_SOURCE --suppress=missingIncludeSystem -I src src

format:
	clang-format -i $(SOURCES)

bench: build
	bench/ingest

bench-web: build
	bench/web/run

# The browser test, keeping its screenshots: docs/screenshot-*.png.
screenshots: build
	PEEL=$(PEEL) PEEL_SOURCE_DIR=$(CURDIR) PEEL_SCREENSHOTS_OUT=$(CURDIR)/docs \
		bash tests/integration/test_browser.sh

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD) $(DEMO)
