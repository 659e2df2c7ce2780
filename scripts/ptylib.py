"""A pseudo-terminal recorder for the figure scripts: runs the console in a pty of a given size
and TERM, types keys, and counts the bytes it writes."""
import fcntl
import os
import pty
import re
import select
import signal
import struct
import tempfile
import termios
import time

ESCAPES = re.compile(rb"\x1b(\[[0-9;?>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][0-9A-Za-z]|[=>78MDEHc])")


def visible(data):
    """The text of terminal output with its escape sequences taken out (for finding words)."""
    return ESCAPES.sub(b"", data).decode("utf-8", "replace")


class PtyConsole:
    def __init__(self, argv, term, width=200, height=50, env_extra=None):
        home = tempfile.mkdtemp(prefix="tslicense-pty-")
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": home, "LANG": "C.UTF-8", "TERM": term,
               "XDG_CONFIG_HOME": os.path.join(home, "config"), "XDG_STATE_HOME": os.path.join(home, "state")}
        env.update(env_extra or {})
        self.started = time.monotonic()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))
            os.execve(argv[0], argv, env)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))
        self.output = bytearray()

    def read(self, seconds):
        """Everything written within `seconds`."""
        got = bytearray()
        end = time.monotonic() + seconds
        while True:
            left = end - time.monotonic()
            if left <= 0:
                return bytes(got)
            ready, _, _ = select.select([self.fd], [], [], left)
            if ready:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:
                    return bytes(got)
                got += chunk
                self.output += chunk

    def until(self, text, timeout=60):
        """Reads until the visible output holds `text`; returns the seconds since start."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            self.read(0.01)
            if text in visible(bytes(self.output)):
                return time.monotonic() - self.started
        raise SystemExit(f"the console never showed {text!r}")

    def quiet(self, seconds=0.5, timeout=30):
        """Reads until nothing was written for `seconds`."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if not self.read(seconds):
                return
        raise SystemExit("the console never went quiet")

    def key(self, data, settle=0.4):
        """Types `data`; returns the bytes written until `settle` seconds pass without output."""
        os.write(self.fd, data)
        got = bytearray()
        while True:
            chunk = self.read(settle)
            if not chunk:
                return bytes(got)
            got += chunk

    def close(self):
        try:
            os.write(self.fd, b"q")
            self.read(0.5)
        except OSError:
            pass
        try:
            os.kill(self.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        os.waitpid(self.pid, 0)
        os.close(self.fd)
