#!/usr/bin/env python3
"""Figure (a): 40 devices in batches of 5, one batch at a time, every third answer lost (the
server applies the batch, then closes the connection), server latency 0, --timeout 10: total
wall time of `tslicense assign`. Budget: under 2 s."""
import json
import subprocess
import sys
import time

from figlib import Simulator, client_env, device_ids, release_binary, verdict, write_ids

BUDGET = 2.0

binary = release_binary()
sim = Simulator(binary, "--devices", "40", "--used", "0", "--latency", "0", "--lose-answer-every", "3")
try:
    ids = write_ids(device_ids(binary, sim, 40))
    start = time.monotonic()
    run = subprocess.run([binary, "assign", "--from-file", ids, "--batch-size", "5", "--concurrency", "1",
                          "--timeout", "10", "--yes", "--format", "json"], env=client_env(sim), capture_output=True, text=True)
    wall = time.monotonic() - start
finally:
    sim.stop()
doc = json.loads(run.stdout)
results = doc["results"]
resent = len({r["deviceId"] for r in results if r["attempts"] > 1})
done = sum(1 for r in results if r["outcome"] in ("success", "alreadyLicensed"))
print(f"lost replies: 40 devices, batches of 5, concurrency 1, every 3rd answer lost, --timeout 10")
print(f"  exit {run.returncode}; {done}/40 in the wanted state; {resent} devices re-sent after a lost answer")
print(f"  total wall time: {wall:.2f} s (budget < {BUDGET:.0f} s: {verdict(wall < BUDGET)})")
sys.exit(0 if wall < BUDGET and run.returncode == 0 else 1)
