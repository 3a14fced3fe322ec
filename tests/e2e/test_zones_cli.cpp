// Zones from the command line: `snapcast config` and `check` on stations written as
// docs/zones.md shows them.

#include <catch2/catch.hpp>

#include "tests/support/doc_blocks.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/run_command.hpp"

using vc::test::TempDir;
using vc::test::villagecast;

namespace {

void write_station(const TempDir& dir, const std::string& station_toml,
                   const std::string& schedule = "") {
    vc::test::write_bytes(dir / "station.toml", station_toml);
    if (!schedule.empty()) vc::test::write_bytes(dir / "schedule.toml", schedule);
    vc::test::write_tone(dir / "clips/通知.wav", 48000, 1, 0.5);
}

}  // namespace

TEST_CASE("snapcast config prints docs/zones.md's [stream] lines for its three villages") {
    const auto stations = vc::test::doc_blocks("zones.md", "toml");
    const auto expected = vc::test::doc_blocks("zones.md", "ini");
    REQUIRE(stations.size() == 4);
    REQUIRE(expected.size() == 1);
    TempDir dir;
    write_station(dir, stations[1]);
    auto r = villagecast({"snapcast", "config", dir.path().string()});
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.out == expected[0]);
    // --station, or the environment, chooses the station as for every command.
    CHECK(villagecast({"snapcast", "config", "-s", dir.path().string()}).out == expected[0]);
    CHECK(villagecast({"snapcast", "config"}, {{"VILLAGECAST_STATION", dir.path().string()}}).out ==
          expected[0]);
}

TEST_CASE("snapcast config on a station without Snapcast zones says so and succeeds") {
    TempDir dir;
    write_station(dir, "name = \"羊市镇广播站\"\nzones = [\"羊市村\", \"大坪村\"]\n");
    auto r = villagecast({"snapcast", "config", dir.path().string()});
    CHECK(r.exit_code == 0);
    CHECK(r.out ==
          "# 羊市镇广播站 has no Snapcast zones (a [[zone]] in station.toml whose output is\n"
          "# \"snapcast:STREAM\", or [output] device = \"snapcast:STREAM\"): there is nothing\n"
          "# to add to snapserver.conf.\n");
    auto wrong = villagecast({"snapcast", "streams", dir.path().string()});
    CHECK(wrong.exit_code == 2);
    CHECK(wrong.err.find("unknown action 'streams' (config)") != std::string::npos);
    write_station(dir, "[[zone]]\nname = \"a\"\noutput = \"snapcast:a b\"\n");
    auto broken = villagecast({"snapcast", "config", dir.path().string()});
    CHECK(broken.exit_code == 1);
    CHECK(broken.err.find("station.toml:3:10: error: `output` in [[zone]] #1") !=
          std::string::npos);
}

TEST_CASE("check accepts a group in a broadcast's zones, refuses an unknown one, shows zones") {
    const auto stations = vc::test::doc_blocks("zones.md", "toml");
    REQUIRE(stations.size() == 4);
    const std::string broadcast =
        "[[broadcast]]\nid = \"notice\"\nclip = \"通知\"\nat = \"19:30\"\nzones = ";
    TempDir dir;
    write_station(dir, stations[3], broadcast + "[\"east\", \"村委会\"]\n");
    auto ok = villagecast({"check", "-s", dir.path().string(), "--today", "2026-12-01"});
    INFO(ok.out << ok.err);
    CHECK(ok.exit_code == 0);
    const auto shown = vc::test::doc_blocks("zones.md", "text");
    REQUIRE(shown.size() == 1);
    CHECK(ok.out.find(shown[0]) != std::string::npos);  // as docs/zones.md shows it

    write_station(dir, stations[3], broadcast + "[\"east\", \"west\"]\n");
    auto bad = villagecast({"check", "-s", dir.path().string(), "--today", "2026-12-01"});
    INFO(bad.out << bad.err);
    CHECK(bad.exit_code == 1);
    CHECK(bad.out.find("schedule.toml:5:18: error: unknown zone \"west\" (station.toml declares "
                       "zones 李家村, 王家村, 村委会 and group east; \"all\" means every "
                       "zone)") != std::string::npos);
}
