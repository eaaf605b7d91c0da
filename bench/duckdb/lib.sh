# shellcheck shell=bash
# bench/duckdb/lib.sh - the DuckDB peer for the benchmarks (sourced, not run).
#
# bench/ingest, bench/spc and bench/archive measure peel against DuckDB as well
# as against the sqlite3 shell. DuckDB comes from npm: its Node.js API
# (@duckdb/node-api, pinned in package-lock.json here) ships prebuilt binaries,
# so no compiler and no Debian package is needed, only Node.js 18 or later.
# run.mjs runs SQL statements in a DuckDB file; DuckDB does the work itself
# (read_csv, GROUP BY, COPY ... TO '/dev/stdout'), JavaScript only starts it.
#
#   duckdb_ready          install the package here when missing (npm ci); prints
#                         DuckDB's version (SELECT version()); fails with the reason when it cannot
#   duckdb_sql DB SQL...  run the statements in DB (a DuckDB file)
#   "${duckdb_run[@]}" DB SQL...   the same as a command, for /usr/bin/time

duckdb_dir=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
duckdb_run=(node "$duckdb_dir/run.mjs")

duckdb_ready() {
    if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
        echo "the DuckDB peer needs Node.js and npm (scripts/bootstrap bench)" >&2
        return 1
    fi
    if [[ ! -d $duckdb_dir/node_modules/@duckdb/node-api ]]; then
        echo "installing DuckDB from npm into bench/duckdb/node_modules ..." >&2
        (cd "$duckdb_dir" && npm ci --no-audit --no-fund --loglevel=error) >&2 || return 1
    fi
    duckdb_sql :memory: "COPY (SELECT version()) TO '/dev/stdout' (FORMAT csv, HEADER false)"
}

duckdb_sql() {
    "${duckdb_run[@]}" "$@"
}
