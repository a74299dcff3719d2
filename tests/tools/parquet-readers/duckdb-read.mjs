// Reads Parquet files with DuckDB and prints, per file, JSON of: columns (name, DuckDB type),
// rows (canonical values, see canonical.mjs) or per-column digests (--digest), and DuckDB's
// parquet_metadata / parquet_schema / parquet_kv_metadata / parquet_file_metadata, plus the
// results of any --sql queries ($FILE is replaced by read_parquet('<file>')) with the byte
// ranges DuckDB read from the file to answer each (its FileSystem log), which shows whether
// row groups were skipped on their statistics.
//   node duckdb-read.mjs [--digest] [--sql "SELECT count(*) FROM $FILE WHERE x > 1"] FILE...
import { DuckDBInstance } from '@duckdb/node-api';
import { canonical, ColumnDigest, parseArgs } from './canonical.mjs';

const options = parseArgs(process.argv.slice(2));
const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
const connection = await instance.connect();
// Every query reads the file itself, so that the FileSystem log shows what each one needed.
await connection.run('SET enable_external_file_cache = false');
const quote = path => `'${path.replaceAll("'", "''")}'`;

async function rowsJson(sql) {
  const reader = await connection.runAndReadAll(sql);
  return reader.getRowObjectsJson();
}

const results = [];
for (const file of options.files) {
  const source = `read_parquet(${quote(file)})`;
  const describe = await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${source}`);
  const columns = describe.getRowObjects().map(row => ({ name: row.column_name, type: row.column_type }));
  const result = { file, columns };

  const data = await connection.stream(`SELECT * FROM ${source}`);
  if (options.digest) {
    const digests = columns.map(column => new ColumnDigest(column.name));
    let rowCount = 0;
    for (let chunk = await data.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await data.fetchChunk()) {
      const chunkColumns = chunk.getColumns();
      for (let c = 0; c < chunkColumns.length; c++) {
        for (const value of chunkColumns[c]) digests[c].add(value);
      }
      rowCount += chunk.rowCount;
    }
    result.rowCount = rowCount;
    result.digests = digests.map(digest => digest.result());
  } else {
    const rows = [];
    for (let chunk = await data.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await data.fetchChunk()) {
      for (const row of chunk.getRows()) rows.push(row.map(canonical));
    }
    result.rowCount = rows.length;
    result.rows = rows;
  }

  result.metadata = await rowsJson(`SELECT * EXCLUDE (file_name) FROM parquet_metadata(${quote(file)}) ORDER BY row_group_id, column_id`);
  result.schema = await rowsJson(`SELECT * EXCLUDE (file_name) FROM parquet_schema(${quote(file)})`);
  result.fileMetadata = (await rowsJson(`SELECT * EXCLUDE (file_name) FROM parquet_file_metadata(${quote(file)})`))[0];
  result.keyValueMetadata = await rowsJson(
    `SELECT decode(key) AS key, decode(value) AS value FROM parquet_kv_metadata(${quote(file)})`);
  result.queries = [];
  for (const sql of options.sql) {
    await connection.run('CALL truncate_duckdb_logs()');
    await connection.run("CALL enable_logging('FileSystem')");
    const rows = await rowsJson(sql.replaceAll('$FILE', source));
    await connection.run('CALL disable_logging()');
    const log = await rowsJson("SELECT message FROM duckdb_logs WHERE type = 'FileSystem'");
    const reads = log.map(entry => JSON.parse(entry.message))
      .filter(entry => entry.op === 'READ')
      .map(entry => ({ pos: Number(entry.pos), bytes: Number(entry.bytes) }));
    result.queries.push({ rows, reads });
  }
  results.push(result);
}

process.stdout.write(JSON.stringify(results));
