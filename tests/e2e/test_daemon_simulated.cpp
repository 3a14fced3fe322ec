// The daemon on a virtual clock: a whole day of every kind of broadcast and every conflict rule,
// checked against `plan` occurrence by occurrence, and a short window played into a file whose
// airings must begin on their exact frames.

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <date/tz.h>

#include "tests/e2e/station_builder.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/run_command.hpp"

using nlohmann::json;
using vc::test::TempDir;
using vc::test::villagecast;

namespace {

/// A station whose 2026-12-03 (a Thursday) holds every form of broadcast (times of day,
/// weekdays, a list of days, month days, dates, a season, the office's workdays, cron, a
/// one-shot; playlists and clips; all five priorities) and every conflict rule: waiting and the
/// gap between airings, a late window that passes (missed), preemption by an emergency and the
/// interrupted airing aired again, an interruption after which the late window has passed, a
/// background airing under a foreground one, and a broken clip (failed).
void make_day_station(const std::filesystem::path& root) {
    vc::test::write_station(
        root, {"null", "2s", "[seasons.winter]\nfrom = \"11-01\"\nuntil = \"02-28\"\n"});
    vc::test::write_tones_and_playlists(root);
    vc::test::write_clip(root, "bed/music", 30.0, 300.0, false);
    vc::test::write_playlist(root, "short", "tone/a3");
    vc::test::write_playlist(root, "bed", "bed/music");
    vc::test::write_text(root / "calendars/2026.toml",
                         "year = 2026\n\n[[holiday]]\nname = \"国庆节\"\nfrom = \"2026-10-01\"\n"
                         "until = \"2026-10-07\"\nworkdays = [\"2026-09-20\", \"2026-10-10\"]\n");
    vc::test::write_text(
        root / "schedule.toml",
        vc::test::schedule_toml({
            {"morning", "news", "", "07:00", "", "", ""},
            {"weekday-notice", "", "tone/a3", "08:00", "notice", "", "days = \"weekdays\""},
            {"thursday", "", "tone/a3", "08:30", "", "", "days = [\"thu\"]"},
            // 09:00:00-09:00:21; queued waits and starts 2 s (gap_between) after; too-late's 5 s
            // window ends at 09:00:17 while it waits.
            {"long-talk", "long", "", "09:00:00", "", "", ""},
            {"queued", "short", "", "09:00:10", "", "", ""},
            {"too-late", "", "tone/a3", "09:00:12", "", "5s", ""},
            // The emergency at 10:05:00 interrupts policy, which airs again from its start 2 s
            // later.
            {"policy", "long", "", "10:04:50", "", "", "monthdays = [1, 3, 5]"},
            {"alarm", "", "emergency/alarm", "", "emergency", "", "cron = \"5 10 * * *\""},
            // Interrupted at 11:00:08 when its 5 s window has passed: interrupted for good.
            {"brief", "long", "", "11:00:00", "", "5s", ""},
            {"urgent-call", "long", "", "11:00:08", "urgent", "", ""},
            // A background bed with a notice over it.
            {"bed", "bed", "", "12:00:00", "background", "", ""},
            {"noon", "", "tone/a5", "12:00:10", "notice", "", ""},
            {"broken", "broken", "", "13:00", "", "", "dates = [\"2026-12-03\"]"},
            {"one-shot", "", "tone/a3", "2026-12-03 14:00:00", "", "", ""},
            {"winter", "", "tone/a3", "16:00", "", "", "season = \"winter\""},
            {"workday", "", "tone/a3", "16:30", "notice", "",
             "days = \"workdays\"\nuntil = \"2026-12-31\""},
            {"evening", "", "tone/a5", "", "routine", "", "cron = \"30 17-18 * * thu\""},
        }));
}

std::string key_of(const std::string& broadcast, std::int64_t scheduled_ms) {
    return broadcast + "@" + std::to_string(scheduled_ms);
}

/// Frames at which sound begins after at least `quiet` frames of digital silence.
std::vector<std::int64_t> onsets(const std::vector<float>& interleaved, int channels,
                                 std::int64_t quiet) {
    std::vector<std::int64_t> out;
    std::int64_t zeros = quiet;
    const auto frames = static_cast<std::int64_t>(interleaved.size()) / channels;
    for (std::int64_t f = 0; f < frames; ++f) {
        bool sound = false;
        for (int c = 0; c < channels; ++c)
            sound = sound || interleaved[static_cast<std::size_t>(f * channels + c)] != 0.0f;
        if (!sound) {
            ++zeros;
            continue;
        }
        if (zeros >= quiet) out.push_back(f);
        zeros = 0;
    }
    return out;
}

}  // namespace

