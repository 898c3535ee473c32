#!/usr/bin/env python3
"""Writes N Flyway-style migrations (V1__..sql .. VN__..sql) of plain SQL into a folder:
V1 creates 50 tables; each later file changes one of them the way real
migrations do, safely or not, so that both linters have work on every file."""
import os
import sys

folder, count = sys.argv[1], int(sys.argv[2])
os.makedirs(folder, exist_ok=True)
TABLES = 50
with open(os.path.join(folder, "V1__create_tables.sql"), "w") as out:
    for t in range(TABLES):
        out.write(f"CREATE TABLE t{t} (\n  id bigserial PRIMARY KEY,\n  account_id bigint,\n"
                  f"  email character varying,\n  status text DEFAULT 'new' NOT NULL,\n  created_at timestamp NOT NULL\n);\n"
                  f"CREATE INDEX index_t{t}_on_account_id ON t{t} (account_id);\n\n")
CHANGES = [
    "CREATE INDEX CONCURRENTLY IF NOT EXISTS index_{t}_on_c{n} ON {t} (created_at, status);\n",
    "CREATE UNIQUE INDEX index_{t}_on_email_{n} ON {t} (email);\n",
    "ALTER TABLE {t} ADD COLUMN c{n} integer;\nALTER TABLE {t} ADD COLUMN d{n} uuid DEFAULT gen_random_uuid();\n",
    "ALTER TABLE {t} ADD CONSTRAINT {t}_fk{n} FOREIGN KEY (account_id) REFERENCES t0 (id) NOT VALID;\n"
    "ALTER TABLE {t} VALIDATE CONSTRAINT {t}_fk{n};\n",
    "ALTER TABLE {t} ALTER COLUMN email TYPE text;\nALTER TABLE {t} ALTER COLUMN email SET NOT NULL;\n",
    "UPDATE {t} SET status = 'done' WHERE status = 'new' AND created_at < now() - interval '30 days';\n",
]
for n in range(2, count + 1):
    table = f"t{n % TABLES}"
    with open(os.path.join(folder, f"V{n}__change_{table}.sql"), "w") as out:
        out.write(f"-- change {n} of {table}\n")
        out.write(CHANGES[n % len(CHANGES)].format(t=table, n=n))
