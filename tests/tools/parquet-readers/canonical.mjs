// Canonical forms of values read from Parquet, shared by the reader scripts so that the C#
// tests compare exactly (JSON numbers alone cannot carry NaN, infinities, -0 or 64-bit ints).
//   null -> null; boolean -> boolean; string -> string;
//   bigint (INT64, TIMESTAMP micros) -> decimal string;
//   number (INT32, FLOAT, DOUBLE) -> JSON number when finite and not -0, else "NaN", "Infinity",
//   "-Infinity" or "-0".
import { createHash } from 'node:crypto';

export function canonical(value) {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'bigint':
      return value.toString();
    case 'number':
      if (Number.isNaN(value)) return 'NaN';
      if (value === Infinity) return 'Infinity';
      if (value === -Infinity) return '-Infinity';
      if (Object.is(value, -0)) return '-0';
      return value;
    case 'boolean':
    case 'string':
      return value;
    default:
      if (value && typeof value.micros === 'bigint') return value.micros.toString(); // DuckDB TIMESTAMPTZ
      throw new Error(`unexpected value ${value} of type ${value?.constructor?.name}`);
  }
}

const doubleView = new DataView(new ArrayBuffer(8));

// One token per value for digests: numbers by their IEEE bits (NaN collapsed), so a digest
// differs when any bit of any value differs.
function token(value) {
  if (value === null || value === undefined) return 'n;';
  switch (typeof value) {
    case 'boolean':
      return value ? 't;' : 'f;';
    case 'bigint':
      return `i${value};`;
    case 'number':
      if (Number.isNaN(value)) return 'dNaN;';
      doubleView.setFloat64(0, value, true);
      return `d${doubleView.getBigUint64(0, true).toString(16).padStart(16, '0')};`;
    case 'string':
      return `s${Buffer.byteLength(value, 'utf8')}:${value};`;
    default:
      if (value && typeof value.micros === 'bigint') return `i${value.micros};`;
      throw new Error(`unexpected value ${value}`);
  }
}

export class ColumnDigest {
  constructor(name) {
    this.name = name;
    this.count = 0;
    this.nulls = 0;
    this.hash = createHash('sha256');
  }

  add(value) {
    this.count++;
    if (value === null || value === undefined) this.nulls++;
    this.hash.update(token(value), 'utf8');
  }

  result() {
    return { name: this.name, count: this.count, nulls: this.nulls, sha256: this.hash.digest('hex') };
  }
}

export function parseArgs(argv) {
  const options = { digest: false, sql: [], files: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--digest') options.digest = true;
    else if (arg === '--sql') options.sql.push(argv[++i]);
    else options.files.push(arg);
  }
  if (options.files.length === 0) {
    console.error('usage: node <script> [--digest] [--sql "SELECT ... FROM $FILE"]... FILE...');
    process.exit(2);
  }
  return options;
}
