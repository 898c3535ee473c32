#!/usr/bin/env python3
"""Runs the plumb commands of every CI recipe in examples/ci/ as the recipe
would, against a throwaway database on the server the PG* variables name:
in a copy of a repository laid out as the recipes expect (plumb.yml, rules/,
migrations/), with DATABASE_URL set as the CI secret would be. Every command
must exit 0 on a database whose migrations are applied, and every report
file a recipe uploads must exist and parse.

Usage: ci_recipes_test.py PLUMB_BINARY SOURCE_DIR"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree

import yaml


def fail(message):
    print(f"FAIL: {message}", file=sys.stderr)
    sys.exit(1)


def github_scripts(path):
    workflow = yaml.safe_load(open(path))
    for job in workflow["jobs"].values():
        for step in job["steps"]:
            if "run" in step:
                yield step["run"]


def gitlab_scripts(path):
    pipeline = yaml.safe_load(open(path))
    for name, job in pipeline.items():
        if isinstance(job, dict) and "script" in job:
            yield "\n".join(job["script"])


def plumb_commands(scripts):
    for script in scripts:
        for line in script.splitlines():
            if line.strip().startswith("plumb "):
                yield line.strip()


def recipes(source):
    folder = os.path.join(source, "examples", "ci")
    for name in sorted(os.listdir(os.path.join(folder, "github"))):
        yield f"github/{name}", list(plumb_commands(github_scripts(os.path.join(folder, "github", name))))
    yield "gitlab/.gitlab-ci.yml", list(plumb_commands(gitlab_scripts(os.path.join(folder, "gitlab", ".gitlab-ci.yml"))))


def repository(source, work):
    """A repository as the recipes expect it: plumb's own rules and migrations."""
    shutil.copy(os.path.join(source, "examples", "ci", "plumb.yml"), work)
    shutil.copytree(os.path.join(source, "rules"), os.path.join(work, "rules"))
    shutil.copytree(os.path.join(source, "migrations"), os.path.join(work, "migrations"))


def psql(sql):
    subprocess.run(["psql", "-q", "-v", "ON_ERROR_STOP=1", "-d", "postgres", "-c", sql], check=True,
                   stdout=subprocess.DEVNULL)


def run(command, work, environment):
    result = subprocess.run(command, shell=True, cwd=work, env=environment, capture_output=True, text=True,
                            timeout=300)
    print(f"$ {command}  (exit {result.returncode})")
    return result


def check_report(work, command):
    words = command.split()
    if "--output" not in words:
        return
    path = os.path.join(work, words[words.index("--output") + 1])
    if not os.path.exists(path):
        fail(f"{command} wrote no {path}")
    text = open(path).read()
    if path.endswith(".sarif"):
        log = json.loads(text)
        if log["runs"][0]["invocations"][0]["executionSuccessful"] is not True:
            fail(f"{command}: the SARIF run did not succeed")
    else:
        ElementTree.fromstring(text)


def main():
    plumb, source = sys.argv[1], sys.argv[2]
    if not os.environ.get("PGHOST"):
        fail("PGHOST is not set: the recipes run against the throwaway server scripts/test starts")
    database = f"plumb_ci_recipes_{os.getpid()}"
    work = tempfile.mkdtemp(prefix="plumb-ci-")
    bin_dir = os.path.join(work, ".bin")
    os.makedirs(bin_dir)
    os.symlink(plumb, os.path.join(bin_dir, "plumb"))
    repository(source, work)
    environment = dict(os.environ, PATH=bin_dir + ":" + os.environ["PATH"], DATABASE_URL=f"postgresql:///{database}")
    psql(f"CREATE DATABASE {database}")
    try:
        # What the deploy does before the recipes run: the schema as the migrations build it.
        setup = run("plumb migrate up", work, environment)
        if setup.returncode != 0:
            fail(f"plumb migrate up: {setup.stderr}")
        count = 0
        for recipe, commands in recipes(source):
            if not commands:
                fail(f"{recipe} runs no plumb command")
            for command in commands:
                result = run(command, work, environment)
                if result.returncode != 0:
                    fail(f"{recipe}: {command} exited {result.returncode}: {result.stdout[-2000:]}{result.stderr}")
                check_report(work, command)
                count += 1
        print(f"ok: {count} command(s) of the recipes")
    finally:
        psql(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
        shutil.rmtree(work, ignore_errors=True)


main()
