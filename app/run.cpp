// villagecast run: the daemon. Plays every occurrence at its time and keeps the as-run log.

#include <iostream>
#include <sstream>
#include <vector>

#include "app/commands.hpp"
#include "app/realtime_run.hpp"
#include "app/simulated_run.hpp"
#include "asrun/asrun_writer.hpp"
#include "cli/commands.hpp"
#include "core/log.hpp"
#include "engine/service.hpp"
#include "engine/simulated_chain.hpp"
#include "engine/station_outputs.hpp"
#include "os/command_runner.hpp"
#include "os/state_lock.hpp"
#include "scheduler/date_text.hpp"
#include "scheduler/local_time.hpp"
#include "speech/espeak_engine.hpp"
#include "station/schedule_wiring.hpp"
#include "station/station_state.hpp"

namespace vc::app {

using namespace cli;  // the commands' vocabulary: Args, CommandLine, parse, exit codes

namespace {

/// "2026-12-01T06:00" (or with seconds) in the station's zone.
Instant parse_local(const std::string& text, const date::time_zone* zone) {
    if (auto t = scheduler::parse_local_date_time(text)) return scheduler::to_instant(*zone, *t);
    throw UsageError(
        "run: --simulate wants FROM/TO as local times like 2026-12-01T06:00/2026-12-02T06:00, not "
        "'" +
        text + "'");
}

bool is_file_or_null(const std::string& spec) {
    return spec == "null" || spec.rfind("wav:", 0) == 0 || spec.rfind("flac:", 0) == 0;
}

}  // namespace

int run_run(const Args& args) {
    CommandLine line{
        "run", "[--simulate FROM/TO] [--output SPEC] [--audit FILE] [--append] [--aircheck DIR]",
        "Runs the station: plays every scheduled occurrence at its time through the\n"
        "output, by the schedule's priority and conflict rules, and records what aired\n"
        "in the as-run log (state/audit.db). It stays up: SIGHUP or editing the\n"
        "station's files reloads them (a file with an error keeps its last good\n"
        "version); SIGTERM or Ctrl-C fades out what airs and stops.\n\n"
        "--simulate FROM/TO runs the same daemon on a virtual clock, as fast as the\n"
        "machine allows, between two local times. It never touches the station's real\n"
        "log: it writes state/simulated.db (replaced each run unless --append), or the\n"
        "file --audit names. Its output is null unless --output names a file, which\n"
        "then holds the continuous output from FROM (a day is 16 GB: keep it short).\n"
        "A simulated run switches no amplifier: it runs [output] before/after only\n"
        "with --amp-commands (to try them, at simulated speed)."};
    line.options.add_options()("simulate", po::value<std::string>()->value_name("FROM/TO"),
                               "run on a virtual clock between two local times")(
        "output", po::value<std::string>()->value_name("SPEC"),
        "where sound goes: default, a device, null, wav:FILE, flac:FILE, snapcast:STREAM")(
        "audit", po::value<std::string>()->value_name("FILE"), "write the as-run log here")(
        "append", "simulation: add to the log instead of replacing it")(
        "aircheck", po::value<std::string>()->value_name("DIR"),
        "simulation: record each airing as FLAC in DIR (a real run records when station.toml "
        "says aircheck = true)")("amp-commands",
                                 "simulation: run the amplifier commands of [output] too")(
        "verbose,v", "log debug lines too");
    line.examples =
        "  villagecast run -s /srv/yangshi\n"
        "  villagecast run --simulate 2026-12-01T06:00/2026-12-02T06:00\n"
        "  villagecast run --simulate 2026-12-03T19:29/2026-12-03T19:35 --output wav:call.wav\n";
    auto parsed = parse(line, args);
    if (parsed.help) return exit_ok;
    const std::string version = VILLAGECAST_VERSION;
    if (parsed.values.count("verbose") != 0) set_log_level(Level::debug);
    // The run's threads forbid forking it for each text it speaks: a fresh villagecast speaks.
    speech::EspeakEngine::use_worker({"/proc/self/exe", "espeak-worker"});

    if (parsed.values.count("simulate") == 0) {
        os::StateLock lock(parsed.station / "state");
        SystemClock clock;
        station::StationState station(
            parsed.station,
            cli::today_in(station::station_zone(station::load_station(parsed.station))));
        auto audit_file = parsed.values.count("audit") != 0
                              ? std::filesystem::path(parsed.values["audit"].as<std::string>())
                              : asrun::LogStore::path_in_station(parsed.station);
        asrun::AsrunWriter audit(audit_file, clock);
        std::string spec = parsed.values.count("output") != 0
                               ? parsed.values["output"].as<std::string>()
                               : station.station().output.device;
        engine::ServiceOptions options;
        // Pages are always recorded (what was said live is kept); other airings when
        // station.toml says aircheck = true.
        auto recorder = std::make_unique<engine::AircheckRecorder>(
            station.station().aircheck_dir(), station.station().output_format());
        options.aircheck = recorder.get();
        options.aircheck_pages_only = !station.station().aircheck;
        app::RealtimeRun run(station, audit, clock, spec, options);
        return run.run(version);
    }

    auto window = parsed.values["simulate"].as<std::string>();
    auto slash = window.find('/');
    if (slash == std::string::npos)
        throw UsageError("run: --simulate wants FROM/TO, e.g. 2026-12-01T06:00/2026-12-02T06:00");
    const auto* zone = station::station_zone(station::load_station(parsed.station));
    Instant from = parse_local(window.substr(0, slash), zone);
    Instant to = parse_local(window.substr(slash + 1), zone);
    if (to <= from) throw UsageError("run: --simulate: TO must come after FROM");
    std::string spec =
        parsed.values.count("output") != 0 ? parsed.values["output"].as<std::string>() : "null";
    if (!is_file_or_null(spec))
        throw UsageError(
            "run: a simulated run plays to null or to a file (wav:FILE, flac:FILE), not to '" +
            spec + "'");

    ManualClock clock(from);
    auto local_day = date::floor<date::days>(
        date::make_zoned(zone, std::chrono::sys_time<std::chrono::milliseconds>(from))
            .get_local_time());
    station::StationState station(parsed.station, local_day);
    auto audit_file = parsed.values.count("audit") != 0
                          ? std::filesystem::path(parsed.values["audit"].as<std::string>())
                          : parsed.station / "state" / "simulated.db";
    if (parsed.values.count("append") == 0) {
        for (const char* suffix : {"", "-wal", "-shm"})
            std::filesystem::remove(audit_file.string() + suffix);
    }
    asrun::AsrunWriter audit(audit_file, clock);
    std::vector<audio::AudioFormat> more;  // the zones' other outputs, heard by no one here
    for (const auto& o : engine::more_outputs(station.station())) more.push_back(o.format);
    engine::SimulatedChain chain(spec, station.station().output_format(), station.station().ceiling,
                                 station.station().duck_db, from, more);
    engine::ServiceOptions options;
    options.keep_output_open = true;
    std::unique_ptr<engine::AircheckRecorder> recorder;
    if (parsed.values.count("aircheck") != 0) {
        recorder = std::make_unique<engine::AircheckRecorder>(
            parsed.values["aircheck"].as<std::string>(), station.station().output_format(),
            engine::AircheckRecorder::WhenBehind::wait);  // faster than real time: wait for it
        options.aircheck = recorder.get();
        chain.set_tap(
            [rec = recorder.get()](std::int64_t first, const float* samples, std::int64_t frames) {
                rec->record(first, samples, frames);
            });
    }
    os::InlineCommandLauncher commands;
    if (parsed.values.count("amp-commands") != 0) options.commands = &commands;
    engine::Service service(station, audit, chain, clock, options);
    app::run_simulated(service, chain, clock, to, version);
    std::cout << "simulated " << window << "; as-run log: " << audit_file.string() << '\n';
    return exit_ok;
}

}  // namespace vc::app
