#include "bench/support/schedule_station.hpp"

#include <algorithm>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "bench/support/bench_files.hpp"

namespace fs = std::filesystem;

namespace vc::bench {

namespace {

std::string two(unsigned v) {
    char b[8];
    std::snprintf(b, sizeof b, "%02u", v % 100);
    return b;
}

}  // namespace

Generated generate_station(const fs::path& root, date::local_days first_day) {
    fs::create_directories(root / "clips");
    fs::create_directories(root / "playlists");
    fs::create_directories(root / "schedule.d");
    write_text(root / "station.toml",
               "name = \"bench\"\ntimezone = \"Asia/Shanghai\"\n\n[output]\ndevice = \"null\"\n");
    const int lengths[] = {10, 15, 20, 30, 45, 60, 90, 120};
    constexpr int playlists = 16;
    for (int i = 0; i < playlists; ++i)
        write_text(root / "playlists" / ("p" + two(static_cast<unsigned>(i)) + ".toml"),
                   "title = \"Bench " + std::to_string(i) +
                       "\"\nintro = \"\"\n\n[[item]]\nsilence = \"" +
                       std::to_string(lengths[i % 8]) + "s\"\n");

    std::mt19937 random(20261203);
    auto pick = [&random](unsigned n) { return static_cast<unsigned>(random() % n); };
    auto priority = [&pick]() -> std::string {
        const unsigned r = pick(100);
        if (r < 1) return "emergency";
        if (r < 5) return "urgent";
        if (r < 13) return "notice";
        if (r < 15) return "background";
        return "routine";
    };
    // Distinct minutes of the day (06:00..21:59) for the daily and weekday broadcasts.
    std::vector<unsigned> minutes(16 * 60);
    for (unsigned m = 0; m < minutes.size(); ++m) minutes[m] = 6 * 60 + m;
    std::shuffle(minutes.begin(), minutes.end(), random);
    auto hhmm = [](unsigned minute) { return two(minute / 60) + ":" + two(minute % 60); };

    std::vector<std::string> out(schedule_files);
    int n = 0;
    auto add = [&](const std::string& when) {
        const std::string id = (n % 10 == 3 ? "通知-" : "b-") + std::to_string(n);
        out[static_cast<std::size_t>(n % schedule_files)] +=
            "[[broadcast]]\nid = \"" + id + "\"\nplaylist = \"p" + two(pick(playlists)) +
            "\"\npriority = \"" + priority() + "\"\n" + when + "\n";
        ++n;
    };
    for (int i = 0; i < one_shots; ++i) {
        const date::year_month_day ymd{first_day + date::days{pick(365)}};
        const unsigned minute = 6 * 60 + pick(16 * 60);
        add("at = \"" + std::to_string(static_cast<int>(ymd.year())) + "-" +
            two(static_cast<unsigned>(ymd.month())) + "-" + two(static_cast<unsigned>(ymd.day())) +
            " " + hhmm(minute) + "\"");
    }
    std::size_t next_minute = 0;
    for (int i = 0; i < daily; ++i)
        add("at = \"" + hhmm(minutes[next_minute++]) + "\"\ndays = \"daily\"");
    for (int i = 0; i < weekdays; ++i)
        add("at = \"" + hhmm(minutes[next_minute++]) + "\"\ndays = \"weekdays\"");
    for (int i = 0; i < monthly; ++i) {
        const unsigned a = 1 + pick(14);
        add("at = \"" + hhmm(6 * 60 + pick(16 * 60)) + "\"\nmonthdays = [" + std::to_string(a) +
            ", " + std::to_string(a + 14) + "]");
    }
    for (int i = 0; i < cron; ++i) {
        const unsigned minute = 6 * 60 + pick(16 * 60);
        add("cron = \"" + std::to_string(minute % 60) + " " + std::to_string(minute / 60) +
            " * * " + std::to_string(pick(7)) + "\"");
    }
    for (int f = 0; f < schedule_files; ++f)
        write_text(root / "schedule.d" / ("office-" + two(static_cast<unsigned>(f)) + ".toml"),
                   out[static_cast<std::size_t>(f)]);
    return {n, first_day};
}

}  // namespace vc::bench
