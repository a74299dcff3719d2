#!/usr/bin/env bash
# A LifeSweep cluster on this machine: PostgreSQL from Debian packages, listening on 127.0.0.1
# only, and K life-silo processes (Orleans silos whose membership, grain state, reminders and
# checkpoints are in that one database). This is the cluster path the tests exercise
# (eng/test-setup.d/30-cluster-servers.sh runs `servers`; the fault tests run the restart commands).
#
#   deploy/local-cluster.sh servers            install if missing, start PostgreSQL, wait until ready
#   deploy/local-cluster.sh start K [-- ARGS]  servers, then K silos in the background (ports 11111+i / 30000+i; ARGS go to life-silo)
#   deploy/local-cluster.sh stop               SIGTERM the silos this script started (they finish their shard)
#   deploy/local-cluster.sh stop-servers       stop the silos and PostgreSQL
#   deploy/local-cluster.sh restart-postgres
#   deploy/local-cluster.sh stop-postgres      stop PostgreSQL only (the fault tests take it down while a silo starts)
#   deploy/local-cluster.sh env                print the setting to export (LIFE_POSTGRES)
#   deploy/local-cluster.sh status
#   deploy/local-cluster.sh bench [--silos "1 2"] [--concurrency C]
#                                              configurations/s with 1 and 2 silos, per-shard overhead (benchmarks/cluster-scaling.sh)
#
# Every command is idempotent: a server already running is left alone. Needs root to install
# packages and to run the servers under their own users. Nothing here listens beyond loopback
# (PostgreSQL trusts loopback connections: this is a development and test cluster, not production;
# see deploy/docker-compose.yml and deploy/k8s for deployments with passwords).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
HOME_DIR="${LIFE_CLUSTER_HOME:-/var/lib/life-sweep}"
PG_PORT="${LIFE_PG_PORT:-5433}"
PG_DATA="$HOME_DIR/postgres"
PG_LOG="$HOME_DIR/postgres.log"
SILO_DIR="$HOME_DIR/silos"
CONFIGURATION="${LIFE_CONFIGURATION:-Release}"

export LIFE_POSTGRES="${LIFE_POSTGRES:-Host=127.0.0.1;Port=$PG_PORT;Username=life;Database=life}"

log() { echo "local-cluster: $*" >&2; }

apt_install() {
  # Debian starts a service's default instance on install; ours runs with its own settings, so
  # keep invoke-rc.d from starting anything while packages are installed.
  local policy=/usr/sbin/policy-rc.d created=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && created=1
  fi
  if [ ! -d /var/lib/apt/lists ] || [ -z "$(ls -A /var/lib/apt/lists 2>/dev/null | grep -v lock || true)" ]; then
    apt-get update -qq
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null \
    || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null; }
  if [ "$created" = 1 ]; then rm -f "$policy"; fi
}

pg_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1
}

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

postgres_ready() {
  local bin; bin="$(pg_bin)"
  [ -n "$bin" ] && "$bin/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"
}

start_postgres() {
  if [ -z "$(pg_bin)" ]; then
    log "installing PostgreSQL (Debian package)"
    apt_install postgresql
  fi
  local bin; bin="$(pg_bin)"
  if postgres_ready; then
    log "PostgreSQL already accepting connections on 127.0.0.1:$PG_PORT"
  else
    mkdir -p "$HOME_DIR"
    if [ ! -s "$PG_DATA/PG_VERSION" ]; then
      log "creating PostgreSQL data directory $PG_DATA"
      mkdir -p "$PG_DATA"
      [ "$(id -u)" = 0 ] && chown postgres:postgres "$PG_DATA"
      chmod 700 "$PG_DATA"
      as_postgres "$bin/initdb" -D "$PG_DATA" -U life --auth-local=trust --auth-host=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    touch "$PG_LOG"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$PG_LOG"
    log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
    as_postgres "$bin/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -c unix_socket_directories=$PG_DATA -c max_connections=300" start >/dev/null
  fi
  for _ in $(seq 1 60); do postgres_ready && break; sleep 1; done
  postgres_ready || { log "PostgreSQL did not start; see $PG_LOG"; exit 1; }
  if ! "$bin/psql" -h 127.0.0.1 -p "$PG_PORT" -U life -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'life'" | grep -q 1; then
    "$bin/createdb" -h 127.0.0.1 -p "$PG_PORT" -U life life
  fi
}

stop_postgres() {
  local bin; bin="$(pg_bin)"
  if [ -n "$bin" ] && [ -s "$PG_DATA/PG_VERSION" ]; then
    as_postgres "$bin/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null 2>&1 || true
  fi
}

restart_postgres() {
  local bin; bin="$(pg_bin)"
  log "restarting PostgreSQL"
  as_postgres "$bin/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -m fast -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -c unix_socket_directories=$PG_DATA -c max_connections=300" restart >/dev/null
  for _ in $(seq 1 60); do postgres_ready && break; sleep 1; done
}

silo_dll() {
  local dll="$ROOT/src/Life.Silo/bin/$CONFIGURATION/net10.0/life-silo.dll"
  if [ ! -f "$dll" ]; then
    log "building life-silo ($CONFIGURATION)"
    dotnet build "$ROOT/src/Life.Silo" -c "$CONFIGURATION" -nologo -clp:ErrorsOnly >&2
  fi
  echo "$dll"
}

start_silos() {
  local count="$1"; shift
  local dll; dll="$(silo_dll)"
  mkdir -p "$SILO_DIR"
  for i in $(seq 1 "$count"); do
    local pidfile="$SILO_DIR/silo-$i.pid"
    if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
      log "silo $i already running (pid $(cat "$pidfile"))"
      continue
    fi
    nohup dotnet "$dll" --silo-port $((11110 + i)) --gateway-port $((29999 + i)) "$@" >"$SILO_DIR/silo-$i.log" 2>&1 &
    echo $! >"$pidfile"
    log "silo $i started (pid $!, log $SILO_DIR/silo-$i.log)"
  done
}

stop_silos() {
  [ -d "$SILO_DIR" ] || return 0
  local pids=()
  for pidfile in "$SILO_DIR"/silo-*.pid; do
    [ -f "$pidfile" ] || continue
    local pid; pid="$(cat "$pidfile")"
    if kill -0 "$pid" 2>/dev/null; then kill -TERM "$pid"; pids+=("$pid"); fi
    rm -f "$pidfile"
  done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  done
  log "silos stopped"
}

print_env() {
  echo "export LIFE_POSTGRES='$LIFE_POSTGRES'"
}

command="${1:-}"
shift || true
case "$command" in
  servers) start_postgres; print_env ;;
  start)
    count="${1:-2}"; shift || true
    [ "${1:-}" = "--" ] && shift
    start_postgres; start_silos "$count" "$@"; print_env ;;
  stop) stop_silos ;;
  stop-servers) stop_silos; stop_postgres ;;
  restart-postgres) restart_postgres ;;
  stop-postgres) stop_postgres ;;
  env) print_env ;;
  bench) exec bash "$ROOT/benchmarks/cluster-scaling.sh" "$@" ;;
  status)
    postgres_ready && echo "postgres: up (127.0.0.1:$PG_PORT)" || echo "postgres: down"
    for pidfile in "$SILO_DIR"/silo-*.pid; do
      [ -f "$pidfile" ] && { kill -0 "$(cat "$pidfile")" 2>/dev/null && echo "$(basename "$pidfile" .pid): up (pid $(cat "$pidfile"))" || echo "$(basename "$pidfile" .pid): gone"; }
    done ;;
  *) sed -n '2,23p' "$0" >&2; exit 2 ;;
esac
