#!/usr/bin/env python3
"""Figure (c): a 2,000-device assign (batches of 10, concurrency 2, server latency 20 ms) whose
server is killed (SIGKILL) once 500 device results are printed: time from the server's death to
the end of the run. Budget: under 10 s."""
import json
import os
import subprocess
import sys
import tempfile
import time

from figlib import Simulator, client_env, device_ids, release_binary, verdict, write_ids

BUDGET = 10.0

binary = release_binary()
sim = Simulator(binary, "--devices", "2000", "--licenses", "5000", "--used", "0", "--latency", "20")
out = os.path.join(tempfile.mkdtemp(prefix="tslicense-figure-"), "results.json")
try:
    ids = write_ids(device_ids(binary, sim, 2000))
    run = subprocess.Popen([binary, "assign", "--from-file", ids, "--batch-size", "10", "--concurrency", "2",
                            "--yes", "--format", "table", "--output", out], env=client_env(sim),
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    rows = 0
    for line in run.stdout:
        if line[:15].isdigit():
            rows += 1
        if rows >= 500:
            break
    sim.kill()
    died = time.monotonic()
    rest, err = run.communicate()
    ended = time.monotonic()
finally:
    sim.kill()
after = ended - died
summary = json.load(open(out))["summary"]
print("dead server: 2,000-device assign, batches of 10, concurrency 2; server killed after 500 results")
print(f"  exit {run.returncode}: {summary['success']} success, {summary['unknown']} unknown, "
      f"{summary['skipped']} skipped (not sent), {summary['failed']} failed")
print(f"  last line: {rest.strip().splitlines()[-1] if rest.strip() else ''}")
print(f"  from the server's death to the end of the run: {after:.2f} s (budget < {BUDGET:.0f} s: {verdict(after < BUDGET)})")
sys.exit(0 if after < BUDGET else 1)
