#!/usr/bin/env bash
# Starts the cluster integration tests' servers: PostgreSQL and RabbitMQ on 127.0.0.1 (installed
# from Debian packages when missing). Safe to run again: servers already up are left alone.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash deploy/local-cluster.sh servers >/dev/null
