#!/usr/bin/env bash
# test_cli.sh - the command line behaves as documented:
#   * `peel --help` lists every subcommand;
#   * `peel help CMD` and `peel CMD --help` print the command's usage and examples
#     (to stdout, exit 0), and the two are the same text;
#   * usage errors (unknown option, unknown command, bad --format, bad --fy)
#     print usage to stderr, nothing to stdout, and exit 2;
#   * a usage error never creates the database.
source "$(dirname "$0")/lib.sh"

COMMANDS=(import import-areas import-population stats quarantine outcomes generate)

section "peel --help lists every subcommand"
run --rc 0 "$PEEL" --help
help_text=$(cat "$OUT")
check_contains "--help shows usage" "$help_text" "usage: peel"
for c in "${COMMANDS[@]}" help; do
    if grep -qE "^  $c( |$)" <<<"$help_text"; then
        pass "--help lists '$c'"
    else
        fail "--help does not list the '$c' command:"$'\n'"$help_text"
    fi
done
check_contains "--help documents --db" "$help_text" "--db FILE"
run --rc 0 "$PEEL" -h
check_eq "-h prints the same as --help" "$help_text" "$(cat "$OUT")"

section "peel help CMD and peel CMD --help"
for c in "${COMMANDS[@]}"; do
    run --rc 0 "$PEEL" help "$c"
    text=$(cat "$OUT")
    check_contains "help $c: usage line" "$text" "usage: peel $c"
    check_contains "help $c: examples" "$text" "Examples:"
    run --rc 0 "$PEEL" "$c" --help
    check_eq "'peel $c --help' equals 'peel help $c'" "$text" "$(cat "$OUT")"
done
run --rc 0 "$PEEL" help import
check_contains "help import: an example" "$(cat "$OUT")" "peel import "
check_contains "help import: exit status documented" "$(cat "$OUT")" "Exit status"

# A usage error: exit 2, usage on stderr, nothing on stdout, no database made.
expect_usage_error() {
    local what=$1
    shift
    rm -f "$PEEL_DB"
    run --rc 2 "$PEEL" "$@"
    check_contains "$what: usage on stderr" "$(cat "$ERR")" "usage: peel"
    check_eq "$what: stdout empty" "" "$(cat "$OUT")"
    [[ ! -e "$PEEL_DB" ]] || fail "$what: created the database $PEEL_DB"
    pass "$what: no database created"
}

section "usage errors exit 2"
expect_usage_error "import --bogus x" import --bogus x
check_contains "import --bogus: names the option" "$(cat "$ERR")" "--bogus"
check_contains "import --bogus: import usage" "$(cat "$ERR")" "usage: peel import"
expect_usage_error "import without paths" import
expect_usage_error "unknown command" frobnicate
check_contains "unknown command: named" "$(cat "$ERR")" "frobnicate"
expect_usage_error "unknown global option" --bogus stats
expect_usage_error "stats --format xml" stats --format xml
check_contains "stats --format xml: usage of stats" "$(cat "$ERR")" "usage: peel stats"
expect_usage_error "stats --fy 2021-23" stats --fy 2021-23
check_contains "stats --fy 2021-23: says what is wrong" "$(cat "$ERR")" "--fy"
expect_usage_error "stats --fy 2021" stats --fy 2021
expect_usage_error "stats --categories bogus" stats --fy 2021-22 --categories bogus
expect_usage_error "import --format xml" import --format xml x.csv
expect_usage_error "import --jobs 0" import --jobs 0 x.csv
check_contains "import --jobs 0: says what is wanted" "$(cat "$ERR")" \
    "--jobs must be a whole number from 1 to 1024"
expect_usage_error "import --jobs two" import --jobs two x.csv
expect_usage_error "import -j 1x" import -j 1x x.csv
# an option's number is digits only (cli_parse_unsigned): strtoul alone
# took a leading space or plus sign
expect_usage_error "serve --port ' 8080'" serve --port " 8080"
expect_usage_error "serve --threads +4" serve --threads +4
expect_usage_error "generate --rows -1" generate --rows -1
expect_usage_error "outcomes --format xml" outcomes --format xml
expect_usage_error "help for an unknown command" help frobnicate

section "read commands never create a store"
rm -f "$PEEL_DB"
run --rc 1 "$PEEL" stats
check_contains "stats on no store: says so" "$(cat "$ERR")" "no store at $PEEL_DB"
[[ ! -e "$PEEL_DB" ]] || fail "stats created the database $PEEL_DB"
pass "stats: no database created"

section "typos are errors that say what was meant"
{
    echo "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context"
    echo ",2022-01,Leicestershire Police,Leicestershire Police,-1.1,52.6,On or near X,E01000001,Leicester 001A,Burglary,,"
} >2022-01-leicestershire-street.csv
run --rc 0 "$PEEL" import --quiet 2022-01-leicestershire-street.csv
expect_typo() { # WHAT EXPECTED ARGS...
    local what=$1 want=$2
    shift 2
    run --rc 2 "$PEEL" "$@"
    check_contains "$what" "$(cat "$ERR")" "$want"
    check_eq "$what: stdout empty" "" "$(cat "$OUT")"
}
expect_typo "an area" "no district 'Leicster' in the store (did you mean 'Leicester'?)" \
    stats --area district=Leicster
expect_typo "a force" "no force 'leics' in the store (known: Leicestershire Police, leicestershire)" \
    stats --force leics
expect_typo "a crime type" "no crime type 'Burglarz' in the store (did you mean 'Burglary'?)" \
    stats --crime-type Burglarz
expect_typo "a grouping" "no dimension or grouping 'distrct' in the store (did you mean 'district'?)" \
    stats --group-by month,distrct
expect_typo "an area key" "no area grouping 'csp' in the store" stats --area csp=Leicester
expect_typo "scan --by" "no area grouping 'distrct' in the store (did you mean 'district'?)" \
    scan --by distrct
run --rc 0 "$PEEL" stats --area district=Leicester --format csv
check_eq "the right name still answers" "fy,count 2021-22,1" "$(out_text | tr '\n' ' ' | sed 's/ $//')"

section "import --jobs: one thread or two, the same store"
"$PEEL" generate --out jobs --from 2022-01 --to 2022-02 --forces leicestershire,kent --rows 300 \
    >/dev/null || fail "generate for --jobs"
for j in 1 2; do
    run --rc 0 "$PEEL" --db "jobs-$j.db" import --jobs "$j" --quiet jobs/police-uk
done
for view in "stats --group-by month,force,crime_type,outcome" "stop-search --by month" "quarantine"; do
    read -ra args <<<"$view"
    run --rc 0 "$PEEL" --db jobs-1.db "${args[@]}" --format csv
    one=$(out_text)
    [[ $(wc -l <<<"$one") -gt 1 ]] || [[ $view == quarantine ]] || fail "$view: no rows"
    run --rc 0 "$PEEL" --db jobs-2.db "${args[@]}" --format csv
    check_eq "$view: the same with --jobs 1 and 2" "$one" "$(out_text)"
done

section "--version"
run --rc 0 "$PEEL" --version
check_contains "--version" "$(cat "$OUT")" "peel "

echo
echo "PASS $TEST_NAME"
