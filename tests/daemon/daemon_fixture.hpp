#pragma once
// The daemon's parts wired as `villagecast run --simulate` wires them, on a generated station.

#include <fstream>

#include "app/simulated_run.hpp"
#include "asrun/airings.hpp"
#include "asrun/log_store.hpp"
#include "engine/service.hpp"
#include "engine/simulated_chain.hpp"
#include "scheduler/date_text.hpp"
#include "scheduler/local_time.hpp"
#include "station/station_state.hpp"
#include "tests/support/fixtures.hpp"

namespace vc::test {

inline void write_text(const std::filesystem::path& p, const std::string& text) {
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
}

inline Instant local(const std::string& text) {
    return scheduler::to_instant(*date::locate_zone("Asia/Shanghai"),
                                 *scheduler::parse_local_date_time(text));
}

/// A station whose playlist `tone` lasts exactly 5 s, and the given schedule.
inline void make_station(const std::filesystem::path& root, const std::string& schedule) {
    write_text(root / "station.toml",
               "name = \"step\"\ntimezone = \"Asia/Shanghai\"\n[output]\ndevice = \"null\"\n"
               "sample_rate = 48000\nchannels = 1\n");
    test::write_tone(root / "clips/tone.wav", 48000, 1, 5.0, 440.0, 0.3);
    write_text(root / "playlists/tone.toml", "intro = \"\"\n[[item]]\nclip = \"tone\"\n");
    write_text(root / "schedule.toml", schedule);
}

/// The daemon's parts, wired as `villagecast run --simulate` wires them.
struct Daemon {
    Daemon(const std::filesystem::path& root, Instant from, const std::string& output = "null",
           engine::AircheckRecorder* aircheck = nullptr)
        : clock(from),
          station(root, date::floor<date::days>(
                            scheduler::to_local(*date::locate_zone("Asia/Shanghai"), from))),
          audit(root / "state/test.db", clock),
          chain(output, station.station().output_format(), -1.0, -15.0, from),
          service(station, audit, chain, clock, options(aircheck)),
          run(service, chain, clock) {}
    static engine::ServiceOptions options(engine::AircheckRecorder* aircheck) {
        engine::ServiceOptions o;
        o.keep_output_open = true;
        o.aircheck = aircheck;
        return o;
    }
    std::vector<asrun::AiringRow> rows() { return asrun::list_airings(audit.store()); }

    ManualClock clock;
    station::StationState station;
    asrun::AsrunWriter audit;
    engine::SimulatedChain chain;
    engine::Service service;
    app::SimulatedRun run;
};

}  // namespace vc::test
