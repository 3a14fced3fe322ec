// villagecast play: one playlist (or clip) now, through the station's output.

#include <atomic>
#include <csignal>
#include <iostream>

#include "app/commands.hpp"
#include "audio/outputs/output_factory.hpp"
#include "audio/stream/player.hpp"
#include "cli/commands.hpp"
#include "cli/daemon_client.hpp"
#include "cli/format.hpp"
#include "control/control_client.hpp"
#include "core/clock.hpp"
#include "engine/realtime_chain.hpp"
#include "engine/station_outputs.hpp"
#include "station/station_files.hpp"

namespace vc::app {

using namespace cli;  // the commands' vocabulary: Args, CommandLine, parse, exit codes

namespace {
std::atomic<bool> stop_requested{false};
extern "C" void on_stop_signal(int) {
    stop_requested = true;
}
}  // namespace

int run_play(const Args& args) {
    CommandLine line{"play", "PLAYLIST | --clip ID [--output SPEC]",
                     "Plays a playlist (or one clip) now through the station's output\n"
                     "([output] device in station.toml) or the output given with --output:\n"
                     "`default`, a device name or number (see `villagecast devices`), `null`,\n"
                     "`wav:FILE`, `flac:FILE` or `snapcast:STREAM` (a stream of the station's).\n"
                     "Ctrl-C fades it out over half a second.\n"
                     "While `villagecast run` runs the station, it airs through that daemon\n"
                     "instead, as a manual airing in the as-run log (by the conflict rules, at\n"
                     "--priority), with an operator's token (--token or $VILLAGECAST_TOKEN)."};
    line.options.add_options()("playlist", po::value<std::string>(), "the playlist's name")(
        "clip", po::value<std::string>()->value_name("ID"), "play one clip instead")(
        "output", po::value<std::string>()->value_name("SPEC"), "where to play it")(
        "priority", po::value<std::string>()->default_value("notice"),
        "through a running daemon: emergency, urgent, notice, routine or background")(
        "token", po::value<std::string>()->value_name("TOKEN"),
        "through a running daemon: an operator's token");
    line.positional.add("playlist", 1);
    line.examples =
        "  villagecast play meeting-call\n  villagecast play --clip 应急/防汛演练 --output null\n";
    auto parsed = parse(line, args);
    if (parsed.help) return exit_ok;
    bool is_clip = parsed.values.count("clip") != 0;
    if (is_clip == (parsed.values.count("playlist") != 0))
        throw UsageError("play: name a playlist or --clip ID (one of them)");
    std::string what = is_clip ? parsed.values["clip"].as<std::string>()
                               : parsed.values["playlist"].as<std::string>();

    if (parsed.values.count("output") == 0 && control::station_daemon_running(parsed.station)) {
        // The daemon owns the output: ask it, so the airing obeys the conflict rules and is
        // logged with who asked.
        auto client = daemon_client(parsed);
        nlohmann::json body{{is_clip ? "clip" : "playlist", what},
                            {"priority", parsed.values["priority"].as<std::string>()}};
        auto r = client.call(boost::beast::http::verb::post, "/api/broadcast", body);
        std::cout << "the station's daemon airs " << what << " as " << r.value("broadcast", "")
                  << " (see `villagecast status`)\n";
        return exit_ok;
    }
    auto files = station::load_station_files(parsed.station, cli::terminal_progress());
    auto timeline = station::timeline_for(files, what, is_clip);
    std::string spec = parsed.values.count("output") != 0
                           ? parsed.values["output"].as<std::string>()
                           : files.station.output.device;
    SystemClock clock;
    audio::OutputOptions options = engine::station_output_options(files.station);
    options.clock = &clock;  // `null` keeps real time, as a sound card would
    auto output = audio::make_output(spec, options);

    std::signal(SIGINT, on_stop_signal);
    std::signal(SIGTERM, on_stop_signal);
    // This thread feeds the output; the clips are decoded ahead on a thread of their own.
    const auto scheduling = engine::make_feeder_realtime(spec);
    std::cout << "playing " << what << " ("
              << format_frames_as_time(timeline.length, timeline.format.sample_rate) << ") on "
              << output->name() << ", fed at " << scheduling.how << std::endl;
    auto result = audio::play(timeline, *output, stop_requested);
    std::cout << (result.stopped ? "stopped after " : "played ")
              << format_frames_as_time(result.frames, timeline.format.sample_rate);
    if (result.underruns > 0) std::cout << ", " << result.underruns << " underruns";
    if (result.read_ahead_waits > 0 && !audio::is_file_output(spec))
        std::cout << ", waited " << result.read_ahead_waits
                  << " times for the clips to be read (a slow disk or a busy processor)";
    std::cout << '\n';
    return exit_ok;
}

}  // namespace vc::app
