#!/usr/bin/env bash
# Starts the cluster integration tests' one server: PostgreSQL on 127.0.0.1 (installed from the
# Debian package when missing). Safe to run again: a server already up is left alone.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash deploy/local-cluster.sh servers >/dev/null
