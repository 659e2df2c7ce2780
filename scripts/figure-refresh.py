#!/usr/bin/env python3
"""Refreshing 100,000 known devices from a simulator with 20 ms latency: read as 4 ranges in
parallel, each starting at a device of the earlier listing (`devices --parallel 4 --since-file`,
the same range reader as the console's `r`), over the same list read sequentially, both less a
`status` run's wall time (start and login), measured in the same run. Medians of 3.
Budget: <= 0.4 (issue 14)."""
import os
import sys
import tempfile

from figlib import Simulator, client_env, median, release_binary, timed, verdict

LATENCY_MS = 20
DEVICES = 100_000
BUDGET = 0.4

binary = release_binary()
sim = Simulator(binary, "--devices", str(DEVICES), "--licenses", "200000", "--used", "1000", "--latency", str(LATENCY_MS))
try:
    env = client_env(sim)
    listing = os.path.join(tempfile.mkdtemp(prefix="tslicense-figure-"), "before.csv")
    with open(listing, "w") as f:
        _, done = timed([binary, "devices", "--format", "csv"], env, stdout=f)
    assert done.returncode == 0, done.stderr
    status = median([timed([binary, "status"], env)[0] for _ in range(3)])
    sequential, ranges = [], []
    for _ in range(3):
        sequential.append(timed([binary, "devices", "--format", "csv"], env)[0])
        wall, done = timed([binary, "devices", "--parallel", "4", "--since-file", listing, "--format", "csv"], env)
        assert done.returncode == 0 and "one page after another" not in done.stderr, done.stderr
        ranges.append(wall)
finally:
    sim.stop()

seq, par = median(sequential) - status, median(ranges) - status
ratio = par / seq
print(f"refresh {DEVICES:,} known devices, latency {LATENCY_MS} ms (medians of 3, less status {status:.3f} s)")
print(f"  sequential: {seq:.3f} s; 4 ranges: {par:.3f} s: {ratio:.2f} of sequential (budget <= {BUDGET}: {verdict(ratio <= BUDGET)})")
sys.exit(0 if ratio <= BUDGET else 1)
