// Rewrites a Parquet file with DuckDB's own writer (same rows, given codec and row-group size),
// to compare file sizes against Life.Parquet's.
//   node duckdb-write.mjs IN.parquet OUT.parquet UNCOMPRESSED|SNAPPY|GZIP ROW_GROUP_SIZE
import { statSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const [input, output, codec, rowGroupSize] = process.argv.slice(2);
if (!input || !output || !codec || !rowGroupSize) {
  console.error('usage: node duckdb-write.mjs IN.parquet OUT.parquet CODEC ROW_GROUP_SIZE');
  process.exit(2);
}

const quote = path => `'${path.replaceAll("'", "''")}'`;
const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
const connection = await instance.connect();
await connection.run(
  `COPY (SELECT * FROM read_parquet(${quote(input)})) TO ${quote(output)} ` +
  `(FORMAT parquet, COMPRESSION ${codec}, ROW_GROUP_SIZE ${Number(rowGroupSize)})`);
process.stdout.write(JSON.stringify({ bytes: statSync(output).size }));
