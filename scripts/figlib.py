"""Shared helpers of the figure scripts: build the release binary, start a `tslicense simulator`
child on a free loopback port, and run the binary against it with a private, empty config."""
import os
import signal
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def release_binary():
    """Builds `swift build -c release` (incremental) and returns the binary's path
    (`TSLICENSE_BIN` names another binary and skips the build)."""
    if os.environ.get("TSLICENSE_BIN"):
        return os.environ["TSLICENSE_BIN"]
    subprocess.run(["swift", "build", "-c", "release", "--product", "tslicense"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    out = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT, check=True,
                         capture_output=True, text=True).stdout.strip()
    return os.path.join(out, "tslicense")


class Simulator:
    """A `tslicense simulator` child; `env` holds the THINGSPACE_* lines it prints."""

    def __init__(self, binary, *args):
        self.proc = subprocess.Popen([binary, "simulator", *args], stdout=subprocess.PIPE, text=True,
                                     stderr=subprocess.DEVNULL)
        self.env = {}
        first = self.proc.stdout.readline()
        if not first.startswith("listening on "):
            raise SystemExit(f"the simulator did not start: {first!r}")
        while len(self.env) < 6:
            line = self.proc.stdout.readline().strip()
            name, _, value = line.partition("=")
            self.env[name] = value

    def kill(self):
        """SIGKILL: the server dies without a word."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()


def client_env(sim):
    """The environment of a client child: the simulator's credentials, an empty private home."""
    home = tempfile.mkdtemp(prefix="tslicense-figure-")
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": home, "LANG": "C.UTF-8",
           "XDG_CONFIG_HOME": os.path.join(home, "config"), "XDG_STATE_HOME": os.path.join(home, "state")}
    env.update(sim.env)
    return env


def device_ids(binary, sim, count):
    """The first `count` device ids of the simulator's account."""
    out = subprocess.run([binary, "devices", "--format", "csv"], env=client_env(sim), check=True,
                         capture_output=True, text=True).stdout
    ids = [line.split(",")[0] for line in out.splitlines()[1:] if line]
    return ids[:count]


def write_ids(ids):
    fd, path = tempfile.mkstemp(prefix="tslicense-ids-", suffix=".txt")
    with os.fdopen(fd, "w") as f:
        f.write("\n".join(ids) + "\n")
    return path


def verdict(ok):
    return "within budget" if ok else "OVER BUDGET"
