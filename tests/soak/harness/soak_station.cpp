#include "tests/soak/harness/soak_station.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "tests/support/fixtures.hpp"

namespace vc::soak {

namespace {

constexpr int rate = 16000;  // mono 16 kHz: a year of airings renders quickly

const char* const station_toml = R"(name = "soak township"
timezone = "Asia/Shanghai"
gap_between = "2s"
duck_db = -15.0

[output]
device = "null"
sample_rate = 16000
channels = 1
)";

// About 39 occurrences on a working day, 36 on a rest day. The comments say what collides.
const char* const schedule_toml = R"(# The soak township's main schedule.

[[broadcast]]
id = "time-signal"              # every hour, under whatever airs at :00
clip = "tones/pip"
cron = "0 6-21 * * *"
priority = "background"
late = "1m"

[[broadcast]]
id = "music-bed"
playlist = "music-bed"
at = ["09:30", "12:00", "14:30", "19:30"]
priority = "background"

[[broadcast]]
id = "news"                     # 16 s; cut by flash, the weekly drill, evening-tone
playlist = "news"
at = ["07:00", "12:00", "18:00", "20:00"]
priority = "routine"

[[broadcast]]
id = "flash"
playlist = "weather"
at = ["07:00:05", "18:00:06"]
priority = "urgent"

[[broadcast]]
id = "weather"
playlist = "weather"
at = ["06:30", "11:30", "17:30"]
priority = "routine"

[[broadcast]]
id = "policy"
playlist = "policy"
at = ["10:00", "15:00"]
days = "workdays"
until = "2027-12-31"
priority = "routine"

[[broadcast]]
id = "meeting-call"             # behind office-notice at 08:00 it waits too long: missed
playlist = "meeting"
at = "08:00"
days = "workdays"
until = "2027-12-31"
priority = "notice"
late = "4s"

[[broadcast]]
id = "weekend-music"
playlist = "music-bed"
at = ["10:30", "16:30"]
days = "weekends"
priority = "routine"

[[broadcast]]
id = "restday-notice"
playlist = "notice"
at = "09:00"
days = "restdays"
until = "2027-12-31"
priority = "notice"

[[broadcast]]
id = "market-day"               # waits behind restday-notice on a rest day
playlist = "meeting"
at = "09:00:01"
monthdays = [1, 11, 21]
priority = "routine"
late = "30s"

[[broadcast]]
id = "weekly-drill"             # cuts the noon news
playlist = "drill"
at = "12:00:04"
days = ["wed"]
priority = "emergency"

[[broadcast]]
id = "monthly-drill"            # cuts policy on a working first of the month
playlist = "drill"
cron = "0 10 1 * *"
priority = "emergency"

[[broadcast]]
id = "evening-tone"             # cuts the 20:00 news
clip = "tones/t3"
at = "20:00:02"
priority = "urgent"

[[broadcast]]
id = "noon-bell"
clip = "tones/t2"
at = "12:30"
priority = "routine"

[[broadcast]]
id = "night-notice"
playlist = "notice"
at = "21:30"
priority = "notice"
)";

const char* const office_toml = R"(# The township office's own broadcasts.

[[broadcast]]
id = "office-notice"
playlist = "notice"
at = ["08:00", "16:00"]
days = "workdays"
until = "2027-12-31"
priority = "notice"

[[broadcast]]
id = "office-evening"
clip = "tones/t4"
at = "19:00"
priority = "routine"

[[broadcast]]
id = "office-urgent"            # waits for the weekly drill on Wednesdays
playlist = "weather"
at = "12:00:10"
priority = "urgent"
late = "20s"
)";

struct Playlist {
    const char* name;
    const char* text;
};

