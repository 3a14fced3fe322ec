#!/usr/bin/python3
"""The township office console in a real browser.

Builds a small station in a temporary folder (tones written here, two playlists, a schedule
with a conflict tomorrow), adds an admin and a viewer with `villagecast operator add`, starts
`villagecast run --output null` on a free port, and drives Debian's headless Chromium with
python3-selenium through what a clerk does: log in, read the timeline, schedule a one-shot and
hear it air, delete another, air a playlist now, refuse an emergency at its second confirmation,
stop a long airing, filter the as-run log and download it as CSV, record a notice through
Chromium's fake microphone and find it in the library, listen to it, switch the language, and
see what a viewer may do. Screenshots of the main screen (zh and en) are saved and their paths
printed. It ends the daemon with SIGTERM and requires `villagecast audit verify` to pass.

Usage: test_console.py --villagecast BIN --web-root DIR --screenshots DIR
Exits 0 when every check holds, 1 otherwise (with a screenshot of the page as it was).
"""

import argparse
import array
import csv
import datetime
import glob
import io
import json
import math
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.error
import urllib.request
import wave
from zoneinfo import ZoneInfo

try:
    from selenium import webdriver
    from selenium.common.exceptions import (NoSuchElementException, StaleElementReferenceException,
                                            TimeoutException)
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait
except ImportError:
    sys.exit("python3-selenium is missing: apt-get install chromium chromium-driver python3-selenium")

ZONE = ZoneInfo("Asia/Shanghai")
RATE = 48000


class Failure(Exception):
    """A check that did not hold."""


def check(condition, message):
    if not condition:
        raise Failure(message)


def step(text):
    print("--", text, flush=True)


# ----------------------------------------------------------------------------- the station

def write_tone(path, seconds, freq, rate=RATE, amplitude=0.3, tremolo=0.0):
    """A mono 16-bit WAV: a sine, optionally with a slow tremolo so that it sounds like speech."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    frames = int(round(seconds * rate))
    samples = array.array("h")
    for n in range(frames):
        t = n / rate
        gain = 1.0 - tremolo * (0.5 + 0.5 * math.sin(2 * math.pi * 3.0 * t))
        samples.append(int(32767 * amplitude * gain * math.sin(2 * math.pi * freq * t)))
    with wave.open(path, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(samples.tobytes())


def write_text(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def build_station(root, web_root, tomorrow):
    write_text(os.path.join(root, "station.toml"), f"""name = "测试镇广播站"
timezone = "Asia/Shanghai"
chime = ""
gap_between = "1s"

[output]
device = "null"
sample_rate = 48000
channels = 2

[control]
listen = "127.0.0.1:0"
web_root = "{web_root}"
""")
    clips = os.path.join(root, "clips")
    write_tone(os.path.join(clips, "通知", "开会.wav"), 3.0, 440, tremolo=0.6)
    write_tone(os.path.join(clips, "通知", "停水.wav"), 2.0, 660, tremolo=0.6)
    write_tone(os.path.join(clips, "音乐", "长曲.wav"), 30.0, 330)
    write_text(os.path.join(root, "playlists", "meeting-call.toml"),
               'title = "开会通知"\nintro = ""\n\n[[item]]\nclip = "通知/开会"\n')
    write_text(os.path.join(root, "playlists", "water-notice.toml"),
               'title = "停水通知"\nintro = ""\nrepeat = 2\ngap = "1s"\n\n[[item]]\nclip = "通知/停水"\n')
    # Tomorrow at 10:00 the urgent notice comes due while the routine meeting call airs: the
    # meeting call is interrupted and airs again after it (a conflict the timeline marks).
    write_text(os.path.join(root, "schedule.toml"), f"""[[broadcast]]
id = "tomorrow-meeting"
playlist = "meeting-call"
at = "{tomorrow} 10:00:00"
priority = "routine"

