"""`villagecast run` on the test's station, its operators and its API."""

import json
import os
import re
import signal
import subprocess
import time
import urllib.request

from .common import Failure, check


class Daemon:
    def __init__(self, binary, station, logs):
        self.binary = binary
        self.station = station
        self.err_path = os.path.join(logs, "daemon.err")
        self.out_path = os.path.join(logs, "daemon.out")
        self.process = None
        self.base = None

    def villagecast(self, *args):
        return subprocess.run([self.binary, *args, "-s", self.station], capture_output=True,
                              text=True, timeout=60)

    def add_operator(self, name, role):
        r = self.villagecast("operator", "add", name, "--role", role)
        check(r.returncode == 0, f"operator add {name} failed ({r.returncode}): {r.stderr}")
        m = re.search(r"\b[0-9a-f]{48}\b", r.stdout)
        check(m is not None, f"operator add printed no 48-digit token: {r.stdout!r}")
        return m.group(0)

    def start(self):
        self.process = subprocess.Popen(
            [self.binary, "run", "-s", self.station, "--output", "null"],
            stdout=open(self.out_path, "w"), stderr=open(self.err_path, "w"))
        deadline = time.monotonic() + 30
        pattern = re.compile(r"console and control API at (http://127\.0\.0\.1:\d+)/")
        while time.monotonic() < deadline:
            m = pattern.search(self.stderr())
            if m:
                self.base = m.group(1)
                break
            check(self.process.poll() is None,
                  f"villagecast run exited ({self.process.returncode}):\n{self.stderr()}")
            time.sleep(0.05)
        check(self.base is not None, "the daemon never said where the console is:\n" + self.stderr())
        with urllib.request.urlopen(self.base + "/", timeout=10) as r:
            check(r.status == 200, f"GET / answered {r.status}")

    def stderr(self):
        with open(self.err_path, encoding="utf-8", errors="replace") as f:
            return f.read()

    def api(self, token, path):
        request = urllib.request.Request(self.base + path, headers={"Authorization": "Bearer " + token})
        with urllib.request.urlopen(request, timeout=10) as r:
            return json.loads(r.read().decode("utf-8"))

    def terminate(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                return self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
                raise Failure("the daemon did not exit within 20 s of SIGTERM")
        return self.process.returncode if self.process else None
