#!/usr/bin/env python3
"""Figure (b): CPU time of `tslicense status --timeout 5` against a server that accepts the
connection and never answers (`tslicense simulator --silent`), measured on the child process with
wait4 (user + system). Budget: under 1% of a core over the child's wall time."""
import os
import subprocess
import sys
import time

from figlib import Simulator, client_env, release_binary, verdict

BUDGET = 0.01

binary = release_binary()
sim = Simulator(binary, "--silent")
try:
    start = time.monotonic()
    child = subprocess.Popen([binary, "status", "--timeout", "5"], env=client_env(sim),
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.monotonic() - start
finally:
    sim.stop()
cpu = usage.ru_utime + usage.ru_stime
share = cpu / wall if wall > 0 else 0
last = stderr.decode(errors="replace").strip().splitlines()[-1:] or [""]
print("silent server: tslicense status --timeout 5 against a server that never answers")
print(f"  exit {os.waitstatus_to_exitcode(status)} after {wall:.1f} s: {last[0][:120]}")
print(f"  CPU: {usage.ru_utime:.3f} s user + {usage.ru_stime:.3f} s system = {cpu:.3f} s "
      f"= {share * 100:.2f}% of a core (budget < {BUDGET * 100:.0f}%: {verdict(share < BUDGET)})")
sys.exit(0 if share < BUDGET else 1)
