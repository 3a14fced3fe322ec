"""The township office console walked through in a real browser, as a clerk uses it.

One scenario in order: each part leaves what the later ones look for (the one-shot that aired,
the playlist aired now, the long airing stopped, the recorded notice) in the Walk it is given.
"""

import datetime

from . import airing, paging, records, signing_in, villages
from .common import station_now


class Walk:
    """The browser page, the daemon, the operators' tokens and folders, and what the walk
    has made so far."""

    def __init__(self, page, daemon, admin, viewer, downloads, screenshots):
        self.page, self.daemon = page, daemon
        self.admin, self.viewer = admin, viewer
        self.downloads, self.screenshots = downloads, screenshots
        self.today = station_now().date().isoformat()
        self.tomorrow = (station_now().date() + datetime.timedelta(days=1)).isoformat()
        self.oneshot = self.manual = self.long_id = self.clip_row = self.clip = None


STEPS = [
    signing_in.log_in,
    signing_in.timeline_conflict,
    airing.oneshot_airs,
    airing.oneshot_deleted,
    airing.playlist_now,
    airing.emergency_cancelled,
    airing.long_clip_and_languages,
    airing.long_clip_stopped,
    airing.zones_chosen,
    villages.receivers_listed,
    records.log_filters,
    records.csv_download,
    records.recorded_notice,
    paging.browser_page,
    records.library_playback,
    records.typed_notice,
    records.operator_events,
    records.viewer_console,
]


def walk_through(page, daemon, admin, viewer, downloads, screenshots):
    w = Walk(page, daemon, admin, viewer, downloads, screenshots)
    for part in STEPS:
        part(w)
