-- A generated schema for the inspect benchmark: :tables tables of 8 columns,
-- each with 4 indexes (a primary key, a unique pair, a partial unique index,
-- a lower() expression index), i.e. 4 indexes per table.
-- psql -v tables=2000 -f generate_schema.sql
SELECT format(
  'CREATE TABLE t%1$s (id bigserial PRIMARY KEY, owner_type varchar, owner_id bigint, email varchar,'
  ' status varchar NOT NULL DEFAULT ''new'', amount numeric, created_at timestamp NOT NULL, note text);'
  'CREATE UNIQUE INDEX t%1$s_owner ON t%1$s (owner_type, owner_id);'
  'CREATE UNIQUE INDEX t%1$s_active ON t%1$s (owner_id, status) WHERE status = ''active'';'
  'CREATE INDEX t%1$s_email ON t%1$s (lower(email));', n)
FROM generate_series(1, :tables) AS n
\gexec
