#!/usr/bin/env python3
"""Assigning 10,000 IMEIs in batches of 100 against a simulator with 50 ms latency, at
concurrency 1, 4 and 16: the summary's elapsedMs over the ideal (rounds x latency), beside a
minimal Python client against a fresh simulator of the same shape in the same run. Medians of 3.
Budgets: concurrency 4 <= 1.15, concurrency 16 <= 1.35 (issue 14)."""
import json
import math
import subprocess
import sys

from figlib import MinimalClient, Simulator, client_env, device_ids, median, release_binary, verdict, write_ids

LATENCY_MS = 50
DEVICES = 10_000
BATCH = 100
BUDGETS = {4: 1.15, 16: 1.35}
SIMULATOR = ["--devices", "12000", "--licenses", "30000", "--used", "0", "--latency", str(LATENCY_MS)]

binary = release_binary()


def tslicense_run(concurrency):
    sim = Simulator(binary, *SIMULATOR)
    try:
        ids = write_ids(device_ids(binary, sim, DEVICES))
        done = subprocess.run([binary, "assign", "--from-file", ids, "--batch-size", str(BATCH), "--concurrency",
                               str(concurrency), "--yes", "--format", "json"], env=client_env(sim),
                              capture_output=True, text=True)
        summary = json.loads(done.stdout)["summary"]
        assert summary["success"] == DEVICES, summary
        return summary["elapsedMs"] / 1000
    finally:
        sim.stop()


def minimal_run(concurrency):
    sim = Simulator(binary, *SIMULATOR)
    try:
        ids = device_ids(binary, sim, DEVICES)
        return MinimalClient(sim).assign(ids, BATCH, concurrency)
    finally:
        sim.stop()


failed = False
print(f"assign {DEVICES:,} IMEIs, batch {BATCH}, simulator latency {LATENCY_MS} ms (medians of 3)")
for concurrency in (1, 4, 16):
    ideal = math.ceil(DEVICES / BATCH / concurrency) * LATENCY_MS / 1000
    ours = median([tslicense_run(concurrency) for _ in range(3)])
    base = median([minimal_run(concurrency) for _ in range(3)])
    ratio = ours / ideal
    line = (f"  concurrency {concurrency:2}: elapsed {ours:.3f} s, ideal {ideal:.2f} s: {ratio:.2f}x ideal; "
            f"minimal client {base:.3f} s ({base / ideal:.2f}x ideal): {ours / base:.2f}x the minimal client")
    if concurrency in BUDGETS:
        ok = ratio <= BUDGETS[concurrency]
        failed |= not ok
        line += f" (budget <= {BUDGETS[concurrency]}: {verdict(ok)})"
    print(line, flush=True)
sys.exit(1 if failed else 0)