[[broadcast]]
id = "tomorrow-water"
clip = "通知/停水"
at = "{tomorrow} 10:00:01"
priority = "urgent"
""")


# ----------------------------------------------------------------------------- the daemon

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


# ----------------------------------------------------------------------------- the browser

def start_browser(microphone, downloads):
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for a in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
              "--window-size=1440,1000", "--lang=zh-CN",
              "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
              "--use-file-for-fake-audio-capture=" + microphone,
              "--autoplay-policy=no-user-gesture-required"]:
        options.add_argument(a)
    options.add_experimental_option("prefs", {
        "download.default_directory": downloads, "download.prompt_for_download": False,
        "intl.accept_languages": "zh-CN,zh"})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver_path = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    # Chromium takes its locale (date and time pickers, the file chooser) from the environment,
    # as on a Chinese office PC.
    env = dict(os.environ, LANGUAGE="zh_CN", LANG="zh_CN.UTF-8")
    driver = webdriver.Chrome(service=Service(driver_path, env=env), options=options)
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": downloads})
    return driver


class Page:
    """The console as a clerk sees it, with waits on conditions (never fixed sleeps)."""

    def __init__(self, driver):
        self.d = driver

    # The page redraws parts of itself as the status arrives: an element read as it is
    # replaced is read again.
    TRANSIENT = (NoSuchElementException, StaleElementReferenceException)

    def wait(self, condition, what, timeout=20):
        try:
            return WebDriverWait(self.d, timeout, poll_frequency=0.1,
                                 ignored_exceptions=self.TRANSIENT).until(lambda d: condition())
        except TimeoutException:
            raise Failure(f"waited {timeout} s for {what}") from None

    def read(self, read):
        """The value of `read()`, taken again when the element was replaced meanwhile."""
        for _ in range(20):
            try:
                return read()
            except StaleElementReferenceException:
                continue
        return read()

    def cells(self, css):
        return self.read(lambda: [c.text for c in self.find(css).find_elements(By.TAG_NAME, "td")])

    def find(self, css):
        return self.d.find_element(By.CSS_SELECTOR, css)

    def find_all(self, css):
        return self.d.find_elements(By.CSS_SELECTOR, css)

    def present(self, css):
        found = self.find_all(css)
        return found[0] if found else None

    def visible(self, css):
        e = self.present(css)
        return e if e is not None and e.is_displayed() else None

    def text(self, css):
        return self.read(lambda: self.find(css).text)

    def js(self, script, *args):
        return self.d.execute_script(script, *args)

    def set_value(self, css, value):
        """Sets a native date or time picker as a person's choice would, with its events."""
        self.js("const e = document.querySelector(arguments[0]); e.value = arguments[1];"
                "e.dispatchEvent(new Event('input', {bubbles: true}));"
                "e.dispatchEvent(new Event('change', {bubbles: true}));", css, value)
        check(self.find(css).get_attribute("value") == value, f"{css} did not take {value}")

    def click(self, css):
        """Clicks after closing the message line, so that the next message is a new one."""
        if self.visible("#message-close"):
            self.find("#message-close").click()
        self.find(css).click()

    def message(self, contains, timeout=20):
        shown = lambda: self.text("#message-text") if self.visible("#message-text") else ""
        try:
            WebDriverWait(self.d, timeout, poll_frequency=0.1,
                          ignored_exceptions=self.TRANSIENT).until(lambda d: contains in shown())
        except TimeoutException:
            raise Failure(f"waited {timeout} s for a message saying '{contains}'; it says '{shown()}'") from None
        return shown()

    def confirm(self, title, ok=True):
        self.wait(lambda: self.visible("#confirm") is not None, f"the confirmation '{title}'")
        shown = self.text("#confirm-title")
        check(shown == title, f"the confirmation says '{shown}', expected '{title}'")
        self.find("#confirm-ok" if ok else "#confirm-cancel").click()
        # It closes, or asks the next question at once (the emergency's second confirmation).
        self.wait(lambda: self.visible("#confirm") is None or self.text("#confirm-title") != title,
                  "the confirmation to close")

    def log_row(self, broadcast, status=None):
        css = f'#log-rows tr[data-broadcast="{broadcast}"]'
        if status:
            css += f'[data-status="{status}"]'
        return self.present(css)

    def screenshot(self, path):
        height = self.js("return document.documentElement.scrollHeight")
        self.d.set_window_size(1440, max(1000, int(height)))
        self.wait(lambda: self.js("return document.documentElement.scrollHeight") <= max(1000, int(height)) + 40,
                  "the page to fit the window")
        check(self.d.save_screenshot(path), f"could not save {path}")
        self.d.set_window_size(1440, 1000)
        print("screenshot:", path, flush=True)


