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


def median(values):
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def timed(argv, env, stdout=subprocess.DEVNULL):
    """Wall time of one child run (seconds) and its completed process."""
    start = time.monotonic()
    done = subprocess.run(argv, env=env, stdout=stdout, stderr=subprocess.PIPE, text=True)
    return time.monotonic() - start, done


class MinimalClient:
    """The least a client can do against the simulator (Python's standard library, keep-alive
    connections): the baseline measured beside each figure in the same run."""

    def __init__(self, sim):
        import base64
        import http.client
        import json
        import urllib.parse
        self.json = json
        self.http = http.client
        url = urllib.parse.urlparse(sim.env["THINGSPACE_BASE_URL"])
        self.host, self.port = url.hostname, url.port
        self.account = sim.env["THINGSPACE_ACCOUNT"]
        basic = base64.b64encode(f"{sim.env['THINGSPACE_APP_KEY']}:{sim.env['THINGSPACE_APP_SECRET']}".encode()).decode()
        conn = self.connection()
        conn.request("POST", "/api/ts/v1/oauth2/token", "grant_type=client_credentials",
                     {"Authorization": "Basic " + basic, "Content-Type": "application/x-www-form-urlencoded"})
        token = json.loads(conn.getresponse().read())["access_token"]
        conn.request("POST", "/api/m2m/v1/session/login",
                     json.dumps({"username": sim.env["THINGSPACE_USERNAME"], "password": sim.env["THINGSPACE_PASSWORD"]}),
                     {"Authorization": "Bearer " + token, "Content-Type": "application/json"})
        session = json.loads(conn.getresponse().read())["sessionToken"]
        self.headers = {"Authorization": "Bearer " + token, "VZ-M2M-Token": session, "Content-Type": "application/json"}

    def connection(self):
        return self.http.HTTPConnection(self.host, self.port, timeout=60)

    def device_pages(self, cursor="0"):
        """Reads every device page one after another; returns the device count."""
        conn = self.connection()
        count = 0
        while True:
            conn.request("GET", f"/api/fota/v1/devices/{self.account}/index/{cursor}", headers=self.headers)
            page = self.json.loads(conn.getresponse().read())
            count += len(page["deviceList"])
            if not page["hasMoreData"]:
                return count
            cursor = str(page["lastSeenDeviceId"])

    def assign(self, ids, batch, concurrency):
        """Sends `ids` in batches, `concurrency` connections at once; returns the seconds taken."""
        import threading
        batches = [ids[i:i + batch] for i in range(0, len(ids), batch)]
        lock = threading.Lock()

        def worker():
            conn = self.connection()
            while True:
                with lock:
                    if not batches:
                        return
                    mine = batches.pop(0)
                conn.request("POST", f"/api/fota/v1/licenses/{self.account}/assign",
                             self.json.dumps({"deviceList": mine}), self.headers)
                conn.getresponse().read()

        threads = [threading.Thread(target=worker) for _ in range(concurrency)]
        start = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return time.monotonic() - start
