#!/usr/bin/env python3
"""Times `plumb lint` against squawk's native binary on the same folders, in
one run, alternating the tools so that the machine's noise hits them alike.

Usage: compare.py PLUMB SQUAWK ROUNDS LABEL=FOLDER...
With PLUMB_BASELINE=/path/to/an/older/plumb, that binary is timed in the same
rounds too (before/after figures from one run).
Prints, per folder, each tool's median wall time and median CPU time (user +
system: on a loaded machine wall time is mostly waiting for a core), the
ratios to squawk, and where plumb's time goes (process start, reading and
parsing, linting, rendering).
"""
import glob
import os
import re
import resource
import statistics
import subprocess
import sys
import time


def timed(command):
    """(wall seconds, CPU seconds of the child: user + system, all threads)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def phases(plumb, folder):
    """plumb's own account of its phases, from its -v log."""
    run = subprocess.run([plumb, "-v", "lint", "--migrations", folder, "--format", "json"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    found = {}
    for name in ("read", "lint", "render"):
        match = re.search(rf"lint {name}: ([0-9.]+) ms", run.stderr)
        if match:
            found[name] = float(match.group(1))
    return found


def compare(tools, rounds, label, folder):
    files = sorted(glob.glob(os.path.join(folder, "*.sql")))
    commands = {}
    for name, binary in tools:
        if name == "squawk":
            commands[name] = [binary, "--reporter", "json"] + files
        else:
            commands[name] = [binary, "lint", "--migrations", folder, "--format", "json"]
    plumb = dict(tools)["plumb"]
    commands["plumb --version"] = [plumb, "--version"]
    walls = {name: [] for name in commands}
    cpus = {name: [] for name in commands}
    for _ in range(rounds):
        for name, command in commands.items():
            wall, cpu = timed(command)
            walls[name].append(wall)
            cpus[name].append(cpu)
    wall = {name: statistics.median(values) for name, values in walls.items()}
    cpu = {name: statistics.median(values) for name, values in cpus.items()}
    found = phases(plumb, folder)
    print(f"{label}: {len(files)} files, {rounds} rounds (medians), load average {os.getloadavg()[0]:.1f}")
    for name in commands:
        ratio = ""
        if name != "squawk" and name != "plumb --version":
            ratio = f"   / squawk: wall {wall[name] / wall['squawk']:.2f}, CPU {cpu[name] / cpu['squawk']:.2f}"
        print(f"  {name:<16} wall {wall[name] * 1000:6.0f} ms  CPU {cpu[name] * 1000:5.0f} ms{ratio}")
    print(f"  plumb read+parse {found.get('read', 0):.0f} ms, replay+rules {found.get('lint', 0):.0f} ms,"
          f" render {found.get('render', 0):.0f} ms (one -v run, wall)")


def main():
    plumb, squawk, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
    tools = [("plumb", plumb), ("squawk", squawk)]
    if os.environ.get("PLUMB_BASELINE"):
        tools.append(("plumb (baseline)", os.environ["PLUMB_BASELINE"]))
    for pair in sys.argv[4:]:
        label, folder = pair.split("=", 1)
        compare(tools, rounds, label, folder)


main()
