#!/usr/bin/env bash
# Cluster scaling on this machine: configurations/s of a cluster sweep with 1 and 2 life-silo
# processes (each --concurrency C), and the per-shard overhead of the grain call (the call and its
# activation, the claim, the completion transaction) measured with 1-configuration shards.
# Figures come from the checkpoint store (life_shards: first shard start to last completion, and
# each shard's own claim + evaluate + write + commit time), so client start-up is not counted.
# Run it on a quiet machine: other work on the same cores changes every figure.
#
#   benchmarks/cluster-scaling.sh [--silos "1 2"] [--concurrency C] [--keep]
#   deploy/local-cluster.sh bench [same options]
#
# Needs what deploy/local-cluster.sh needs (it starts PostgreSQL on 127.0.0.1:5433 if it is not
# up). Each run gets its own database (dropped afterwards unless --keep) and its own silo ports
# (11401+ / 30401+), so a cluster started by local-cluster.sh is left alone.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SILOS="1 2"
CONCURRENCY=1
KEEP=0
while [ $# -gt 0 ]; do
  case "$1" in
    --silos) SILOS="$2"; shift 2 ;;
    --concurrency) CONCURRENCY="$2"; shift 2 ;;
    --keep) KEEP=1; shift ;;
    *) sed -n '2,16p' "$0" >&2; exit 2 ;;
  esac
done

PG_PORT="${LIFE_PG_PORT:-5433}"
SILO_DLL="$ROOT/src/Life.Silo/bin/Release/net10.0/life-silo.dll"
CLIENT_DLL="$ROOT/src/Life.SweepClient/bin/Release/net10.0/life-sweep.dll"
WORK="$(mktemp -d /tmp/life-cluster-bench.XXXXXX)"
PIDS=()

log() { echo "cluster-scaling: $*" >&2; }

cleanup() {
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  PIDS=()
}
trap 'cleanup; rm -rf "$WORK"' EXIT

if [ ! -f "$SILO_DLL" ] || [ ! -f "$CLIENT_DLL" ]; then
  log "building life-silo and life-sweep (Release)"
  dotnet build "$ROOT/src/Life.Silo" -c Release -nologo -clp:ErrorsOnly >&2
  dotnet build "$ROOT/src/Life.SweepClient" -c Release -nologo -clp:ErrorsOnly >&2
fi
bash "$ROOT/deploy/local-cluster.sh" servers >/dev/null
PG_BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
psql_life() { "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U life "$@"; }

# 2,359,296 configurations in 48 shards of 50,000: the engine's rate through the cluster.
cat >"$WORK/big.yaml" <<'EOF'
name: cluster-bench-big
hardware: [h100-sxm, a100-80gb, l40s, rtx-4090]
models: [llama-2-7b, llama-3-8b, mistral-7b, qwen2.5-7b, gemma-2-2b, llama-2-13b]
optimizations:
  weight_bits: [16, 8, 4.5]
  kv_bits: [16, 8]
  fusion: [eager, flash]
  lora_rank: [0, 16]
  chunk: [0, 512]
workload:
  batch: [1, 2, 4, 8, 12, 16, 24, 32, 48, 64, 96, 128, 160, 192, 224, 256]
  input_tokens: [128, 256, 384, 512, 768, 1024, 1536, 2048, 3072, 4096, 6144, 8192, 10240, 12288, 14336, 16384]
  output_tokens: [64, 128, 192, 256, 384, 512, 768, 1024]
constraints: { fits: true, max_ttft_ms: 5000 }
objectives: [min:tpot_ms, min:cost_per_mtok, max:throughput_tps]
shard_size: 50000
EOF

# 288 configurations in 288 shards of 1: almost nothing to evaluate, so the time is the per-shard overhead.
cat >"$WORK/tiny.yaml" <<'EOF'
name: cluster-bench-tiny
hardware: [h100-sxm, a100-80gb, l40s, rtx-4090]
models: [llama-2-7b, llama-3-8b, mistral-7b]
optimizations:
  weight_bits: [16, 8, 4.5]
  kv_bits: [16, 8]
workload:
  batch: [1, 8]
  input_tokens: [128, 2048]
  output_tokens: [128]
constraints: { fits: true }
objectives: [min:tpot_ms, max:throughput_tps]
shard_size: 1
EOF

run_one() {
  local silos="$1" spec="$2"
  local db="life_bench_$$_${silos}_${spec}"
  psql_life -d postgres -qc "CREATE DATABASE $db" >/dev/null
  export LIFE_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=life;Database=$db"
  for i in $(seq 1 "$silos"); do
    dotnet "$SILO_DLL" --concurrency "$CONCURRENCY" --silo-port $((11400 + i)) --gateway-port $((30400 + i)) \
      --health-interval 60 >"$WORK/silo-$silos-$spec-$i.log" 2>&1 &
    PIDS+=("$!")
  done
  for i in $(seq 1 "$silos"); do
    for _ in $(seq 1 240); do grep -q "health: database ok" "$WORK/silo-$silos-$spec-$i.log" && break; sleep 0.5; done
    grep -q "health: database ok" "$WORK/silo-$silos-$spec-$i.log" || { log "silo $i did not start:"; tail -5 "$WORK/silo-$silos-$spec-$i.log" >&2; exit 1; }
  done
  local id
  id="$(dotnet "$CLIENT_DLL" submit "$WORK/$spec.yaml" --out "$WORK/out-$silos-$spec" | head -1)"
  dotnet "$CLIENT_DLL" wait "$id" >/dev/null
  # configurations/s from first start to last completion; the wall time per shard per silo; each
  # shard's own claim + evaluate + write + commit time; their difference is what dispatch adds.
  psql_life -d "$db" -tA -F ' ' -c "
    SELECT count(*), sum(rows),
           round(sum(rows) / extract(epoch FROM max(finished_utc) - min(started_utc))),
           round(1000 * $silos * extract(epoch FROM max(finished_utc) - min(started_utc)) / count(*), 1),
           round(1000 * avg(extract(epoch FROM finished_utc - started_utc)), 1)
    FROM life_shards WHERE sweep_id = '$id'" | {
      read -r shards rows rate wall work
      printf '%-6s %6s %8s %12s %14s %14s %12s %12s\n' "$spec" "$silos" "$shards" "$rows" "$rate" "$wall" "$work" \
        "$(awk -v a="$wall" -v b="$work" 'BEGIN { printf "%.1f", a - b }')"
    }
  cleanup
  [ "$KEEP" = 1 ] || psql_life -d postgres -qc "DROP DATABASE $db WITH (FORCE)" >/dev/null
}

printf '%-6s %6s %8s %12s %14s %14s %12s %12s\n' spec silos shards configs configs/s "wall/shard ms" "work ms" "overhead ms"
for spec in big tiny; do
  for silos in $SILOS; do
    run_one "$silos" "$spec"
  done
done
echo "wall/shard = silos x (last completion - first start) / shards; work = a shard's claim + evaluate + write + commit;"
echo "overhead = wall/shard - work: the grain call, its activation and dispatch (per shard, per silo). Load average: $(cut -d' ' -f1-3 /proc/loadavg)"
