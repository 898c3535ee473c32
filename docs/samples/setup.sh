# What each sample of the docs needs before its commands run (see
# scripts/doc-samples): setup_NAME runs in the sample's fresh folder, with
# PGDATABASE naming its fresh database and PLUMB_SOURCE the repository.

# The reference schema as it was at the incident, with Berlin's data: batch
# 28 stuck in running.
incident_database() {
  plumb migrate up --to 1 --migrations "$PLUMB_SOURCE/migrations"
  psql -q -1 -v ON_ERROR_STOP=1 -f "$PLUMB_SOURCE/fixtures/incident.sql"
}

setup_readme_check() {
  incident_database
  mkdir plumb
  # The rules file of the README's "Your database in five minutes".
  cat >plumb/rules.yml <<'YAML'
models:
  InvitationLogEntry:
    table: invitation_log_entries
    unique:
      - columns: [invitation_log_id, member_id, invitation_type, invitation_id]
rules:
  - id: unique-indexes-match-models
    check: unique_indexes_match_model
  - id: no-stuck-batches
    check: stale_rows
    table: invitation_logs
    where: "status = 'running'"
    timestamp: updated_at
    older_than: 30m
    show: [id, loggable_id, audience, started_at]
YAML
}

setup_check_incident() {
  incident_database
  cp -r "$PLUMB_SOURCE/rules" rules
}

setup_sweep_apply() {
  setup_check_incident
}

setup_inspect_table() {
  plumb migrate up --to 1 --migrations "$PLUMB_SOURCE/migrations"
}

setup_migrate_up() {
  cp -r "$PLUMB_SOURCE/migrations" migrations
}

setup_lint_at_incident() {
  mkdir at-incident rules
  cp "$PLUMB_SOURCE/migrations/001_reference_schema.sql" at-incident/
  cp "$PLUMB_SOURCE/rules/reference.yml" rules/
}

setup_rules_unknown_key() {
  mkdir rules
  printf 'rules:\n  - id: r\n    check: index_names\n    patern: x\n' >rules/bad.yml
}

setup_config_below() {
  mkdir -p app/models db/plumb db/migrations
  export DATABASE_URL=postgresql://app:s3cret@db.example/app
  cat >plumb.yml <<'YAML'
# plumb.yml at the top of the repository
db_env: DATABASE_URL
rules: [db/plumb]
migrations: db/migrations
history_table: public.plumb_schema_migrations
format: text
fail_on: error
lint:
  exclude_rules: [require-timeout-settings]
YAML
}

# A session that holds an ACCESS EXCLUSIVE lock on `things` and stays idle
# in its transaction while the sample's commands run (its input, fd 3,
# stays open until the sample's shell ends).
setup_lock_held() {
  mkdir migrations
  printf 'ALTER TABLE things ADD COLUMN note text;\n' >migrations/001_note.sql
  psql -q -c "CREATE TABLE things (id int); INSERT INTO things VALUES (1)"
  mkfifo holder
  psql -q <holder >/dev/null 2>&1 &
  exec 3>holder
  echo "BEGIN; LOCK TABLE things IN ACCESS EXCLUSIVE MODE;" >&3
  until [[ $(psql -Atc "SELECT count(*) FROM pg_locks WHERE mode = 'AccessExclusiveLock' AND relation = 'things'::regclass AND granted") == 1 ]]; do
    sleep 0.1
  done
}