TEST_CASE(
    "a simulated day: every occurrence's final outcome, reason, start and end in the as-run log "
    "are those of plan") {
    TempDir dir;
    const auto station = dir.path() / "station";
    make_day_station(station);
    {
        const auto check = villagecast({"check", "-s", station.string(), "--today", "2026-12-01"});
        INFO(check.out << check.err);
        // The broken clip is the only error: every broadcast is taken.
        CHECK(check.out.find("schedule.toml: ok, 17 broadcasts") != std::string::npos);
        CHECK(check.out.find("1 error(s), 0 warning(s)") != std::string::npos);
    }

    const json plan = vc::test::villagecast_json({"plan", "-s", station.string(), "--from",
                                                  "2026-12-03", "--days", "1", "--format", "json"});
    REQUIRE(plan.is_array());
    // 17 broadcasts, the evening cron twice.
    REQUIRE(plan.size() == 18);

    const auto audit = dir.path() / "simulated.db";
    auto run = villagecast({"run", "-s", station.string(), "--simulate",
                            "2026-12-03T00:00/2026-12-04T00:00", "--audit", audit.string()});
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    CHECK(villagecast({"audit", "verify", "-s", station.string(), "--audit", audit.string()})
              .exit_code == 0);
    const json log = vc::test::audit_export(station, audit);

    std::map<std::string, std::vector<json>> by_occurrence;
    for (const auto& row : log["airings"])
        by_occurrence[key_of(row["broadcast"], row["scheduled_ms"])].push_back(row);

    // Every kind of outcome is in the plan, so each is compared below.
    std::set<std::string> outcomes;
    std::set<std::string> planned;
    for (const auto& p : plan) {
        const std::string broadcast = p["broadcast"];
        const std::int64_t scheduled = p["scheduled_utc_ms"];
        const std::string key = key_of(broadcast, scheduled);
        planned.insert(key);
        outcomes.insert(p["outcome"].get<std::string>());
        INFO("occurrence " << broadcast << " scheduled " << p["scheduled"].get<std::string>()
                           << "\nplan: " << p.dump());
        const auto& rows = by_occurrence[key];
        REQUIRE_FALSE(rows.empty());
        std::vector<json> finals;
        for (const auto& r : rows)
            if (r["final"].get<bool>()) finals.push_back(r);
        REQUIRE(finals.size() == 1);
        const json& f = finals.front();
        INFO("log: " << f.dump());
        CHECK(f["status"] == p["outcome"]);  // the plan's outcomes are the log's statuses
        CHECK(f["reason"] == p["reason"]);
        CHECK(f["start_ms"] == p["start_utc_ms"]);
        CHECK(f["end_ms"] == p["end_utc_ms"]);
        // An occurrence aired twice (interrupted, then again) has two airings in the log; every
        // airing but the final one was interrupted.
        if (p["outcome"] == "aired" || p["outcome"] == "interrupted") {
            CHECK(rows.size() == p["attempts"].get<std::size_t>());
            for (const auto& r : rows) {
                if (r["final"].get<bool>()) continue;
                CHECK(r["status"] == "interrupted");
            }
        }
    }
    CHECK(outcomes == std::set<std::string>{"aired", "missed", "interrupted", "failed"});
    // Nothing aired that plan does not know of.
    for (const auto& [key, rows] : by_occurrence) {
        INFO(key);
        CHECK(planned.count(key) == 1);
    }
    // The interrupted airing of policy ends where the alarm begins; it aired again 2 s after
    // the alarm ended (the station's gap_between).
    const auto policy = vc::test::rows_of(log, "policy");
    const auto alarm = vc::test::rows_of(log, "alarm");
    REQUIRE(policy.size() == 2);
    REQUIRE(alarm.size() == 1);
    CHECK(policy[0]["reason"] == "interrupted by alarm");
    CHECK(policy[0]["end_ms"] == alarm[0]["start_ms"]);
    CHECK(policy[1]["start_ms"].get<std::int64_t>() ==
          alarm[0]["end_ms"].get<std::int64_t>() + 2000);
}

