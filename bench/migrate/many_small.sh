#!/usr/bin/env bash
# `plumb migrate up` of COUNT small migrations (each a CREATE TABLE and a
# CREATE INDEX) against its floor: one psql session doing the same work,
# each migration in its own transaction plus a history insert. Both run in
# the same invocation on the same server, each into a fresh database, in
# turn for ROUNDS rounds; prints each time and the median ratio. Then times
# `migrate status` and `migrate plan` on STATUS_COUNT migrations.
#
#   scripts/build && bench/migrate/many_small.sh     # COUNT=200 ROUNDS=5 STATUS_COUNT=2000
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
COUNT="${COUNT:-200}"
ROUNDS="${ROUNDS:-5}"
STATUS_COUNT="${STATUS_COUNT:-2000}"
plumb="$root/build/plumb"
[[ -x "$plumb" ]] || { echo "build plumb first (scripts/build)" >&2; exit 1; }

eval "$(PLUMB_PG_PORT=54341 "$root/scripts/pg" start)"
work="$(mktemp -d /tmp/plumb-many-small.XXXXXX)"
trap '"$root/scripts/pg" stop "$PLUMB_PG_DIR"; rm -rf "$work"' EXIT

# write_migrations DIR N: N migration files, 001_small_1.sql ...
write_migrations() {
  mkdir -p "$1"
  local i
  for ((i = 1; i <= $2; i++)); do
    printf -- '-- plumb:up\nCREATE TABLE small_%d (id bigint PRIMARY KEY, name text NOT NULL);\nCREATE INDEX small_%d_name ON small_%d (name);\n-- plumb:down\nDROP TABLE small_%d;\n' \
      "$i" "$i" "$i" "$i" >"$(printf '%s/%04d_small_%d.sql' "$1" "$i" "$i")"
  done
}

# The same work as one psql script: the history table as plumb creates it,
# then per migration BEGIN, its two statements, the history row, COMMIT.
write_psql_script() {
  local i file sum
  cat <<'SQL'
CREATE TABLE plumb_schema_migrations (version bigint PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now(), duration_ms bigint NOT NULL,
  applied_by text NOT NULL DEFAULT current_user,
  client_host text NOT NULL DEFAULT coalesce(host(inet_client_addr()), 'local'), outcome text NOT NULL,
  reason text, previous_checksum text, error text);
SQL
  for ((i = 1; i <= COUNT; i++)); do
    file="$(printf '%s/migrations/%04d_small_%d.sql' "$work" "$i" "$i")"
    sum="$(sha256sum "$file" | cut -c1-64)"
    printf 'BEGIN;\nCREATE TABLE small_%d (id bigint PRIMARY KEY, name text NOT NULL);\nCREATE INDEX small_%d_name ON small_%d (name);\n' "$i" "$i" "$i"
    printf "INSERT INTO plumb_schema_migrations (version, name, checksum, duration_ms, outcome) VALUES (%d, 'small_%d', '%s', 0, 'applied');\nCOMMIT;\n" "$i" "$i" "$sum"
  done
}

seconds() { local start=$1 end=$2; echo "scale=3; ($end - $start) / 1000000000" | bc; }

write_migrations "$work/migrations" "$COUNT"
write_psql_script >"$work/floor.sql"
plumb_times=() psql_times=() ratios=()
for ((round = 1; round <= ROUNDS; round++)); do
  createdb "plumb_$round"; createdb "psql_$round"
  begin=$(date +%s%N)
  "$plumb" -q migrate --db "dbname=plumb_$round" --migrations "$work/migrations" up >/dev/null
  middle=$(date +%s%N)
  psql -qX -v ON_ERROR_STOP=1 -d "psql_$round" -f "$work/floor.sql" >/dev/null
  end=$(date +%s%N)
  p=$(seconds "$begin" "$middle"); q=$(seconds "$middle" "$end")
  plumb_times+=("$p"); psql_times+=("$q"); ratios+=("$(echo "scale=2; $p / $q" | bc)")
  [[ "$(psql -qXAt -d "plumb_$round" -c 'SELECT count(*) FROM plumb_schema_migrations')" == "$COUNT" ]] || { echo "plumb did not apply $COUNT" >&2; exit 1; }
  echo "round $round: plumb ${p}s, psql ${q}s, ratio ${ratios[-1]}" >&2
  dropdb "plumb_$round"; dropdb "psql_$round"
done
median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
echo "| $COUNT small migrations | plumb migrate up | one psql session | plumb / psql |"
echo "|---|---|---|---|"
echo "| median of $ROUNDS rounds | $(median "${plumb_times[@]}") s | $(median "${psql_times[@]}") s | $(median "${ratios[@]}") |"

# status and plan read every file and the history; timed with all applied
# (status) and all pending (plan: every statement and its lock).
write_migrations "$work/many" "$STATUS_COUNT"
createdb applied; createdb fresh
"$plumb" -q migrate --db dbname=applied --migrations "$work/many" up >/dev/null
for action in "status applied" "plan fresh"; do
  set -- $action
  begin=$(date +%s%N)
  "$plumb" -q migrate --db "dbname=$2" --migrations "$work/many" "$1" >/dev/null || [[ $? -eq 1 ]]
  end=$(date +%s%N)
  echo "| migrate $1, $STATUS_COUNT migrations ($2) | $(seconds "$begin" "$end") s |"
done
echo "($(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg))" >&2
