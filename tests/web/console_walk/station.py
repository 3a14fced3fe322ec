"""The station the walk-through runs: tones written here, two playlists, a schedule with a
conflict tomorrow."""

import array
import math
import os
import wave

from .common import RATE


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
