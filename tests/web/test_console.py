#!/usr/bin/python3
"""The township office console in a real browser.

Builds a small station in a temporary folder (tones written here, two playlists, a schedule
with a conflict tomorrow), adds an admin and a viewer with `villagecast operator add`, starts
`villagecast run --output null` on a free port, and drives Debian's headless Chromium with
python3-selenium through what a clerk does: log in, read the timeline, schedule a one-shot and
hear it air, delete another, air a playlist now, refuse an emergency at its second confirmation,
stop a long airing, see the villages' Snapcast receivers come and go (a snapserver and a
snapclient started here), filter the as-run log and download it as CSV, record a notice through
Chromium's fake microphone and find it in the library, listen to it, switch the language, and
see what a viewer may do. Screenshots of the main screen (zh and en) are saved and their paths
printed. It ends the daemon with SIGTERM and requires `villagecast audit verify` to pass.

Usage: test_console.py --villagecast BIN --web-root DIR --screenshots DIR
Exits 0 when every check holds, 1 otherwise (with a screenshot of the page as it was).
"""

import argparse
import datetime
import importlib.util
import os
import shutil
import sys
import tempfile
import traceback

# The walk-through's modules are imported from this folder: leave no bytecode in the sources.
sys.dont_write_bytecode = True

if importlib.util.find_spec("selenium") is None:
    sys.exit("python3-selenium is missing: apt-get install chromium chromium-driver python3-selenium")

from console_walk import walk_through
from console_walk.browser import Page, start_browser
from console_walk.common import Failure, station_now, step
from console_walk.daemon import Daemon
from console_walk.station import build_station, write_tone


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
