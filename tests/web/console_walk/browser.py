"""Debian's headless Chromium driven by python3-selenium, and the console page as a clerk sees it."""

import os
import shutil

from selenium import webdriver
from selenium.common.exceptions import (NoSuchElementException, StaleElementReferenceException,
                                        TimeoutException)
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from .common import Failure, check


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

    def submit_token(self, token):
        """Types a token into the login box and submits it."""
        self.find("#login-token").send_keys(token)
        self.find("#login-submit").click()

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
