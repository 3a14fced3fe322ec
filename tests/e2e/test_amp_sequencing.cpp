// Amplifier sequencing in simulated time: [output] before runs before_lead ahead of the first
// sample of a foreground airing, after runs after_delay past the last one's end, each to the
// millisecond, and each run is a `system` event; a failing `before` is logged and the airing
// still goes ahead.

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "tests/e2e/station_builder.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/run_command.hpp"

using nlohmann::json;
using vc::test::TempDir;
using vc::test::villagecast;

namespace {

// 2026-12-01 08:00:00 in Asia/Shanghai is 00:00:00 UTC.
constexpr std::int64_t dec1_0800 = 1796083200000;

void make_station(const std::filesystem::path& root, const std::string& before,
                  const std::filesystem::path& script) {
    vc::test::write_station(root);
    std::ofstream(root / "station.toml", std::ios::app)
        << "before = " << before << "\nbefore_lead = \"3s\"\nafter = [\"" << script.string()
        << "\", \"off\"]\nafter_delay = \"30s\"\n";
    vc::test::write_clip(root, "a5", 5.0);
    vc::test::write_clip(root, "bed", 20.0, 300.0, false);
    vc::test::write_text(
        root / "schedule.toml",
        vc::test::schedule_toml({
            // Amplifier on at 07:59:57; the second airing comes within after_delay of the first's
            // end,
            // so the amplifier stays on; off 30 s after the second's end (08:00:25).
            {"first", "", "a5", "2026-12-01 08:00:00", "notice", "", ""},
            {"second", "", "a5", "2026-12-01 08:00:20", "notice", "", ""},
            // A background airing alone switches nothing on.
            {"bed", "", "bed", "2026-12-01 08:30:00", "background", "", ""},
            {"third", "", "a5", "2026-12-01 09:00:00", "notice", "", ""},
        }));
}

std::filesystem::path write_recorder(const std::filesystem::path& dir,
                                     const std::filesystem::path& record) {
    auto script = dir / "amp";
    vc::test::write_text(script,
                         "#!/bin/sh\necho \"$VILLAGECAST_EVENT $VILLAGECAST_TIME $1\" >> '" +
                             record.string() + "'\n");
    std::filesystem::permissions(script, std::filesystem::perms::owner_all);
    return script;
}

/// A station in a temp folder whose amplifier commands record when they ran, simulated.
struct AmpRun {
    TempDir dir;
    std::filesystem::path station = dir.path() / "station";
    std::filesystem::path record = dir.path() / "amp.log";
    std::filesystem::path script = write_recorder(dir.path(), record);
    std::filesystem::path audit = dir.path() / "sim.db";

    /// `before`: the [output] before command as TOML ("" for the recorder itself).
    vc::test::CommandResult simulate(const std::string& before, const std::string& window,
                                     bool amp_commands) {
        make_station(station, before.empty() ? "[\"" + script.string() + "\", \"on\"]" : before,
                     script);
        std::vector<std::string> args{"run",  "-s",      station.string(), "--simulate",
                                      window, "--audit", audit.string()};
        if (amp_commands) args.push_back("--amp-commands");
        return villagecast(args);
    }
    std::vector<json> system_events() const {
        return vc::test::events_of(vc::test::audit_export(station, audit, true), "system");
    }
};

std::vector<std::string> lines_of(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

std::string line(const char* event, std::int64_t ms, const char* arg) {
    return std::string(event) + " " + std::to_string(ms) + " " + arg;
}

}  // namespace

TEST_CASE(
    "amplifier commands run before the first sample by the lead and after the last by "
    "the delay",
    "[e2e][amp]") {
    AmpRun run;
    auto r = run.simulate("", "2026-12-01T07:59/2026-12-01T09:30", true);
    const auto& [station, audit, record, script] =
        std::tie(run.station, run.audit, run.record, run.script);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);

    auto log = vc::test::audit_export(station, audit);
    auto second = vc::test::rows_of(log, "second");
    auto third = vc::test::rows_of(log, "third");
    REQUIRE(second.size() == 1);
    REQUIRE(third.size() == 1);
    CHECK(second[0]["end_ms"] == dec1_0800 + 25'000);
    CHECK(third[0]["end_ms"] == dec1_0800 + 3'605'000);
    const std::int64_t on1 = dec1_0800 - 3'000;
    const std::int64_t off1 = second[0]["end_ms"].get<std::int64_t>() + 30'000;
    const std::int64_t on2 = dec1_0800 + 3'600'000 - 3'000;
    const std::int64_t off2 = third[0]["end_ms"].get<std::int64_t>() + 30'000;
    CHECK(lines_of(record) ==
          std::vector<std::string>{line("amp-before", on1, "on"), line("amp-after", off1, "off"),
                                   line("amp-before", on2, "on"), line("amp-after", off2, "off")});

    auto events = run.system_events();
    REQUIRE(events.size() == 4);
    std::vector<std::int64_t> at;
    for (const auto& e : events) {
        at.push_back(e["payload"]["at"].get<std::int64_t>());
        CHECK(e["payload"]["ok"] == true);
    }
    CHECK(at == std::vector<std::int64_t>{on1, off1, on2, off2});
    CHECK(events[0]["payload"]["action"] == "amp-before");
    CHECK(events[0]["payload"]["detail"].get<std::string>().rfind(script.string() + " on: exit 0",
                                                                  0) == 0);
    CHECK(villagecast({"audit", "verify", "--audit", audit.string(), "-s", station.string()})
              .exit_code == 0);
}

TEST_CASE("a failing amplifier command is logged and the airing still goes ahead", "[e2e][amp]") {
    AmpRun run;
    auto r = run.simulate("[\"/bin/false\"]", "2026-12-01T07:59/2026-12-01T08:10", true);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.find("amp-before failed: /bin/false: exit 1") != std::string::npos);
    auto log = vc::test::audit_export(run.station, run.audit);
    auto first = vc::test::rows_of(log, "first");
    REQUIRE(first.size() == 1);
    CHECK(first[0]["status"] == "aired");
    CHECK(first[0]["start_ms"] == dec1_0800);
    auto events = run.system_events();
    REQUIRE(events.size() == 2);
    CHECK(events[0]["payload"]["action"] == "amp-before");
    CHECK(events[0]["payload"]["ok"] == false);
    CHECK(events[0]["payload"]["at"] == dec1_0800 - 3'000);
    CHECK(events[1]["payload"]["action"] == "amp-after");
    CHECK(events[1]["payload"]["ok"] == true);
}

TEST_CASE("a simulated run switches no amplifier unless asked", "[e2e][amp]") {
    AmpRun run;
    auto r = run.simulate("", "2026-12-01T07:59/2026-12-01T08:10", false);
    REQUIRE(r.exit_code == 0);
    CHECK_FALSE(std::filesystem::exists(run.record));
    CHECK(run.system_events().empty());
}
