// bench/duckdb/run.mjs - run SQL statements in DuckDB, the benchmarks' second peer.
//
//   node bench/duckdb/run.mjs DATABASE SQL [SQL...]
//
// Opens (or creates) DATABASE, a DuckDB file, and runs each SQL statement in
// turn through DuckDB's own Node.js API (@duckdb/node-api, prebuilt binaries
// from npm; `scripts/bootstrap bench` or the bench scripts install it here).
// Rows a statement returns are not printed: a peer that must show its rows
// says so in SQL, `COPY (SELECT ...) TO '/dev/stdout'`, so that DuckDB writes
// them itself as the sqlite3 shell does and no JavaScript touches them.
// Exits non-zero, naming the statement, when one fails: a failed peer run
// measures nothing.
import { DuckDBInstance } from '@duckdb/node-api';

const [db, ...statements] = process.argv.slice(2);
if (!db || statements.length === 0) {
  process.stderr.write('usage: node run.mjs DATABASE SQL [SQL...]\n');
  process.exit(2);
}
const instance = await DuckDBInstance.create(db);
const connection = await instance.connect();
for (const sql of statements) {
  try {
    await connection.run(sql);
  } catch (err) {
    process.stderr.write(`run.mjs: ${db}: ${err.message}\n  in: ${sql.slice(0, 200)}\n`);
    process.exit(1);
  }
}
connection.closeSync();
instance.closeSync();
