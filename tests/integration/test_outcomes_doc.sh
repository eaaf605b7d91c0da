#!/usr/bin/env bash
# test_outcomes_doc.sh - docs/outcomes.md is exactly what
# `peel outcomes --format markdown` prints, byte for byte, so the published
# outcome mapping can never drift from the code (src/model/outcomes.c).
# Also: the other formats of `peel outcomes` list the same categories.
source "$(dirname "$0")/lib.sh"
require_cmd python3

DOC="$PEEL_SOURCE_DIR/docs/outcomes.md"
REGEN="peel outcomes --format markdown > docs/outcomes.md"

section "docs/outcomes.md is the markdown form"
[[ -f "$DOC" ]] || fail "docs/outcomes.md does not exist: generate it with '$REGEN' (from the repository root)"
run --rc 0 "$PEEL" outcomes --format markdown
cp "$OUT" generated.md
if cmp -s "$DOC" generated.md; then
    pass "docs/outcomes.md equals 'peel outcomes --format markdown' ($(wc -c <generated.md) bytes)"
else
    diff -u "$DOC" generated.md | head -60 | sed 's/^/    /' >&2 || true
    fail "docs/outcomes.md is out of date (diff above: - the file, + peel's output); regenerate it with '$REGEN'"
fi

section "every format lists the same categories"
# Each category of the markdown's category table appears in the CSV.
run --rc 0 "$PEEL" outcomes --format csv
csv=$(out_text)
run --rc 0 "$PEEL" outcomes --format json
python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$OUT" ||
    fail "'peel outcomes --format json' is not JSON"
pass "json parses"
json=$(cat "$OUT")
run --rc 0 "$PEEL" outcomes
table=$(cat "$OUT")
for category in 'Under investigation' 'Offender given a caution' 'Local resolution' \
    'Awaiting court outcome' 'Investigation complete; no suspect identified' \
    'Unable to prosecute suspect' 'Suspect charged as part of another case'; do
    check_contains "markdown lists '$category'" "$(cat generated.md)" "$category"
    check_contains "csv lists '$category'" "$csv" "$category"
    check_contains "json lists '$category'" "$json" "$category"
    check_contains "table lists '$category'" "$table" "$category"
done

echo
echo "PASS $TEST_NAME"
