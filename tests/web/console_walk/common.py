"""What every part of the console walk-through uses: checks, step lines, the station's clock."""

import datetime
import re
from zoneinfo import ZoneInfo

ZONE = ZoneInfo("Asia/Shanghai")
RATE = 48000


class Failure(Exception):
    """A check that did not hold."""


def check(condition, message):
    if not condition:
        raise Failure(message)


def step(text):
    print("--", text, flush=True)


def station_now():
    return datetime.datetime.now(ZONE)


def minutes_seconds(text):
    m = re.fullmatch(r"(\d+):(\d\d)", text.strip())
    check(m is not None, f"'{text}' is not a length m:ss")
    return int(m.group(1)) * 60 + int(m.group(2))
