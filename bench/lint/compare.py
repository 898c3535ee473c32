#!/usr/bin/env python3
"""Times `plumb lint` against squawk's native binary on the same folders, in
one run, alternating the two so that the machine's noise hits both alike.

Usage: compare.py PLUMB SQUAWK ROUNDS LABEL=FOLDER...
Prints, per folder, each tool's median wall time, the ratio plumb/squawk,
and where plumb's time goes (process start, reading and parsing, linting).
"""
import glob
import os
import re
import statistics
import subprocess
import sys
import time


def wall(command):
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


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


def compare(plumb, squawk, rounds, label, folder):
    files = sorted(glob.glob(os.path.join(folder, "*.sql")))
    plumb_cmd = [plumb, "lint", "--migrations", folder, "--format", "json"]
    squawk_cmd = [squawk, "--reporter", "json"] + files
    plumb_times, squawk_times, start_times = [], [], []
    for _ in range(rounds):
        plumb_times.append(wall(plumb_cmd))
        squawk_times.append(wall(squawk_cmd))
        start_times.append(wall([plumb, "--version"]))
    p, s = statistics.median(plumb_times), statistics.median(squawk_times)
    found = phases(plumb, folder)
    print(f"{label}: {len(files)} files, {rounds} rounds (medians)")
    print(f"  plumb lint:  {p * 1000:.0f} ms")
    print(f"  squawk:      {s * 1000:.0f} ms")
    print(f"  ratio plumb/squawk: {p / s:.2f}")
    print(f"  plumb process start (plumb --version): {statistics.median(start_times) * 1000:.0f} ms;"
          f" read+parse {found.get('read', 0):.0f} ms, replay+rules {found.get('lint', 0):.0f} ms,"
          f" render {found.get('render', 0):.0f} ms (one -v run)")


def main():
    plumb, squawk, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
    for pair in sys.argv[4:]:
        label, folder = pair.split("=", 1)
        compare(plumb, squawk, rounds, label, folder)


main()
