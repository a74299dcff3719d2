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

# npm ci refuses a lock file that lacks DuckDB's binaries for other platforms, which a registry
# mirror serving only this platform cannot provide; npm install --no-save then installs the
# same locked versions without rewriting the lock file.
if ! npm ci --no-audit --no-fund --loglevel=silent; then
  echo "parquet readers: npm ci refused the lock file; installing the locked versions with npm install --no-save"
  npm install --no-save --no-audit --no-fund --loglevel=error
fi
test -d node_modules/@duckdb/node-api && test -d node_modules/hyparquet