const Playlist playlists[] = {
    {"news",
     "intro = \"\"\nrepeat = 2\ngap = \"1s\"\n[[item]]\nclip = \"tones/t3\"\n[[item]]\n"
     "silence = \"0.5s\"\n[[item]]\nclip = \"tones/t4\"\n"},
    {"weather", "intro = \"\"\n[[item]]\nclip = \"tones/t2\"\n"},
    {"notice",
     "intro = \"\"\n[[item]]\nclip = \"tones/t1\"\n[[item]]\nsilence = \"0.5s\"\n[[item]]\n"
     "clip = \"tones/t2\"\n"},
    {"policy",
     "intro = \"\"\n[[item]]\nclip = \"tones/t5\"\n[[item]]\nclip = \"tones/t4\"\n[bed]\n"
     "clip = \"music/bed\"\ngain_db = -20\n"},
    {"meeting", "intro = \"\"\nrepeat = 2\ngap = \"0.5s\"\n[[item]]\nclip = \"tones/t4\"\n"},
    {"drill",
     "intro = \"\"\nrepeat = 2\ngap = \"1s\"\n[[item]]\nclip = \"tones/t1\"\n[[item]]\n"
     "clip = \"tones/t5\"\n"},
    {"music-bed", "intro = \"\"\nrepeat = 3\n[[item]]\nclip = \"music/bed\"\n"},
};

std::string read_text(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + file.string());
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

void write_file(const std::filesystem::path& file, const std::string& text) {
    std::filesystem::create_directories(file.parent_path());
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) throw std::runtime_error("cannot write " + file.string() + ": " + strerror(errno));
    const char* p = text.data();
    std::size_t left = text.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, p, left);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            ::close(fd);
            throw std::runtime_error("cannot write " + file.string() + ": " + strerror(errno));
        }
        p += n;
        left -= static_cast<std::size_t>(n);
    }
    ::fsync(fd);
    ::close(fd);
}

SoakStation generate_station(const std::filesystem::path& root) {
    SoakStation s;
    s.root = root;
    write_file(root / "station.toml", station_toml);
    test::write_tone(root / "clips/tones/pip.wav", rate, 1, 1.0, 1000.0, 0.3);
    const double freqs[] = {440.0, 523.0, 587.0, 659.0, 698.0};
    for (int i = 1; i <= 5; ++i) {
        const std::string id = "tones/t" + std::to_string(i);
        test::write_tone(root / "clips" / (id + ".wav"), rate, 1, i, freqs[i - 1], 0.3);
        s.clips.push_back(id);
    }
    test::write_tone(root / "clips/music/bed.wav", rate, 1, 5.0, 330.0, 0.2);
    s.clips.push_back("music/bed");
    for (const auto& p : playlists) {
        write_file(root / "playlists" / (std::string(p.name) + ".toml"), p.text);
        s.playlists.push_back(p.name);
    }
    write_file(root / "schedule.toml", schedule_toml);
    write_file(root / "schedule.d/office.toml", office_toml);
    for (const char* year : {"2026", "2027"}) {
        const std::filesystem::path calendar = std::filesystem::path(VC_SOURCE_DIR) /
                                               "examples/calendars" / (std::string(year) + ".toml");
        write_file(root / "calendars" / (std::string(year) + ".toml"), read_text(calendar));
    }
    s.busy_times = {"06:30:00", "07:00:00", "08:00:00", "10:00:00", "12:00:00",
                    "15:00:00", "18:00:00", "19:00:00", "20:00:00", "21:30:00"};
    // A TOML typo, a broadcast naming a playlist that does not exist, a broken playlist.
    s.breakable.push_back({"schedule.d/office.toml", office_toml,
                           std::string(office_toml) + "\n[[broadcast]\nid = \"typo\"\n"});
    s.breakable.push_back({"schedule.d/office.toml", office_toml,
                           std::string(office_toml) +
                               "\n[[broadcast]]\nid = \"office-extra\"\nplaylist = "
                               "\"no-such-playlist\"\nat = \"13:00\"\n"});
    s.breakable.push_back({"playlists/weather.toml", playlists[1].text,
                           "intro = \"\"\n[[item]\nclip = \"tones/t2\"\n"});
    return s;
}

void restore_files(const SoakStation& station) {
    for (const auto& f : station.breakable) {
        const auto path = station.root / f.path;
        std::ifstream in(path, std::ios::binary);
        std::ostringstream now;
        now << in.rdbuf();
        if (now.str() != f.good) write_file(path, f.good);
    }
}

}  // namespace vc::soak
