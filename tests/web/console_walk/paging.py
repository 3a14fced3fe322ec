"""Paging from the console: the browser's (fake) microphone streamed over the WebSocket, latched
on and off, heard by the daemon's output (its recording, kept for every page, holds the tone)
and logged with the operator."""

import json
import re
import subprocess

from .common import check, step


def attr(page, css, name):
    return page.read(lambda: page.find(css).get_attribute(name))


def browser_page(w):
    page, daemon = w.page, w.daemon
    step("a page from the browser's microphone: latched on, heard, ended, logged with its recording")
    page.find("#page-latch").click()
    page.click("#page-talk")
    page.wait(lambda: attr(page, "#page-state", "data-state") == "page.on_air", "the page on air")
    paged = attr(page, "#page-card", "data-page")
    check(paged and paged.startswith("page-"), f"the page's id is '{paged}'")
    page.wait(lambda: page.present(f'#onair-list .onair-item[data-broadcast="{paged}"]'), "the page on the air")
    # The station's measured latency is shown while the page airs.
    page.wait(lambda: int(attr(page, "#page-latency", "data-ms") or 0) > 0, "the page's latency shown")
    latency = int(attr(page, "#page-latency", "data-ms"))
    check(latency <= 1000, f"the console shows a latency of {latency} ms")
    shown = page.read(lambda: page.find("#page-latency").text)
    check(page.read(lambda: page.find("#page-latency").is_displayed()), "the latency line is hidden")
    check("ms" in shown or "毫秒" in shown, f"the latency line says '{shown}'")
    page.wait(lambda: int(attr(page, "#page-sent", "data-frames") or 0) >= 3 * 48000, "3 s of sound sent")
    page.click("#page-talk")
    page.wait(lambda: attr(page, "#page-state", "data-state") == "page.ended", "the page to end")
    page.find("#page-latch").click()
    page.wait(lambda: page.log_row(paged, "aired"), "the page in the as-run log")

    exported = daemon.villagecast("audit", "export", "--format", "json")
    check(exported.returncode == 0, f"audit export failed: {exported.stderr}")
    rows = [r for r in json.loads(exported.stdout)["airings"] if r["broadcast"] == paged]
    check(len(rows) == 1, f"the page has {len(rows)} rows")
    row = rows[0]
    check(row["live"] == "browser" and row["status"] == "aired", f"the page's row: {row}")
    check(row["reason"].startswith("released by operator 王芳"), f"the page ended with '{row['reason']}'")
    check(row["aircheck"] and len(row["aircheck"]["sha256"]) == 64, f"the page's recording: {row['aircheck']}")
    # The fake microphone's tone (520 Hz at 0.4 with a tremolo) is what went out.
    stat = subprocess.run(["sox", row["aircheck"]["path"], "-n", "stat"], capture_output=True, text=True)
    rms = re.search(r"RMS\s+amplitude:\s+([0-9.]+)", stat.stderr)
    length = re.search(r"Length \(seconds\):\s+([0-9.]+)", stat.stderr)
    check(rms is not None and length is not None, f"sox could not read the recording: {stat.stderr}")
    check(float(rms.group(1)) > 0.05, f"the recording is nearly silent (RMS {rms.group(1)})")
    check(float(length.group(1)) >= 2.5, f"the recording lasts {length.group(1)} s")
