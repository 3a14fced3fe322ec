#include "tests/e2e/station_builder.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <numbers>
#include <thread>

#include <date/tz.h>

#include "tests/support/fixtures.hpp"
#include "tests/support/run_command.hpp"

namespace vc::test {

void write_text(const std::filesystem::path& file, const std::string& text) {
    if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
}

void write_station(const std::filesystem::path& root, const StationSettings& s) {
    write_text(root / "station.toml",
               "name = \"测试站\"\ntimezone = \"Asia/Shanghai\"\nchime = \"\"\n"
               "gap_between = \"" +
                   s.gap_between + "\"\n" + s.extra + "\n[output]\ndevice = \"" + s.device +
                   "\"\nsample_rate = 48000\nchannels = " + std::to_string(s.channels) + "\n");
}

void write_clip(const std::filesystem::path& root, const std::string& id, double seconds,
                double freq, bool click) {
    constexpr int rate = 48000;
    const auto frames = static_cast<std::int64_t>(std::llround(seconds * rate));
    write_audio(root / "clips" / (id + ".wav"), rate, 2, frames, [=](std::int64_t f, int) -> float {
        if (click && f == 0) return 1.0f;
        return static_cast<float>(
            0.25 * std::sin(2.0 * std::numbers::pi * freq * static_cast<double>(f) / rate));
    });
}

void write_playlist(const std::filesystem::path& root, const std::string& name,
                    const std::string& clip, int repeat, const std::string& gap) {
    std::string text = "title = \"" + name + "\"\nintro = \"\"\n";
    if (repeat != 1) text += "repeat = " + std::to_string(repeat) + "\n";
    if (!gap.empty()) text += "gap = \"" + gap + "\"\n";
    text += "\n[[item]]\nclip = \"" + clip + "\"\n";
    write_text(root / "playlists" / (name + ".toml"), text);
}

std::string broadcast_toml(const Broadcast& b) {
    std::string t = "[[broadcast]]\nid = \"" + b.id + "\"\n";
    if (!b.playlist.empty()) t += "playlist = \"" + b.playlist + "\"\n";
    if (!b.clip.empty()) t += "clip = \"" + b.clip + "\"\n";
    if (!b.at.empty()) t += "at = \"" + b.at + "\"\n";
    if (!b.priority.empty()) t += "priority = \"" + b.priority + "\"\n";
    if (!b.late.empty()) t += "late = \"" + b.late + "\"\n";
    t += b.more;
    if (!b.more.empty() && b.more.back() != '\n') t += '\n';
    return t + "\n";
}

std::string schedule_toml(const std::vector<Broadcast>& broadcasts) {
    std::string s;
    for (const auto& b : broadcasts) s += broadcast_toml(b);
    return s;
}

void write_tones_and_playlists(const std::filesystem::path& root) {
    write_clip(root, "tone/a3", 3.0, 440.0);
    write_clip(root, "tone/a5", 5.0, 550.0);
    write_clip(root, "tone/a10", 10.0, 660.0);
    write_clip(root, "emergency/alarm", 2.0, 1000.0);
    write_clip(root, "broken/cut", 10.0, 440.0);
    std::filesystem::resize_file(root / "clips/broken/cut.wav", 1000);
    write_playlist(root, "news", "tone/a5");
    write_playlist(root, "long", "tone/a10", 2, "1s");
    write_playlist(root, "broken", "broken/cut");
}

std::string one_shot_toml(const std::string& id, const std::string& clip,
                          std::chrono::sys_seconds at, const std::string& late) {
    return broadcast_toml({id, "", clip, shanghai_text(at), "", late, ""});
}

std::chrono::sys_seconds write_one_shot_station(const std::filesystem::path& root,
                                                const std::string& id, const std::string& clip,
                                                double seconds, int ahead,
                                                const std::string& late) {
    write_station(root);
    write_clip(root, clip, seconds);
    const auto at = seconds_from_now(ahead);
    write_text(root / "schedule.toml", one_shot_toml(id, clip, at, late));
    return at;
}

std::string shanghai_text(std::chrono::sys_seconds t) {
    return date::format("%F %T", date::make_zoned("Asia/Shanghai", t).get_local_time());
}

std::chrono::sys_seconds seconds_from_now(int seconds) {
    return std::chrono::ceil<std::chrono::seconds>(std::chrono::system_clock::now()) +
           std::chrono::seconds(seconds);
}

std::int64_t utc_ms(std::chrono::sys_seconds t) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

nlohmann::json villagecast_json(const std::vector<std::string>& args) {
    auto r = villagecast(args);
    std::string command;
    for (const auto& a : args) command += a + " ";
    INFO("villagecast " << command << "\n" << r.err);
    REQUIRE(r.exit_code == 0);
    auto j = nlohmann::json::parse(r.out, nullptr, false);
    REQUIRE_FALSE(j.is_discarded());
    return j;
}

namespace {
std::vector<std::string> export_args(const std::filesystem::path& station,
                                     const std::filesystem::path& audit, bool events) {
    std::vector<std::string> args{"audit", "export", "--format", "json", "-s", station.string()};
    if (!audit.empty()) {
        args.push_back("--audit");
        args.push_back(audit.string());
    }
    if (events) args.push_back("--events");
    return args;
}
}  // namespace

std::optional<nlohmann::json> try_audit_export(const std::filesystem::path& station,
                                               const std::filesystem::path& audit, bool events) {
    auto r = villagecast(export_args(station, audit, events));
    if (r.exit_code != 0) return std::nullopt;
    auto j = nlohmann::json::parse(r.out, nullptr, false);
    if (j.is_discarded()) return std::nullopt;
    return j;
}

nlohmann::json audit_export(const std::filesystem::path& station,
                            const std::filesystem::path& audit, bool events) {
    return villagecast_json(export_args(station, audit, events));
}

nlohmann::json wait_for_log(const std::filesystem::path& station,
                            const std::function<bool(const nlohmann::json&)>& done,
                            std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    nlohmann::json last = nlohmann::json::object();
    while (true) {
        if (auto j = try_audit_export(station)) {
            last = std::move(*j);
            if (done(last)) return last;
        }
        if (std::chrono::steady_clock::now() >= deadline) return last;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
}

nlohmann::json wait_for_final_row(const std::filesystem::path& station,
                                  const std::string& broadcast, std::chrono::milliseconds timeout) {
    return wait_for_log(
        station,
        [&](const nlohmann::json& l) {
            for (const auto& row : rows_of(l, broadcast))
                if (row.value("final", false)) return true;
            return false;
        },
        timeout);
}

std::vector<nlohmann::json> rows_of(const nlohmann::json& exported, const std::string& broadcast) {
    std::vector<nlohmann::json> rows;
    if (!exported.contains("airings")) return rows;
    for (const auto& a : exported["airings"])
        if (a.value("broadcast", "") == broadcast) rows.push_back(a);
    return rows;
}

std::vector<nlohmann::json> events_of(const nlohmann::json& exported, const std::string& kind) {
    std::vector<nlohmann::json> out;
    if (!exported.contains("events")) return out;
    for (const auto& e : exported["events"]) {
        if (e.value("kind", "") != kind) continue;
        nlohmann::json copy = e;
        if (copy["payload"].is_string())
            copy["payload"] = nlohmann::json::parse(copy["payload"].get<std::string>());
        out.push_back(std::move(copy));
    }
    return out;
}

std::vector<std::string> run_argv(const std::filesystem::path& station, const std::string& output) {
    std::vector<std::string> argv{villagecast_bin().string(), "run", "-s", station.string()};
    if (!output.empty()) {
        argv.push_back("--output");
        argv.push_back(output);
    }
    return argv;
}

}  // namespace vc::test

namespace vc::test {

std::unique_ptr<ChildProcess> start_daemon(const std::filesystem::path& station,
                                           const std::string& output,
                                           const std::map<std::string, std::string>& env) {
    return std::make_unique<ChildProcess>(run_argv(station, output), env,
                                          station.parent_path() / "daemon-logs");
}

void require_running(ChildProcess& daemon) {
    const bool up = daemon.wait_for_err(" is running for ", std::chrono::seconds(20));
    INFO("the daemon said:\n" << daemon.err());
    REQUIRE(up);
}

std::unique_ptr<ChildProcess> start_running(const std::filesystem::path& station,
                                            const std::string& output,
                                            const std::map<std::string, std::string>& env) {
    auto daemon = start_daemon(station, output, env);
    require_running(*daemon);
    return daemon;
}

void check_stops(ChildProcess& daemon) {
    daemon.signal(SIGTERM);
    CHECK(daemon.wait_for_exit(std::chrono::seconds(5)) == 0);
}

std::map<std::string, std::string> pulse_env() {
    return {{"HOME", std::getenv("HOME")}, {"XDG_RUNTIME_DIR", std::getenv("XDG_RUNTIME_DIR")}};
}

int crossings(const std::vector<float>& channel, std::int64_t from, std::int64_t frames) {
    int n = 0;
    for (auto f = from + 1; f < from + frames; ++f)
        if ((channel[static_cast<std::size_t>(f - 1)] < 0) !=
            (channel[static_cast<std::size_t>(f)] < 0))
            ++n;
    return n;
}

}  // namespace vc::test
