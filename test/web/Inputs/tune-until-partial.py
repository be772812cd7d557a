#!/usr/bin/env python3
"""Runs `COMMAND --tune --tuning-budget B --tuning-cache CACHE` with budgets
of 0.6, 1.2 and 2.4 s until a run measures something, and prints that run's
output (stdout and stderr) for FileCheck.

On a quiet machine 0.6 s measures about half of tune-many.test's variants;
on a loaded one (CI's parallel lit) the first measurement can take longer
than the whole budget, and the run then measures nothing and caches
nothing ("nothing measured (not cached)"): the next budget is tried, so
that the test checks a budget cut short, not the machine's load.

  tune-until-partial.py CACHE COMMAND...
"""
import subprocess
import sys


def main():
    cache, command = sys.argv[1], sys.argv[2:]
    text = ""
    for budget in ("0.6", "1.2", "2.4"):
        run = subprocess.run(command + ["--tune", "--tuning-budget", budget,
                                        "--tuning-cache", cache],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             text=True)
        text = run.stdout
        if run.returncode != 0:
            sys.stdout.write(text)
            return run.returncode
        if "nothing measured (not cached)" not in text:
            break
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
