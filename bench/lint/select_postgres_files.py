#!/usr/bin/env python3
"""Copies the up files a PostgreSQL deploy runs from a migrations folder into
another, flat: for a pop folder (NAME.DIALECT.up.sql), each version's
postgres file, else its file for every database; for any other folder, every
*.sql file that is not a down file. Both linters then get the same files.

Usage: select_postgres_files.py FROM TO"""
import os
import re
import shutil
import sys

source, target = sys.argv[1], sys.argv[2]
POP = re.compile(r"^([0-9]+)_[^.]+(?:\.(postgres|cockroach|mysql|mariadb|sqlite3|sqlite))?(\.autocommit)?\.(up|down)\.sql$")
names = sorted(n for n in os.listdir(source) if n.endswith(".sql"))
pop = [POP.match(n) for n in names]
if any(m and (m.group(2) or m.group(3)) for m in pop):
    chosen = {}
    for name, match in zip(names, pop):
        if not match or match.group(4) != "up" or match.group(2) not in (None, "postgres"):
            continue
        version = match.group(1)
        if version not in chosen or match.group(2) == "postgres":
            chosen[version] = name
    keep = sorted(chosen.values())
else:
    keep = [n for n in names if ".down." not in n]
for name in keep:
    shutil.copy(os.path.join(source, name), os.path.join(target, name))
print(f"{len(keep)} files selected from {source}")