TEST_CASE("a simulated run into a file: each airing's first sample is on its exact frame") {
    TempDir dir;
    const auto station = dir.path() / "station";
    vc::test::write_station(station);
    // A full-scale click on frame 0, then a tone: the first sample of an airing is not zero.
    vc::test::write_clip(station, "c/click", 3.0, 440.0);
    vc::test::write_clip(station, "c/long", 20.0, 550.0);
    vc::test::write_clip(station, "c/alarm", 2.0, 1000.0);
    vc::test::write_playlist(station, "call", "c/click");
    vc::test::write_text(
        station / "schedule.toml",
        vc::test::schedule_toml({
            // 20:00:10, exactly 10 s into the window: frame 480000.
            {"first", "call", "", "2026-12-03 20:00:10", "", "", ""},
            // Waits for first (ends 20:00:13) and the 2 s gap: 20:00:15, frame 720000.
            {"second", "", "c/click", "2026-12-03 20:00:11", "", "", ""},
            {"third", "call", "", "2026-12-03 20:01:00", "urgent", "", ""},
            // 20:01:20 (frame 3840000), faded out by the alarm at 20:01:30 (frame 4320000), aired
            // again from its start 2 s after the alarm ends: 20:01:34, frame 4512000.
            {"talk", "", "c/long", "2026-12-03 20:01:20", "", "", ""},
            {"alarm", "", "c/alarm", "2026-12-03 20:01:30", "emergency", "", ""},
        }));

    const json plan = vc::test::villagecast_json({"plan", "-s", station.string(), "--from",
                                                  "2026-12-03", "--days", "1", "--format", "json"});
    REQUIRE(plan.size() == 5);
    const auto out = dir.path() / "window.wav";
    const auto audit = dir.path() / "window.db";
    {
        auto run = villagecast({"run", "-s", station.string(), "--simulate",
                                "2026-12-03T20:00:00/2026-12-03T20:02:00", "--output",
                                "wav:" + out.string(), "--audit", audit.string()});
        INFO(run.err);
        REQUIRE(run.exit_code == 0);
    }

    int rate = 0, channels = 0;
    const auto samples = vc::test::read_audio(out, rate, channels);
    REQUIRE(rate == 48000);
    REQUIRE(channels == 2);
    // The file is the whole window, from its first frame.
    CHECK(samples.size() == static_cast<std::size_t>(120 * 48000 * 2));

    const std::int64_t from_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(
            date::make_zoned("Asia/Shanghai",
                             date::local_days{date::year{2026} / 12 / 3} + std::chrono::hours(20))
                .get_sys_time()
                .time_since_epoch())
            .count();
    auto frame_of = [&](const json& ms) { return (ms.get<std::int64_t>() - from_ms) * 48; };

    // Every airing in the log (the talk's interrupted one too) starts on the frame of its
    // logged start, and the log's final airings are plan's.
    const json log = vc::test::audit_export(station, audit);
    std::vector<std::int64_t> starts;
    for (const auto& a : log["airings"]) starts.push_back(frame_of(a["start_ms"]));
    std::sort(starts.begin(), starts.end());
    CHECK(starts == std::vector<std::int64_t>{480000, 720000, 2880000, 3840000, 4320000, 4512000});
    for (const auto& p : plan) {
        INFO(p.dump());
        std::size_t finals = 0;
        for (const auto& a : vc::test::rows_of(log, p["broadcast"])) {
            if (!a["final"].get<bool>()) continue;
            ++finals;
            CHECK(a["start_ms"] == p["start_utc_ms"]);
            CHECK(a["end_ms"] == p["end_utc_ms"]);
        }
        CHECK(finals == 1);
    }

    // Sound begins after silence on exactly these frames (at least 1 s of silence before each:
    // the tones' own zero crossings are not onsets); the alarm follows the talk's fade.
    CHECK(onsets(samples, channels, 48000) ==
          std::vector<std::int64_t>{480000, 720000, 2880000, 3840000, 4512000});
    for (auto f : starts) {
        INFO("frame " << f);
        const auto at = static_cast<std::size_t>(f * 2);
        if (f == 4320000) {
            // The fade ends on the frame before the alarm's first.
            CHECK(std::fabs(samples[at - 2]) < 0.01f);
            CHECK(std::fabs(samples[at]) > 0.5f);
        } else {
            CHECK(samples[at - 2] == 0.0f);
            CHECK(samples[at] != 0.0f);
        }
    }
}
