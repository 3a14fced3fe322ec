// Editing the schedule while the daemon runs: a new file in schedule.d is seen (inotify) or
// read on SIGHUP, and a file with an error is refused without stopping the others.

#include <catch2/catch.hpp>

#include <csignal>
#include <fstream>
#include <thread>

#include "tests/e2e/station_builder.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/run_command.hpp"

using nlohmann::json;
using vc::test::TempDir;

namespace {

/// A running station with one clip and a schedule.d holding `start_file` (a file name and text).
void make_station(const std::filesystem::path& station, const std::string& start_file,
                  const std::string& start_text) {
    vc::test::write_station(station);
    vc::test::write_clip(station, "tone/a2", 2.0);
    vc::test::write_text(station / "schedule.d" / start_file, start_text);
}

bool final_aired(const json& log, const std::string& id) {
    for (const auto& r : vc::test::rows_of(log, id))
        if (r.value("final", false) && r.value("status", "") == "aired") return true;
    return false;
}

/// The files of every reload event, in log order.
std::vector<json> reload_files(const std::filesystem::path& station) {
    std::vector<json> files;
    for (const auto& e : vc::test::events_of(vc::test::audit_export(station, {}, true), "reload"))
        for (const auto& f : e["payload"]["files"]) files.push_back(f);
    return files;
}

std::size_t reload_count(const std::filesystem::path& station) {
    return vc::test::events_of(vc::test::audit_export(station, {}, true), "reload").size();
}

/// Waits up to `timeout` until broadcast `id` aired for good and CHECKs that it did, with what
/// the daemon said; returns the last export of the log read.
json check_final_aired(const std::filesystem::path& station, const vc::test::ChildProcess& daemon,
                       const std::string& id, std::chrono::seconds timeout) {
    const json log = vc::test::wait_for_log(
        station, [&id](const json& l) { return final_aired(l, id); }, timeout);
    INFO("the daemon said:\n" << daemon.err() << "\nlog: " << log.dump(1));
    CHECK(final_aired(log, id));
    return log;
}

}  // namespace

TEST_CASE("a schedule file written into schedule.d while the daemon runs airs its one-shot") {
    TempDir dir;
    const auto station = dir.path() / "station";
    make_station(station, "base.toml", "# nothing yet\n");
    auto daemon = vc::test::start_running(station, "null");

    const auto at = vc::test::seconds_from_now(4);
    vc::test::write_text(station / "schedule.d/new.toml",
                         vc::test::one_shot_toml("new-notice", "tone/a2", at));
    const json log = check_final_aired(station, *daemon, "new-notice", std::chrono::seconds(15));
    const auto rows = vc::test::rows_of(log, "new-notice");
    REQUIRE(rows.size() == 1);
    CHECK(rows.front()["scheduled_ms"] == vc::test::utc_ms(at));

    bool taken = false;
    for (const auto& f : reload_files(station))
        taken = taken || (f["file"] == "schedule.d/new.toml" && f["taken"] == true);
    CHECK(taken);
    vc::test::check_stops(*daemon);
}

TEST_CASE("a schedule.d folder made while the daemon runs is watched too") {
    TempDir dir;
    const auto station = dir.path() / "station";
    vc::test::write_station(station);
    vc::test::write_clip(station, "tone/a2", 2.0);
    auto daemon = vc::test::start_running(station, "null");

    // The office makes the folder first, and puts a file in it a little later.
    std::filesystem::create_directory(station / "schedule.d");
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    const auto at = vc::test::seconds_from_now(4);
    vc::test::write_text(station / "schedule.d/first.toml",
                         vc::test::one_shot_toml("first-notice", "tone/a2", at));
    check_final_aired(station, *daemon, "first-notice", std::chrono::seconds(12));
    vc::test::check_stops(*daemon);
}

TEST_CASE("SIGHUP reloads the schedule files") {
    TempDir dir;
    const auto station = dir.path() / "station";
    make_station(station, "office.toml", "# nothing yet\n");
    // A second name for the same file outside the station: writing through it changes
    // schedule.d/office.toml without an event in schedule.d that a file watch would see, so
    // only SIGHUP can bring the change in.
    const auto other_name = dir.path() / "elsewhere" / "office.toml";
    std::filesystem::create_directories(other_name.parent_path());
    std::filesystem::create_hard_link(station / "schedule.d/office.toml", other_name);

    auto daemon = vc::test::start_running(station, "null");
    const auto at = vc::test::seconds_from_now(5);
    {
        std::ofstream out(other_name, std::ios::binary | std::ios::trunc);
        out << vc::test::one_shot_toml("hup-notice", "tone/a2", at);
    }
    // Not seen without the signal (the file watch waits 0.5 s before it reloads).
    std::this_thread::sleep_for(std::chrono::milliseconds(1200));
    REQUIRE(reload_count(station) == 0);

    daemon->signal(SIGHUP);
    check_final_aired(station, *daemon, "hup-notice", std::chrono::seconds(15));
    CHECK(reload_count(station) == 1);
    vc::test::check_stops(*daemon);
}

TEST_CASE(
    "a schedule file with an error beside a good one: the good one airs and the reload "
    "event names the file not taken") {
    TempDir dir;
    const auto station = dir.path() / "station";
    make_station(station, "base.toml", "# nothing yet\n");
    auto daemon = vc::test::start_running(station, "null");

    const auto at = vc::test::seconds_from_now(4);
    // An unknown playlist: the whole file is refused, its one-shot never airs.
    vc::test::write_text(station / "schedule.d/bad.toml",
                         vc::test::broadcast_toml({"bad-notice", "no-such-playlist", "",
                                                   vc::test::shanghai_text(at), "", "", ""}));
    vc::test::write_text(station / "schedule.d/good.toml",
                         vc::test::one_shot_toml("good-notice", "tone/a2", at));
    const json log = check_final_aired(station, *daemon, "good-notice", std::chrono::seconds(15));
    CHECK(vc::test::rows_of(log, "bad-notice").empty());

    // The last reload's record of bad.toml: not taken, and why.
    std::optional<json> bad;
    for (const auto& f : reload_files(station))
        if (f["file"] == "schedule.d/bad.toml") bad = f;
    REQUIRE(bad.has_value());
    INFO("bad.toml: " << bad->dump());
    CHECK(bad->at("taken") == false);
    CHECK(bad->at("note").get<std::string>().find("no-such-playlist") != std::string::npos);
    // The clerk's listing of raw events shows it too.
    const auto listing =
        vc::test::villagecast({"audit", "list", "--events", "-s", station.string()});
    CHECK(listing.exit_code == 0);
    CHECK(listing.out.find("reload") != std::string::npos);
    CHECK(listing.out.find("schedule.d/bad.toml") != std::string::npos);
    vc::test::check_stops(*daemon);
}
