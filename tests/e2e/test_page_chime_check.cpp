// `villagecast check` and the station's page_chime: a chime that is not in the library, or
// cannot air, is named at its line in station.toml.

#include <catch2/catch.hpp>

#include "tests/support/fixtures.hpp"
#include "tests/support/run_command.hpp"

using vc::test::TempDir;
using vc::test::villagecast;

TEST_CASE("check names a page_chime that is missing or broken at its line in station.toml") {
    TempDir dir;
    vc::test::write_bytes(dir / "station.toml",
                          "name = \"t\"\n[output]\ndevice = \"null\"\n[page]\n"
                          "page_max = \"1m\"\npage_chime = \"chime/ding\"\n");
    auto missing = villagecast({"check", "-s", dir.path().string(), "--today", "2026-12-01"});
    INFO(missing.out << missing.err);
    CHECK(missing.exit_code == 1);
    CHECK(missing.out.find("station.toml:6:14: error: `page_chime` in [page]: no clip "
                           "`chime/ding` in clips/") != std::string::npos);

    vc::test::write_bytes(dir / "clips/chime/ding.wav", "RIFF, but not a sound");
    auto broken = villagecast({"check", "-s", dir.path().string(), "--today", "2026-12-01"});
    INFO(broken.out << broken.err);
    CHECK(broken.exit_code == 1);
    CHECK(broken.out.find("station.toml:6:14: error: `page_chime` in [page]: clip `chime/ding` "
                          "(clips/chime/ding.wav) cannot air") != std::string::npos);

    vc::test::write_tone(dir / "clips/chime/ding.wav", 48000, 1, 0.5);
    auto ok = villagecast({"check", "-s", dir.path().string(), "--today", "2026-12-01"});
    INFO(ok.out << ok.err);
    CHECK(ok.exit_code == 0);
}
