"""Airing from the console: one-shots added, aired and deleted, playlists and clips aired now,
an emergency cancelled at its second confirmation, a long airing followed and stopped, villages
chosen for an airing now and a one-shot."""

import datetime
import json
import os
import re
import time
import urllib.parse
import urllib.request

from selenium.webdriver.support.ui import Select

from .common import check, minutes_seconds, station_now, step


def add_oneshot(page, kind, item, ahead, time_format, priority=None):
    """Adds a one-shot of `item` (a clip or a playlist, as `kind` says) `ahead` (a timedelta)
    from now through the one-shot form, its time written with `time_format`; returns when it
    was asked to air."""
    page.find(f'#oneshot-form input[name="oneshot-kind"][value="{kind}"]').click()
    page.wait(lambda: page.present(f'#oneshot-item option[value="{item}"]'), f"the {kind}s in the one-shot form")
    Select(page.find("#oneshot-item")).select_by_value(item)
    if priority is not None:
        Select(page.find("#oneshot-priority")).select_by_value(priority)
    at = station_now() + ahead
    page.set_value("#oneshot-date", at.date().isoformat())
    page.set_value("#oneshot-time", at.strftime(time_format))
    page.click("#oneshot-submit")
    page.message("已添加定时播出")
    return at


def ask_to_air_now(page, item, priority):
    """Chooses `item` and `priority` in the air-now form and asks for it (a confirmation follows)."""
    Select(page.find("#now-item")).select_by_value(item)
    Select(page.find("#now-priority")).select_by_value(priority)
    page.click("#now-submit")


def confirmed_air_now(page):
    """Confirms an air-now request once and returns the broadcast its message names."""
    page.confirm("确认立即播出")
    page.message("已安排立即播出")
    named = re.search(r"（([^）]+)）", page.text("#message-text"))
    check(named is not None, f"the air-now message names no broadcast: {page.text('#message-text')}")
    return named.group(1)


def oneshot_airs(w):
    page = w.page
    step("a one-shot a few seconds ahead is added, listed, airs and is logged")
    at = add_oneshot(page, "clip", "通知/停水", datetime.timedelta(seconds=10), "%H:%M:%S",
                     priority="notice")
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
    w.oneshot = oneshot


def oneshot_deleted(w):
    page, oneshot = w.page, w.oneshot
    step("another one-shot is added and deleted again")
    add_oneshot(page, "playlist", "meeting-call", datetime.timedelta(hours=1), "%H:%M:00")
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


def playlist_now(w):
    page = w.page
    step("a playlist airs now after one confirmation, and is logged as aired")
    page.find('#now-form input[name="now-kind"][value="playlist"]').click()
    page.wait(lambda: page.present('#now-item option[value="water-notice"]'), "the playlists in the air-now form")
    ask_to_air_now(page, "water-notice", "notice")
    manual = confirmed_air_now(page)
    page.wait(lambda: page.present(f'#onair-list .onair-item[data-broadcast="{manual}"]'), "the playlist on air")
    check(page.text(f'#onair-list .onair-item[data-broadcast="{manual}"] .onair-what') == "water-notice",
          "the air-now item shows the wrong playlist")
    page.wait(lambda: page.log_row(manual, "aired"), "the playlist as aired in the as-run log", timeout=30)
    cells = page.cells(f'#log-rows tr[data-broadcast="{manual}"]')
    check(cells[4] == "water-notice" and cells[7] == "王芳 操作", f"the playlist's log row: {cells}")
    w.manual = manual


def emergency_cancelled(w):
    page, daemon, admin = w.page, w.daemon, w.admin
    step("an emergency needs a second confirmation; cancelling it airs nothing")
    page.find('#now-form input[name="now-kind"][value="clip"]').click()
    ask_to_air_now(page, "通知/开会", "emergency")
    check("danger" in page.find("#confirm").get_attribute("class"), "the first emergency confirmation is not red")
    page.confirm("确认立即播出")
    page.confirm("再次确认：紧急播出", ok=False)
    status = daemon.api(admin, "/api/status")
    check(status["on_air"] == [], f"something airs after a cancelled emergency: {status['on_air']}")
    check(page.visible("#onair-idle") is not None, "the page does not say nothing is on air")


def long_clip_and_languages(w):
    page, screenshots = w.page, w.screenshots
    step("a long clip airs now, with a moving progress bar; screenshots in zh and en")
    ask_to_air_now(page, "音乐/长曲", "routine")
    long_id = confirmed_air_now(page)
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
    w.long_id = long_id


