"""The villages' receivers in the console: Debian's snapserver and a snapclient started here, on
ports of their own, for a station whose 张家村 listens on a Snapcast stream."""

import os
import socket
import subprocess
import time

from .common import check, step

ZONES = ('\n[[zone]]\nname = "李家村"\noutput = "null"\n'
         '[[zone]]\nname = "张家村"\noutput = "snapcast:zhangjia"\n')


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port, timeout=10):
    deadline = time.time() + timeout
    while time.time() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return True
        time.sleep(0.05)
    return False


def receivers_listed(w):
    page, daemon = w.page, w.daemon
    step("the villages' receivers: which village each plays, connected or not")
    toml_path = os.path.join(daemon.station, "station.toml")
    with open(toml_path, encoding="utf-8") as f:
        plain = f.read()
    control, receivers = free_port(), free_port()
    with open(toml_path, "w", encoding="utf-8") as f:
        f.write(plain + ZONES + f"\n[snapcast]\ncontrol_port = {control}\nstream_port = {free_port()}\n")
    config = daemon.villagecast("snapcast", "config")
    check(config.returncode == 0, f"snapcast config failed: {config.stderr}")
    work = os.path.join(os.path.dirname(daemon.err_path), "snapcast")
    os.makedirs(os.path.join(work, "data"), exist_ok=True)
    conf = os.path.join(work, "snapserver.conf")
    with open(conf, "w", encoding="utf-8") as f:
        f.write(f"[server]\ndatadir = {work}/data\n[http]\nenabled = false\n[tcp]\nport = {control}\n"
                f"[logging]\nsink = null\n{config.stdout}port = {receivers}\n")
    server = subprocess.Popen(["snapserver", "-c", conf], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    client = None
    try:
        check(wait_for_port(control), "snapserver did not start")
        client = subprocess.Popen(["snapclient", "-h", "127.0.0.1", "-p", str(receivers), "--hostID", "zhangjia-1",
                                   "--player", "file:filename=null", "--logsink", "null"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        page.click("#reload")
        page.message("已重新读取")
        row = '#villages-rows tr[data-receiver="zhangjia-1"]'
        page.wait(lambda: page.visible("#villages-card") and page.present(row), "the receiver in the villages panel",
                  timeout=30)
        check(page.text(row + " .village") == "张家村", f"the receiver's village is {page.text(row + ' .village')}")
        page.wait(lambda: "已连接" in page.text(row + " .connection"), "the receiver shown connected", timeout=30)
        client.terminate()
        client.wait(timeout=10)
        page.wait(lambda: "未连接" in page.text(row + " .connection"), "the receiver shown not connected", timeout=30)
    finally:
        if client is not None and client.poll() is None:
            client.kill()
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
    # The walk goes on with the station as it was.
    with open(toml_path, "w", encoding="utf-8") as f:
        f.write(plain)
    page.click("#reload")
    page.wait(lambda: not page.visible("#villages-card"), "the villages panel gone again", timeout=30)
