#!/usr/bin/env bash
# fixture.sh NAME DIR - builds the shared store NAME into DIR for the tests
# that copy it (lib.sh's demo_store and real_store), once per ctest run:
#   demo  the demo store (generate, import, areas, population, plan) and the
#         generated data beside it (DIR/data: the lookups' CSVs, police-uk/)
#   real  the 36 real months of ../shared/data/real/police-uk (skipped when
#         that is not there), and what the import printed (DIR/import.csv)
# tests/CMakeLists.txt runs it as the FIXTURES_SETUP test fixture/NAME, so
# ctest runs it before any test that requires it, under the binary being
# tested (so under ASan in the ASan build; but with PEEL_FIXTURE_FROM=DIR,
# as `make test-asan` sets it, the demo store is copied from DIR, the one
# the normal tier built moments before). It always rebuilds: one run per
# ctest invocation, and a store left by an older peel is never reused (DIR
# records the binary's sha256, which lib.sh checks before copying).
#
# The new store is built beside DIR and renamed into place, so that a copy
# never sees a half-built one; its files are made read-only, so that a test
# that writes into a shared file fails (when not run as root).
set -euo pipefail
name=${1:-}
dir=${2:-}
if [[ "$name" != demo && "$name" != real || -z "$dir" ]]; then
    echo "usage: fixture.sh demo|real DIR" >&2
    exit 2
fi
# Absolute before lib.sh moves into its work folder.
mkdir -p "$(dirname "$dir")"
dir=$(cd "$(dirname "$dir")" && pwd)/$(basename "$dir")
. "$(dirname "$0")/lib.sh"

if [[ "$name" == real ]]; then
    require_real_data
fi
new="$dir.new.$$"
old="$dir.old.$$"
rm -rf "$new"
start=$(date +%s)
if [[ "$name" == demo && -n "${PEEL_FIXTURE_FROM:-}" && -f "${PEEL_FIXTURE_FROM}/peel.db" ]]; then
    # the ASan tier: the store the normal tier's peel built from the same
    # sources (Makefile, test-asan), copied; tests still run this peel on it
    cp -R "$PEEL_FIXTURE_FROM" "$new"
    chmod -R u+w "$new"
    rm -f "$new/peel.sha256"
    _lib_store_closed "$new/peel.db"
else
    "${name}_store_build" "$new"
fi
sha256sum <"$PEEL" | cut -d' ' -f1 >"$new/peel.sha256"
# Files only: read-only folders would stop `rm -rf build` (and make clean).
find "$new" -type f -exec chmod a-w {} +
[[ ! -e "$dir" ]] || mv "$dir" "$old"
mv "$new" "$dir"
rm -rf "$old"
pass "$name store built in $(($(date +%s) - start)) s: $dir ($(du -sh "$dir" | cut -f1))"
