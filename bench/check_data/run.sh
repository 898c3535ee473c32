#!/usr/bin/env bash
# The data-rules benchmark: rules/reference-data.yml over generated reference
# data, `plumb check --jobs 1` and `--jobs 2` (the real binary) against psql
# running the same statements one after another, and plumb's peak RSS.
#
#   bench/check_data/run.sh BATCHES ENTRIES    # e.g. 1000000 10000000
#
# Needs a built tree (scripts/build: build/plumb). Starts and removes its own server.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
batches="${1:?usage: run.sh BATCHES ENTRIES}"
entries="${2:?usage: run.sh BATCHES ENTRIES}"
work="$(mktemp -d /tmp/plumb-bench.XXXXXX)"
plumb="$root/build/plumb"
rules="$root/rules/reference-data.yml"

eval "$(PLUMB_PG_PORT=54339 PLUMB_PG_OPTIONS="-c shared_buffers=512MB -c work_mem=64MB -c max_parallel_workers_per_gather=0" "$root/scripts/pg" start)"
trap 'scripts_pg_stop' EXIT
scripts_pg_stop() { "$root/scripts/pg" stop "$PLUMB_PG_DIR"; rm -rf "$work"; }

psql -X -q -c "CREATE DATABASE bench"
sed -n '/^-- plumb:up/,/^-- plumb:down/p' "$root/migrations/001_reference_schema.sql" | psql -X -q -d bench -v ON_ERROR_STOP=1
start=$(date +%s)
psql -X -q -d bench -v batches="$batches" -v entries="$entries" -v members=200000 -f "$root/bench/check_data/generate.sql"
echo "generated $batches batches and $entries entries in $(( $(date +%s) - start )) s"
conninfo="dbname=bench"
# The generated data holds stuck batches, so plumb exits 1: that is its
# answer, not a failure of the benchmark. json keeps progress lines out.
plumb_check() { "$plumb" --db "$conninfo" --format json check --rules "$rules" --jobs "$1" || [[ $? -eq 1 ]]; }

# One run with statement logging captures the exact SQL for psql and warms the cache.
psql -X -q -d bench -c "ALTER DATABASE bench SET log_statement = 'all'"
plumb_check 1 >/dev/null
psql -X -q -d bench -c "ALTER DATABASE bench RESET log_statement"
python3 "$root/bench/check_data/extract_statements.py" "$PLUMB_PG_DIR/server.log" \
  | grep -v "ALTER DATABASE" >"$work/replay.sql"
echo "psql replays $(grep -c ';$' "$work/replay.sql") statements"

seconds() { local s; s=$(date +%s.%N); "$@" >/dev/null; python3 -c "print($(date +%s.%N) - $s)"; }
ratio() { python3 -c "print(round($1 / $2, 3))"; }
for round in 1 2; do
  psql_s=$(seconds psql -X -q -d bench -f "$work/replay.sql")
  jobs1_s=$(seconds plumb_check 1)
  jobs2_s=$(seconds plumb_check 2)
  printf 'round %s: psql %.2f s, jobs 1 %.2f s (ratio %s), jobs 2 %.2f s (ratio %s)\n' "$round" "$psql_s" \
    "$jobs1_s" "$(ratio "$jobs1_s" "$psql_s")" "$jobs2_s" "$(ratio "$jobs2_s" "$psql_s")"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/time -v "$plumb" --db "$conninfo" check --rules "$rules" --jobs 1 >/dev/null 2>"$work/time.txt" || true
grep -E '^\[[0-9]+/[0-9]+\] ' "$work/time.txt"  # the progress lines: each rule's time
grep "Maximum resident set size" "$work/time.txt"
