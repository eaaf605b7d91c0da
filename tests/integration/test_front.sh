#!/usr/bin/env bash
# test_front.sh - `peel` and `peel-draw` (src/cli/peel.c, CMakeLists.txt):
#   * peel links none of the drawing and web libraries (cairo, pango,
#     libxlsxwriter, libmicrohttpd), so a command that does not draw does not
#     pay for loading them; peel-draw, beside it, links them;
#   * what peel leaves to peel-draw (a command that draws, the help, a usage
#     error) prints and exits exactly as peel-draw does, and runs in the same
#     process (execv: a server's pid is peel's);
#   * a command peel has runs in peel, with the drawing libraries not loaded.
source "$(dirname "$0")/lib.sh"
require_cmd readelf

draw="$(dirname -- "$PEEL")/peel-draw"
[[ -x $draw ]] || fail "no peel-draw beside $PEEL"
drawing='lib(cairo|pango|pangocairo|xlsxwriter|microhttpd)[-.]'

section "peel links no drawing library; peel-draw does"
needed=$(readelf -d "$PEEL" | awk '/NEEDED/ { print $NF }')
check_contains "peel links SQLite" "$needed" "libsqlite3"
if grep -qE "$drawing" <<<"$needed"; then
    fail "peel links a drawing library:"$'\n'"$needed"
else
    pass "peel links none of cairo, pango, libxlsxwriter, libmicrohttpd"
fi
draw_needed=$(readelf -d "$draw" | awk '/NEEDED/ { print $NF }')
for lib in libcairo libpango libxlsxwriter libmicrohttpd; do
    check_contains "peel-draw links $lib" "$draw_needed" "$lib"
done

section "what peel leaves to peel-draw is peel-draw's answer"
same() { # same RC ARGS...: peel and peel-draw print the same and exit RC
    local rc=$1 out err
    shift
    run --rc "$rc" "$draw" "$@"
    out=$(cat "$OUT") err=$(cat "$ERR")
    run --rc "$rc" "$PEEL" "$@"
    check_eq "peel $* (stdout)" "$out" "$(cat "$OUT")"
    check_eq "peel $* (stderr)" "$err" "$(cat "$ERR")"
}
same 0 --help
same 0 help chart
same 0 help stats
same 0 chart --help
same 2 chart
same 2 serve --no-such-option
same 2 no-such-command
same 2 --no-such-option
same 2

section "peel runs its own commands without loading the drawing libraries"
run --rc 0 env LD_DEBUG=libs "$PEEL" generate --out gen --forces leicestershire \
    --from 2023-01 --to 2023-01 --rows 5 --kinds street
if grep -qE "calling init: .*$drawing" "$ERR"; then
    fail "peel generate loaded a drawing library"
else
    pass "peel generate loaded no drawing library"
fi
if grep -q 'calling init: .*libsqlite3' "$ERR"; then
    pass "LD_DEBUG saw libsqlite3 loaded"
else
    fail "LD_DEBUG=libs printed no library loading"
fi

echo
echo "PASS $TEST_NAME"