def long_clip_stopped(w):
    page, long_id = w.page, w.long_id
    step("Stop, confirmed, ends the long airing as interrupted")
    page.click("#stop-button")
    page.confirm("停止播出？")
    page.message("已停止播出")
    page.wait(lambda: page.log_row(long_id, "interrupted"), "the stopped airing as interrupted in the log")
    reason = page.cells(f'#log-rows tr[data-broadcast="{long_id}"]')[8]
    check("王芳" in reason, f"the stop's reason does not name the operator: {reason}")


def zones_chosen(w):
    page, daemon, admin = w.page, w.daemon, w.admin
    step("with villages declared, an operator ticks the villages that hear a clip aired now")
    toml_path = os.path.join(daemon.station, "station.toml")
    with open(toml_path, encoding="utf-8") as f:
        plain = f.read()
    zones = ('\n[[zone]]\nname = "李家村"\noutput = "null"\n[[zone]]\nname = "王家村"\noutput = "null"\n'
             '[[zone]]\nname = "张家村"\noutput = "snapcast:zhangjia"\n')
    with open(toml_path, "w", encoding="utf-8") as f:
        f.write(plain + zones)
    page.click("#reload")
    page.message("已重新读取")
    page.wait(lambda: page.visible("#now-zones") and len(page.find_all('input[name="now-zone"]')) == 3,
              "a box per village in the air-now form")
    boxes = {b.get_attribute("value"): b for b in page.find_all('input[name="now-zone"]')}
    check(all(b.get_attribute("disabled") is None and b.is_selected() for b in boxes.values()),
          "not every village (on the office's output or on its own Snapcast stream) is offered and ticked")
    boxes["王家村"].click()
    boxes["张家村"].click()
    page.find('#now-form input[name="now-kind"][value="clip"]').click()
    ask_to_air_now(page, "通知/停水", "notice")
    manual = confirmed_air_now(page)
    page.wait(lambda: page.present(f'#onair-list .onair-item[data-broadcast="{manual}"] .onair-zone'),
              "the clip on air with its village")
    check(page.text(f'#onair-list .onair-item[data-broadcast="{manual}"] .onair-zone') == "李家村",
          "the on-air item names the wrong village")
    status = daemon.api(admin, "/api/status")
    zones_on_air = [a["zone"] for a in status["on_air"] if a["broadcast"] == manual]
    check(zones_on_air == ["李家村"], f"the clip airs in {zones_on_air}, not only in 李家村")
    page.wait(lambda: page.log_row(manual, "aired"), "the clip as aired in the as-run log", timeout=30)
    check(page.present(f'#log-rows tr[data-broadcast="{manual}"][data-zone="李家村"] .log-zone') is not None,
          "the as-run log panel does not name the village")
    exported = daemon.villagecast("audit", "export", "--format", "json")
    check(exported.returncode == 0, f"audit export failed: {exported.stderr}")
    rows = [a for a in json.loads(exported.stdout)["airings"] if a["broadcast"] == manual]
    check([r["zones"] for r in rows] == [["李家村"]], f"the clip's as-run rows name {rows}")
    step("a one-shot for one village is planned there only, and listed once")
    page.find('input[name="oneshot-zone"][value="李家村"]').click()
    page.find('input[name="oneshot-zone"][value="张家村"]').click()
    add_oneshot(page, "clip", "通知/停水", datetime.timedelta(hours=2), "%H:%M:%S")
    plan = daemon.api(admin, f"/api/plan?from={w.today}&days=2")["occurrences"]
    ahead = [o for o in plan if o["console"] and o["clip"] == "通知/停水" and o["outcome"] == "aired"
             and o["scheduled_utc_ms"] > time.time() * 1000 + 3600 * 1000]
    check([o["zone"] for o in ahead] == ["王家村"], f"the one-shot is planned in {ahead}")
    shot = ahead[0]["broadcast"]
    page.wait(lambda: page.present(f'#oneshot-list tr[data-broadcast="{shot}"]'), "the one-shot in the list")
    check(len(page.find_all(f'#oneshot-list tr[data-broadcast="{shot}"]')) == 1, "the one-shot is listed twice")
    page.wait(lambda: page.present(f'.plan-row[data-broadcast="{shot}"][data-zone="王家村"]'),
              "the one-shot on the timeline with its village")
    check("王家村" in page.text(f'.plan-row[data-broadcast="{shot}"] .plan-id'),
          "the timeline does not name the one-shot's village")
    request = urllib.request.Request(daemon.base + "/api/broadcast/" + urllib.parse.quote(shot),
                                     method="DELETE", headers={"Authorization": "Bearer " + admin})
    with urllib.request.urlopen(request, timeout=10) as r:
        check(r.status == 204, f"DELETE of the one-shot answered {r.status}")
    # The walk goes on with the station as it was.
    with open(toml_path, "w", encoding="utf-8") as f:
        f.write(plain)
    page.click("#reload")
    page.wait(lambda: not page.visible("#now-zones"), "the village boxes gone again")
