#!/usr/bin/env python3
"""Writes one big plumb migration, generated at run time (never committed):
  generate_big_migration.py PATH lines COUNT    COUNT one-line INSERTs (1.5 million: about 54 MB)
  generate_big_migration.py PATH inserts COUNT  COUNT INSERTs of about 500 KB each (102: about 50 MB)
Both have a '-- plumb:up' line first, as plumb's own migrations do."""
import sys

path, shape, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
with open(path, "w") as out:
    out.write("-- plumb:up\n")
    if shape == "lines":
        for i in range(count):
            out.write(f"INSERT INTO items VALUES ({i:07d});\n")
    elif shape == "inserts":
        row = "({n}, 'item number {n}', now(), {n} * 2, true)"
        for i in range(count):
            out.write("INSERT INTO items (id, name, created_at, amount, active) VALUES\n")
            out.write(",\n".join(row.format(n=i * 9000 + r) for r in range(9000)))
            out.write(";\n")
    else:
        sys.exit(f"unknown shape {shape!r} (lines or inserts)")
