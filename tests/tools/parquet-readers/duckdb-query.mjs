// Runs SQL with DuckDB and prints one JSON array per statement, each a list of row objects
// (BIGINT as strings, as getRowObjectsJson gives them). Used by the sweep integration tests.
//   node duckdb-query.mjs "SELECT count(*) AS n FROM 'dir/results/*.parquet'" ...
import { DuckDBInstance } from '@duckdb/node-api';

const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
const connection = await instance.connect();
const results = [];
for (const sql of process.argv.slice(2)) {
  const reader = await connection.runAndReadAll(sql);
  results.push(reader.getRowObjectsJson());
}
process.stdout.write(JSON.stringify(results));