def station_now():
    return datetime.datetime.now(ZONE)


def minutes_seconds(text):
    m = re.fullmatch(r"(\d+):(\d\d)", text.strip())
    check(m is not None, f"'{text}' is not a length m:ss")
    return int(m.group(1)) * 60 + int(m.group(2))


# ----------------------------------------------------------------------------- the walk-through

def walk_through(page, daemon, admin, viewer, downloads, screenshots):
    today = station_now().date().isoformat()
    tomorrow = (station_now().date() + datetime.timedelta(days=1)).isoformat()

    step("the login box refuses a wrong token and takes the admin's")
    page.d.get(daemon.base + "/")
    page.wait(lambda: page.visible("#login-token"), "the login box")
    check(page.js("return document.documentElement.lang") == "zh-CN", "the page is not in Chinese by default")
    check(page.text("#login h1") == "广播控制台登录", f"login title: {page.text('#login h1')}")
    page.find("#login-token").send_keys("0" * 48)
    page.find("#login-submit").click()
    page.wait(lambda: page.visible("#login-error"), "the login error")
    check("口令不对" in page.text("#login-error"), f"login error: {page.text('#login-error')}")
    page.find("#login-token").send_keys(admin)
    page.find("#login-submit").click()
    page.wait(lambda: page.visible("#console"), "the console after logging in")
    page.wait(lambda: "王芳" in page.text("#whoami"), "the operator's name in the top bar")
    check("管理员" in page.text("#whoami"), f"whoami: {page.text('#whoami')}")
    page.wait(lambda: page.text("#station-name") == "测试镇广播站", "the station's name")
    check(page.text("#onair-card h2") == "正在播出", f"on-air title: {page.text('#onair-card h2')}")
    check(page.js("return sessionStorage.getItem('vc-token')") == admin, "the token is not in sessionStorage")
    check(page.js("return localStorage.getItem('vc-token')") is None, "the token leaked into localStorage")

    step("the timeline shows tomorrow's conflict, coloured by priority")
    meeting = f'.day[data-day="{tomorrow}"] li.plan-row[data-broadcast="tomorrow-meeting"]'
    water = f'.day[data-day="{tomorrow}"] li.plan-row[data-broadcast="tomorrow-water"]'
    page.wait(lambda: page.present(meeting) and page.present(water), "tomorrow's rows in the timeline")
    check(page.present(f'.day[data-day="{today}"]') is not None, "no column for today")
    def plan_row(css):
        def take():
            row = page.find(css)
            chip = row.find_element(By.CSS_SELECTOR, ".chip")
            notes = row.find_elements(By.CSS_SELECTOR, ".plan-note")
            return {"conflict": row.get_attribute("data-conflict"), "class": row.get_attribute("class"),
                    "time": row.find_element(By.CSS_SELECTOR, ".plan-time").text,
                    "note": notes[0].text if notes else "", "chip": chip.text,
                    "colour": chip.value_of_css_property("background-color")}
        return page.read(take)
    row = plan_row(meeting)
    check(row["conflict"] == "true", "the interrupted meeting call is not marked as a conflict")
    check("prio-routine" in row["class"], f"meeting row classes: {row['class']}")
    check(row["time"] == "10:00:00", f"the meeting call's time: {row['time']}")
    check("打断" in row["note"], f"the conflict note: {row['note']}")
    row = plan_row(water)
    check(row["conflict"] == "false", "the urgent notice is marked as a conflict")
    check("prio-urgent" in row["class"], f"water row classes: {row['class']}")
    check(row["chip"] == "加急", f"urgent chip says {row['chip']}")
    check(row["colour"] == "rgba(224, 123, 0, 1)", f"urgent chip colour {row['colour']}")

    step("a one-shot a few seconds ahead is added, listed, airs and is logged")
    page.find('#oneshot-form input[name="oneshot-kind"][value="clip"]').click()
    page.wait(lambda: page.present('#oneshot-item option[value="通知/停水"]'), "the clips in the one-shot form")
    Select(page.find("#oneshot-item")).select_by_value("通知/停水")
    Select(page.find("#oneshot-priority")).select_by_value("notice")
    at = station_now() + datetime.timedelta(seconds=10)
    page.set_value("#oneshot-date", at.date().isoformat())
    page.set_value("#oneshot-time", at.strftime("%H:%M:%S"))
    page.click("#oneshot-submit")
    page.message("已添加定时播出")
    page.wait(lambda: page.present('#oneshot-list tr[data-broadcast^="console-"]'), "the one-shot in the list")
    oneshot = page.read(lambda: page.find('#oneshot-list tr[data-broadcast^="console-"]').get_attribute("data-broadcast"))
    check(oneshot in page.text("#message-text"), f"the message does not name {oneshot}")
    check(page.present(f'li.plan-row[data-broadcast="{oneshot}"]') is not None, "the one-shot is not in the timeline")
    page.wait(lambda: page.present(f'#onair-list .onair-item[data-broadcast="{oneshot}"]'),
              "the one-shot on air", timeout=40)
    check(page.text(f'#onair-list .onair-item[data-broadcast="{oneshot}"] .onair-what') == "通知/停水",
          "the one-shot on air shows the wrong clip")
    page.wait(lambda: page.log_row(oneshot, "aired"), "the one-shot as aired in the as-run log", timeout=30)
    cells = page.cells(f'#log-rows tr[data-broadcast="{oneshot}"]')
    check(cells[3] == "已播出" and cells[4] == "通知/停水" and cells[7] == "节目表",
          f"the one-shot's log row: {cells}")
    check(cells[0] == at.strftime("%H:%M:%S"), f"the one-shot was scheduled at {cells[0]}, asked {at:%H:%M:%S}")

    step("another one-shot is added and deleted again")
    page.find('#oneshot-form input[name="oneshot-kind"][value="playlist"]').click()
    page.wait(lambda: page.present('#oneshot-item option[value="meeting-call"]'), "the playlists in the one-shot form")
    Select(page.find("#oneshot-item")).select_by_value("meeting-call")
    later = station_now() + datetime.timedelta(hours=1)
    page.set_value("#oneshot-date", later.date().isoformat())
    page.set_value("#oneshot-time", later.strftime("%H:%M:00"))
    page.click("#oneshot-submit")
    page.message("已添加定时播出")
    rows_css = '#oneshot-list tr[data-broadcast^="console-"]'
    page.wait(lambda: len(page.find_all(rows_css)) == 2, "two one-shots in the list")
    second = page.read(lambda: [r.get_attribute("data-broadcast") for r in page.find_all(rows_css)
                                if r.get_attribute("data-broadcast") != oneshot])[0]
    check(page.present(f'{rows_css}[data-broadcast="{oneshot}"] button.delete') is None,
          "the one-shot that aired can still be deleted")
    page.click(f'#oneshot-list tr[data-broadcast="{second}"] button.delete')
    page.confirm("删除定时播出？")
    page.message("已删除定时播出")
    page.wait(lambda: page.present(f'#oneshot-list tr[data-broadcast="{second}"]') is None, "the deleted one-shot to go")
    check(page.present(f'li.plan-row[data-broadcast="{second}"]') is None, "the deleted one-shot is still in the timeline")

    step("a playlist airs now after one confirmation, and is logged as aired")
    page.find('#now-form input[name="now-kind"][value="playlist"]').click()
    page.wait(lambda: page.present('#now-item option[value="water-notice"]'), "the playlists in the air-now form")
    Select(page.find("#now-item")).select_by_value("water-notice")
    Select(page.find("#now-priority")).select_by_value("notice")
    page.click("#now-submit")
    page.confirm("确认立即播出")
    page.message("已安排立即播出")
    manual = re.search(r"（([^）]+)）", page.text("#message-text"))
    check(manual is not None, f"the air-now message names no broadcast: {page.text('#message-text')}")
    manual = manual.group(1)
    page.wait(lambda: page.present(f'#onair-list .onair-item[data-broadcast="{manual}"]'), "the playlist on air")
    check(page.text(f'#onair-list .onair-item[data-broadcast="{manual}"] .onair-what') == "water-notice",
          "the air-now item shows the wrong playlist")
    page.wait(lambda: page.log_row(manual, "aired"), "the playlist as aired in the as-run log", timeout=30)
    cells = page.cells(f'#log-rows tr[data-broadcast="{manual}"]')
    check(cells[4] == "water-notice" and cells[7] == "王芳 操作", f"the playlist's log row: {cells}")

    step("an emergency needs a second confirmation; cancelling it airs nothing")
    page.find('#now-form input[name="now-kind"][value="clip"]').click()
    Select(page.find("#now-item")).select_by_value("通知/开会")
    Select(page.find("#now-priority")).select_by_value("emergency")
    page.click("#now-submit")
    check("danger" in page.find("#confirm").get_attribute("class"), "the first emergency confirmation is not red")
    page.confirm("确认立即播出")
    page.confirm("再次确认：紧急播出", ok=False)
    status = daemon.api(admin, "/api/status")
    check(status["on_air"] == [], f"something airs after a cancelled emergency: {status['on_air']}")
    check(page.visible("#onair-idle") is not None, "the page does not say nothing is on air")

    step("a long clip airs now, with a moving progress bar; screenshots in zh and en")
    Select(page.find("#now-item")).select_by_value("音乐/长曲")
    Select(page.find("#now-priority")).select_by_value("routine")
    page.click("#now-submit")
    page.confirm("确认立即播出")
    page.message("已安排立即播出")
    long_id = re.search(r"（([^）]+)）", page.text("#message-text")).group(1)
    item = f'#onair-list .onair-item[data-broadcast="{long_id}"]'
    position = lambda: minutes_seconds(page.text(item + " .onair-time").split("/")[0])
    page.wait(lambda: page.present(item) and position() >= 1, "the long clip one second into its airing")
    check(page.text(item + " .onair-time").endswith("/ 0:30"), f"progress text {page.text(item + ' .onair-time')}")
    width = lambda: float(page.find(item + " .bar-fill").value_of_css_property("width").rstrip("px"))
    first = width()
    page.wait(lambda: width() > first + 5, "the progress bar to move")
    page.wait(lambda: page.log_row(long_id, "airing"), "the long clip as on air in the log")
    os.makedirs(screenshots, exist_ok=True)
    page.screenshot(os.path.join(screenshots, "console-zh.png"))
    page.find("#lang-switch").click()
    page.wait(lambda: page.text("#onair-card h2") == "On air", "the English headings")
    check(page.js("return document.documentElement.lang") == "en", "the page's lang is not en")
    check(page.text("#log-card h2") == "As-run log", f"log title in English: {page.text('#log-card h2')}")
    page.screenshot(os.path.join(screenshots, "console-en.png"))
    page.d.refresh()
    page.wait(lambda: page.visible("#console") and page.text("#onair-card h2") == "On air",
              "English and the session to survive a reload")
    page.wait(lambda: page.present(item), "the long clip on air after the reload")
    page.find("#lang-switch").click()
    page.wait(lambda: page.text("#onair-card h2") == "正在播出", "Chinese again")
    check(page.js("return localStorage.getItem('vc-lang')") == "zh", "the language choice is not remembered")

    step("Stop, confirmed, ends the long airing as interrupted")
    page.click("#stop-button")
    page.confirm("停止播出？")
    page.message("已停止播出")
    page.wait(lambda: page.log_row(long_id, "interrupted"), "the stopped airing as interrupted in the log")
    reason = page.cells(f'#log-rows tr[data-broadcast="{long_id}"]')[8]
    check("王芳" in reason, f"the stop's reason does not name the operator: {reason}")

    step("the as-run log's filters")
    page.find("#log-broadcast").send_keys(oneshot)
    page.find("#log-apply").click()
    page.wait(lambda: len(page.find_all("#log-rows tr")) == 1 and page.log_row(oneshot), "only the one-shot's row")
    page.find("#log-broadcast").clear()
    Select(page.find("#log-status")).select_by_value("interrupted")
    page.find("#log-apply").click()
    page.wait(lambda: page.log_row(long_id) and page.log_row(manual) is None, "only interrupted rows")
    statuses = page.read(lambda: {r.get_attribute("data-status") for r in page.find_all("#log-rows tr")})
    check(statuses == {"interrupted"}, f"the status filter shows {statuses}")
    Select(page.find("#log-status")).select_by_value("")
    page.find("#log-apply").click()
    page.wait(lambda: page.log_row(manual) and page.log_row(oneshot) and page.log_row(long_id), "all rows again")

    step("the CSV download holds the same rows as the API")
    page.click("#log-csv")
    page.message("已下载")
    path = os.path.join(downloads, f"airings-{today}.csv")
    page.wait(lambda: os.path.exists(path) and not glob.glob(os.path.join(downloads, "*.crdownload")),
              f"{path} to be downloaded")
    raw = open(path, "rb").read()
    check(raw.startswith(b"\xef\xbb\xbf"), "the CSV has no byte order mark (Excel shows Chinese as garbage)")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    by_broadcast = {}
    for r in rows:
        by_broadcast.setdefault(r["broadcast"], []).append(r)
    check([r["status"] for r in by_broadcast.get(oneshot, [])] == ["aired"], f"CSV rows of {oneshot}: {by_broadcast.get(oneshot)}")
    check([r["status"] for r in by_broadcast.get(manual, [])] == ["aired"], f"CSV rows of {manual}: {by_broadcast.get(manual)}")
    check([r["status"] for r in by_broadcast.get(long_id, [])] == ["interrupted"], f"CSV rows of {long_id}")
    check(by_broadcast[manual][0]["trigger"] == "operator 王芳", f"CSV trigger {by_broadcast[manual][0]['trigger']}")
    check(by_broadcast[oneshot][0]["clip"] == "通知/停水", f"CSV clip {by_broadcast[oneshot][0]['clip']}")
    api_rows = daemon.api(admin, f"/api/airings?from={today}&to={today}")["airings"]
    check([r["airing"] for r in rows] == [r["airing"] for r in api_rows],
          f"the CSV's airings differ from /api/airings: {[r['airing'] for r in rows]} vs {[r['airing'] for r in api_rows]}")

    step("a notice recorded through the microphone lands in the library")
    page.find("#record-start").click()
    page.wait(lambda: page.visible("#record-stop"), "recording to start")
    page.wait(lambda: float(page.find("#record-time").get_attribute("data-seconds") or 0) >= 2.5,
              "two and a half seconds of recording")
    page.find("#record-stop").click()
    page.wait(lambda: page.visible("#record-save"), "the recording's save form")
    recorded = float(page.find("#record-time").get_attribute("data-seconds"))
    check(page.find("#record-name").get_attribute("value").startswith("录音-"), "the recording's default name")
    page.find("#record-name").clear()
    page.find("#record-name").send_keys("村委会通知")
    page.click("#record-upload")
    page.message("已加入素材库")
    clip_row = '#library-rows tr[data-clip="uploads/村委会通知"]'
    page.wait(lambda: page.present(clip_row), "the recording in the library")
    cells = page.cells(clip_row)
    check(cells[3] == "✓ 可以播出", f"the recording cannot air: {cells}")
    check(abs(minutes_seconds(cells[1]) - recorded) <= 1.0, f"the recording's length {cells[1]}, recorded {recorded} s")
    clip = [c for c in daemon.api(admin, "/api/library")["clips"] if c["id"] == "uploads/村委会通知"]
    check(len(clip) == 1 and clip[0]["can_air"], f"/api/library: {clip}")
    check(abs(clip[0]["duration_ms"] / 1000 - recorded) <= 0.5,
          f"the uploaded recording lasts {clip[0]['duration_ms']} ms, recorded {recorded} s")
    check(clip[0]["loudness"] is not None and clip[0]["loudness"] > -40,
          f"the recording is (nearly) silent: {clip[0]['loudness']} LUFS")
    check(os.path.isfile(os.path.join(daemon.station, "clips", "uploads", "村委会通知.wav")), "no clips/uploads/村委会通知.wav")

    step("the library's play button plays the clip fetched with the token")
    page.find(clip_row + " button.play").click()
    page.wait(lambda: page.visible("#preview"), "the preview player")
    page.wait(lambda: page.js("const a = document.getElementById('preview-audio');"
                              "return isFinite(a.duration) && a.duration > 0"), "the clip to load in the player")
    check(page.js("return document.getElementById('preview-audio').src").startswith("blob:"), "the player does not play a blob")
    duration = page.js("return document.getElementById('preview-audio').duration")
    check(abs(duration - clip[0]["duration_ms"] / 1000) < 0.05, f"the player's clip lasts {duration} s")
    page.wait(lambda: page.js("return document.getElementById('preview-audio').currentTime") > 0, "the clip to play")

    step("every change is in the as-run log with the operator's name")
    exported = daemon.villagecast("audit", "export", "--events", "--format", "json")
    check(exported.returncode == 0, f"audit export failed: {exported.stderr}")
    actions = [e["payload"]["action"] for e in json.loads(exported.stdout)["events"]
               if e["kind"] == "operator" and e["payload"]["operator"] == "王芳"]
    for action in ["one-shot-add", "one-shot-remove", "broadcast", "stop", "upload"]:
        check(action in actions, f"no operator event '{action}' by 王芳 in the log: {actions}")

    step("a viewer sees the station but none of the controls")
    page.find("#logout").click()
    page.wait(lambda: page.visible("#login-token"), "the login box after logging out")
    check(page.js("return sessionStorage.getItem('vc-token')") is None, "the token stays after logging out")
    page.find("#login-token").send_keys(viewer)
    page.find("#login-submit").click()
    page.wait(lambda: page.visible("#console") and "只能查看" in page.text("#whoami"), "the viewer's console")
    page.wait(lambda: page.present(clip_row), "the library for the viewer")
    for css in ["#now-card", "#oneshot-card", ".library-tools", "#reload"]:
        check(page.visible(css) is None, f"a viewer sees {css}")
    check(page.present("#library-rows button.delete") is None, "a viewer sees delete buttons")
    check(page.visible(clip_row + " button.play") is not None, "a viewer cannot listen to clips")
    page.wait(lambda: page.log_row(oneshot), "the as-run log for the viewer")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--villagecast", required=True)
    parser.add_argument("--web-root", required=True)
    parser.add_argument("--screenshots", required=True)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    for program in ["chromium", "chromedriver"]:
        if not shutil.which(program):
            print(f"{program} is missing: apt-get install chromium chromium-driver python3-selenium")
            return 1

    work = tempfile.mkdtemp(prefix="vc-web-")
    station = os.path.join(work, "station")
    downloads = os.path.join(work, "downloads")
    os.makedirs(downloads)
    microphone = os.path.join(work, "microphone.wav")
    write_tone(microphone, 10.0, 520, amplitude=0.4, tremolo=0.7)
    tomorrow = (station_now().date() + datetime.timedelta(days=1)).isoformat()
    build_station(station, os.path.abspath(args.web_root), tomorrow)

    daemon = Daemon(os.path.abspath(args.villagecast), station, work)
    driver = None
    ok = False
    try:
        admin = daemon.add_operator("王芳", "admin")
        viewer = daemon.add_operator("李四", "viewer")
        daemon.start()
        driver = start_browser(microphone, downloads)
        page = Page(driver)
        walk_through(page, daemon, admin, viewer, downloads, os.path.abspath(args.screenshots))
        ok = True
    except Exception as e:  # a Failure, or anything the browser or the daemon threw
        print("FAILED:", e if isinstance(e, Failure) else "".join(traceback.format_exception(e)), flush=True)
        if driver is not None:
            try:
                os.makedirs(args.screenshots, exist_ok=True)
                shot = os.path.join(os.path.abspath(args.screenshots), "console-failure.png")
                driver.save_screenshot(shot)
                print("screenshot of the page at the failure:", shot)
                for entry in driver.get_log("browser"):
                    print("browser:", entry.get("level"), entry.get("message"))
            except Exception as inner:
                print("could not save the failure screenshot:", inner)
    finally:
        if driver is not None:
            driver.quit()
        code = daemon.terminate()
    if ok:
        step("the daemon stops on SIGTERM and the as-run log verifies")
        if code != 0:
            print(f"FAILED: the daemon exited {code} after SIGTERM")
            ok = False
        verify = daemon.villagecast("audit", "verify")
        print(verify.stdout.strip())
        if verify.returncode != 0 or not verify.stdout.startswith("ok"):
            print("FAILED: audit verify:", verify.stdout, verify.stderr)
            ok = False
    if not ok:
        print("the daemon said:\n" + (daemon.stderr() if os.path.exists(daemon.err_path) else "(nothing)"))
    if args.keep or not ok:
        print("station kept in", work)
    else:
        shutil.rmtree(work, ignore_errors=True)
    print("PASSED" if ok else "FAILED", flush=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
