#!/usr/bin/env bash
# Installs the independent Parquet readers (DuckDB's node API and hyparquet) that the
# Life.Parquet round-trip tests drive. Needs Node.js 20+ and npm; safe to run again.
set -euo pipefail
cd "$(dirname "$0")/../../tests/tools/parquet-readers"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "node and npm (Node.js 20+) are required for the Parquet reader tests" >&2
  exit 1
fi

if [ -d node_modules/@duckdb/node-api ] && [ -d node_modules/hyparquet ] \
  && [ node_modules/.package-lock.json -nt package-lock.json ]; then
  echo "parquet readers: node_modules up to date"
  exit 0
fi

# Not `npm ci`: npm 11 refuses this lock file because DuckDB's optional per-platform bindings
# for other platforms are not in it, while `npm install` honours the lock and installs the same tree.
npm install --no-audit --no-fund --loglevel=error
