"""What the console keeps and shows: the as-run log and its CSV, the library with a recorded
notice, the operators' events, and what a viewer may see."""

import csv
import glob
import io
import json
import os
import re

from selenium.webdriver.support.ui import Select

from .common import check, minutes_seconds, step


def log_filters(w):
    page, oneshot, manual, long_id = w.page, w.oneshot, w.manual, w.long_id
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


def csv_download(w):
    page, daemon, admin, downloads, today = w.page, w.daemon, w.admin, w.downloads, w.today
    oneshot, manual, long_id = w.oneshot, w.manual, w.long_id
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


def recorded_notice(w):
    page, daemon, admin = w.page, w.daemon, w.admin
    step("a notice recorded through the microphone lands in the library")
    page.find("#record-start").click()
    page.wait(lambda: page.visible("#record-stop"), "recording to start")
    page.wait(lambda: float(page.find("#record-time").get_attribute("data-seconds") or 0) >= 2.5,
              "two and a half seconds of recording")
    page.find("#record-stop").click()
    page.wait(lambda: page.visible("#record-save"), "the recording's save form")
    recorded = float(page.find("#record-time").get_attribute("data-seconds"))
    check(page.find("#record-name").get_attribute("value").startswith("录音-"), "the recording's default name")
    check(page.find("#record-trim").is_selected(), "trimming the recording's quiet is not offered ticked")
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
    check(clip[0]["trim"] is True, "the recording was uploaded without its quiet start and end left out")
    check(clip[0]["loudness"] is not None and clip[0]["loudness"] > -40,
          f"the recording is (nearly) silent: {clip[0]['loudness']} LUFS")
    check(os.path.isfile(os.path.join(daemon.station, "clips", "uploads", "村委会通知.wav")), "no clips/uploads/村委会通知.wav")
    w.clip_row, w.clip = clip_row, clip


def library_playback(w):
    page, clip_row, clip = w.page, w.clip_row, w.clip
    step("the library's play button plays the clip fetched with the token")
    page.find(clip_row + " button.play").click()
    page.wait(lambda: page.visible("#preview"), "the preview player")
    page.wait(lambda: page.js("const a = document.getElementById('preview-audio');"
                              "return isFinite(a.duration) && a.duration > 0"), "the clip to load in the player")
    check(page.js("return document.getElementById('preview-audio').src").startswith("blob:"), "the player does not play a blob")
    duration = page.js("return document.getElementById('preview-audio').duration")
    check(abs(duration - clip[0]["duration_ms"] / 1000) < 0.05, f"the player's clip lasts {duration} s")
    page.wait(lambda: page.js("return document.getElementById('preview-audio').currentTime") > 0, "the clip to play")


def typed_notice(w):
    page, daemon, admin = w.page, w.daemon, w.admin
    step("a typed notice is spoken, listened to in the page, aired and logged with its text")
    text = "各位村民请注意：今天下午3点在村委会领取补贴。"
    page.find("#say-text").send_keys(text)
    page.click("#say-submit")
    page.message("语音已生成")
    page.wait(lambda: page.visible("#say-result"), "the spoken notice's player")
    page.wait(lambda: page.js("const a = document.getElementById('say-audio');"
                              "return isFinite(a.duration) && a.duration > 0"), "the spoken notice to load in the player")
    check(page.js("return document.getElementById('say-audio').src").startswith("blob:"), "the player does not play a blob")
    clip_id = page.js("return document.getElementById('say-audio').dataset.clip")
    check(clip_id.startswith("spoken/") and len(clip_id) == 7 + 64, f"the spoken clip's id {clip_id}")
    clip = [c for c in daemon.api(admin, "/api/library")["clips"] if c["id"] == clip_id]
    check(len(clip) == 1 and clip[0]["can_air"], f"/api/library: {clip}")
    duration = page.js("return document.getElementById('say-audio').duration")
    check(abs(duration - clip[0]["duration_ms"] / 1000) < 0.05, f"the player's notice lasts {duration} s")
    check(3.0 < duration < 20.0, f"the spoken notice lasts {duration} s")
    check(abs(clip[0]["loudness"] - (-16.0)) <= 1.0, f"the spoken notice's loudness {clip[0]['loudness']} LUFS")
    page.wait(lambda: page.present(f'#library-rows tr[data-clip="{clip_id}"]'), "the spoken notice in the library")
    page.click("#say-air")
    page.confirm("确认立即播出")
    page.message("已安排立即播出")
    named = re.search(r"（([^）]+)）", page.text("#message-text"))
    check(named is not None, f"the air-now message names no broadcast: {page.text('#message-text')}")
    said = named.group(1)
    page.wait(lambda: page.log_row(said, "aired"), "the spoken notice as aired in the as-run log", timeout=40)
    rows = [r for r in daemon.api(admin, "/api/airings")["airings"] if r["broadcast"] == said]
    check(len(rows) == 1 and rows[0]["clip"] == clip_id, f"the spoken notice's airing: {rows}")
    check(rows[0]["clips"] == [{"clip": clip_id, "sha256": clip[0]["sha256"], "text": text}],
          f"the spoken notice's clips in the log: {rows[0]['clips']}")


def operator_events(w):
    daemon = w.daemon
    step("every change is in the as-run log with the operator's name")
    exported = daemon.villagecast("audit", "export", "--events", "--format", "json")
    check(exported.returncode == 0, f"audit export failed: {exported.stderr}")
    actions = [e["payload"]["action"] for e in json.loads(exported.stdout)["events"]
               if e["kind"] == "operator" and e["payload"]["operator"] == "王芳"]
    for action in ["one-shot-add", "one-shot-remove", "broadcast", "stop", "upload", "speak"]:
        check(action in actions, f"no operator event '{action}' by 王芳 in the log: {actions}")


def viewer_console(w):
    page, viewer, clip_row, oneshot = w.page, w.viewer, w.clip_row, w.oneshot
    step("a viewer sees the station but none of the controls")
    page.find("#logout").click()
    page.wait(lambda: page.visible("#login-token"), "the login box after logging out")
    check(page.js("return sessionStorage.getItem('vc-token')") is None, "the token stays after logging out")
    page.submit_token(viewer)
    page.wait(lambda: page.visible("#console") and "只能查看" in page.text("#whoami"), "the viewer's console")
    page.wait(lambda: page.present(clip_row), "the library for the viewer")
    for css in ["#now-card", "#oneshot-card", ".library-tools", "#reload"]:
        check(page.visible(css) is None, f"a viewer sees {css}")
    check(page.present("#library-rows button.delete") is None, "a viewer sees delete buttons")
    check(page.visible(clip_row + " button.play") is not None, "a viewer cannot listen to clips")
    page.wait(lambda: page.log_row(oneshot), "the as-run log for the viewer")
