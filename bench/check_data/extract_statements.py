"""Turns the statements a PostgreSQL server logged (log_statement = all) into
a psql script: simple-protocol statements as they are, extended-protocol ones
with their $n parameters put back as the literals the server logged."""
import re
import sys

statement = re.compile(r"LOG:  (?:statement|execute [^:]*): (.*)")
parameters = re.compile(r"DETAIL:  parameters: (.*)")
parameter = re.compile(r"\$(\d+) = ('(?:[^']|'')*'|NULL)")

statements = []
current = None
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.rstrip("\n")
    if current is not None and line.startswith("\t"):
        current.append(line[1:])
        continue
    if current is not None:
        statements.append("\n".join(current))
        current = None
    match = statement.search(line)
    if match:
        current = [match.group(1)]
        continue
    match = parameters.search(line)
    if match and statements:
        values = dict(parameter.findall(match.group(1)))
        statements[-1] = re.sub(r"\$(\d+)", lambda m: values.get(m.group(1), m.group(0)), statements[-1])
if current is not None:
    statements.append("\n".join(current))
for text in statements:
    print(text.rstrip().rstrip(";") + ";")
