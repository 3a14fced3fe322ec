"""Logging in, and the timeline of what is planned."""

from selenium.webdriver.common.by import By

from .common import check, step


def log_in(w):
    page, daemon, admin = w.page, w.daemon, w.admin
    step("the login box refuses a wrong token and takes the admin's")
    page.d.get(daemon.base + "/")
    page.wait(lambda: page.visible("#login-token"), "the login box")
    check(page.js("return document.documentElement.lang") == "zh-CN", "the page is not in Chinese by default")
    check(page.text("#login h1") == "广播控制台登录", f"login title: {page.text('#login h1')}")
    page.submit_token("0" * 48)
    page.wait(lambda: page.visible("#login-error"), "the login error")
    check("口令不对" in page.text("#login-error"), f"login error: {page.text('#login-error')}")
    page.submit_token(admin)
    page.wait(lambda: page.visible("#console"), "the console after logging in")
    page.wait(lambda: "王芳" in page.text("#whoami"), "the operator's name in the top bar")
    check("管理员" in page.text("#whoami"), f"whoami: {page.text('#whoami')}")
    page.wait(lambda: page.text("#station-name") == "测试镇广播站", "the station's name")
    check(page.text("#onair-card h2") == "正在播出", f"on-air title: {page.text('#onair-card h2')}")
    check(page.js("return sessionStorage.getItem('vc-token')") == admin, "the token is not in sessionStorage")
    check(page.js("return localStorage.getItem('vc-token')") is None, "the token leaked into localStorage")


def timeline_conflict(w):
    page, today, tomorrow = w.page, w.today, w.tomorrow
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
