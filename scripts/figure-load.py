#!/usr/bin/env python3
"""Loading 100,000 devices (100 pages of 1,000) from a simulator with 20 ms latency:
`devices --format json` (and csv), wall time less a `status` run's (start and login), over the
ideal 2 s (100 pages x 20 ms); beside a minimal Python client reading the same pages one after
another in the same run. Medians of 3. Budget: <= 1.3 (issue 14)."""
import sys
import time

from figlib import MinimalClient, Simulator, client_env, median, release_binary, timed, verdict

LATENCY_MS = 20
DEVICES = 100_000
IDEAL = DEVICES / 1000 * LATENCY_MS / 1000
BUDGET = 1.3

binary = release_binary()
sim = Simulator(binary, "--devices", str(DEVICES), "--licenses", "200000", "--used", "1000", "--latency", str(LATENCY_MS))
try:
    env = client_env(sim)
    timed([binary, "status"], env)   # warm: the simulator's first answers, the binary in the page cache
    status = median([timed([binary, "status"], env)[0] for _ in range(3)])
    results = {}
    for fmt in ("json", "csv"):
        walls = []
        for _ in range(3):
            wall, done = timed([binary, "devices", "--format", fmt], env)
            assert done.returncode == 0, done.stderr
            walls.append(wall)
        results[fmt] = median(walls)
    minimal = []
    for _ in range(3):
        start = time.monotonic()
        count = MinimalClient(sim).device_pages()
        minimal.append(time.monotonic() - start)
        assert count == DEVICES, count
    base = median(minimal)
finally:
    sim.stop()

print(f"load {DEVICES:,} devices, pages of 1,000, latency {LATENCY_MS} ms (medians of 3); ideal {IDEAL:.1f} s")
print(f"  status (start and login): {status:.3f} s")
ok = True
for fmt, wall in results.items():
    ratio = (wall - status) / IDEAL
    ok &= ratio <= BUDGET
    print(f"  devices --format {fmt}: {wall:.3f} s wall, {wall - status:.3f} s less status: {ratio:.2f}x ideal "
          f"(budget <= {BUDGET}: {verdict(ratio <= BUDGET)})")
print(f"  minimal client, pages one after another: {base:.3f} s ({base / IDEAL:.2f}x ideal)")
sys.exit(0 if ok else 1)
