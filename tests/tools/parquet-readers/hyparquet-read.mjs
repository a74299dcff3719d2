// Reads Parquet files with hyparquet (pure JavaScript, independent of DuckDB) and prints, per
// file, JSON of: columns (name, physical type, repetition, annotations), rows (canonical values)
// or per-column digests (--digest), and the footer (num_rows, row groups, created_by, key-value
// metadata, column statistics).
//   node hyparquet-read.mjs [--digest] FILE...
import { gunzipSync } from 'node:zlib';
import { asyncBufferFromFile, parquetMetadataAsync, parquetRead } from 'hyparquet';
import { canonical, ColumnDigest, parseArgs } from './canonical.mjs';

const options = parseArgs(process.argv.slice(2));

// hyparquet decodes UNCOMPRESSED and SNAPPY itself; GZIP comes from node's zlib.
const compressors = { GZIP: input => new Uint8Array(gunzipSync(input)) };
const parsers = { timestampFromMicroseconds: micros => micros };

const json = (_key, value) => (typeof value === 'bigint' ? value.toString() : value);
const bytesToHex = value => (value instanceof Uint8Array ? Buffer.from(value).toString('hex') : value);

const results = [];
for (const path of options.files) {
  const file = await asyncBufferFromFile(path);
  const metadata = await parquetMetadataAsync(file, { parsers });
  const leaves = metadata.schema.slice(1);
  const columns = leaves.map(element => ({
    name: element.name,
    type: element.type,
    repetition: element.repetition_type,
    convertedType: element.converted_type ?? null,
    logicalType: element.logical_type ?? null,
  }));

  let columnData = columns.map(() => []);
  if (metadata.row_groups.length > 0) {
    await parquetRead({
      file,
      metadata,
      compressors,
      parsers,
      onChunk: chunk => {
        const index = columns.findIndex(column => column.name === chunk.columnName);
        const target = columnData[index];
        for (let i = 0; i < chunk.columnData.length; i++) target[chunk.rowStart + i] = chunk.columnData[i];
      },
    });
  }

  const rowCount = Number(metadata.num_rows);
  const result = { file: path, columns, rowCount };
  if (options.digest) {
    result.digests = columns.map((column, c) => {
      const digest = new ColumnDigest(column.name);
      const values = columnData[c];
      for (let row = 0; row < rowCount; row++) digest.add(values[row]);
      return digest.result();
    });
  } else {
    result.rows = [];
    for (let row = 0; row < rowCount; row++) result.rows.push(columnData.map(values => canonical(values[row])));
  }
  columnData = null;

  result.footer = JSON.parse(JSON.stringify({
    version: metadata.version,
    num_rows: metadata.num_rows,
    created_by: metadata.created_by,
    key_value_metadata: metadata.key_value_metadata ?? [],
    row_groups: metadata.row_groups.map(group => ({
      num_rows: group.num_rows,
      columns: group.columns.map(chunk => ({
        path: chunk.meta_data.path_in_schema,
        codec: chunk.meta_data.codec,
        encodings: chunk.meta_data.encodings,
        num_values: chunk.meta_data.num_values,
        statistics: Object.fromEntries(Object.entries(chunk.meta_data.statistics ?? {}).map(([k, v]) => [k, canonical(bytesToHex(v))])),
      })),
    })),
  }, json));
  results.push(result);
}

process.stdout.write(JSON.stringify(results));
