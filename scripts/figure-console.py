#!/usr/bin/env python3
"""The console through a pseudo-terminal recorder, on `demo` (simulator in process, latency 0):
- startup: from exec to the gauge on screen, beside `tslicense --version` (process start alone);
- bytes for one cursor move (`j`) at 200x50 under xterm-256color and tmux-256color, beside a
  full repaint (Ctrl-L) measured in the same run; budgets <= 300 and <= 450;
- bytes written in 10 s by a console with nothing to do: budget 0.
Medians of 5 moves / 3 starts."""
import subprocess
import sys
import time

from figlib import median, release_binary, verdict
from ptylib import PtyConsole

BUDGETS = {"xterm-256color": 300, "tmux-256color": 450}
GAUGE = "9,000 used"
LOADED = "Loaded 5,000 devices"

binary = release_binary()
demo = [binary, "demo", "--latency", "0"]
ok = True

starts, versions = [], []
for _ in range(3):
    t0 = time.monotonic()
    subprocess.run([binary, "--version"], stdout=subprocess.DEVNULL, check=True)
    versions.append(time.monotonic() - t0)
    console = PtyConsole(demo, "xterm-256color")
    try:
        starts.append(console.until(GAUGE))
    finally:
        console.close()
print(f"startup: demo to the gauge {median(starts) * 1000:.0f} ms; tslicense --version {median(versions) * 1000:.0f} ms "
      f"(medians of 3, latency 0)")

for term, budget in BUDGETS.items():
    console = PtyConsole(demo, term)
    try:
        console.until(LOADED)
        console.quiet()
        moves = [len(console.key(b"j")) for _ in range(5)]
        repaint = len(console.key(b"\x0c"))
        console.quiet()
        idle = len(console.read(10))
    finally:
        console.close()
    move = median(moves)
    ok &= move <= budget and idle == 0
    print(f"{term}: one cursor move at 200x50: {move} bytes (moves {moves}; a full repaint {repaint} bytes) "
          f"(budget <= {budget}: {verdict(move <= budget)}); idle 10 s: {idle} bytes (budget 0: {verdict(idle == 0)})")
sys.exit(0 if ok else 1)
