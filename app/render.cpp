// villagecast render: one playlist (or clip) into a WAV or FLAC file, offline.

#include <iostream>

#include "app/commands.hpp"
#include "audio/outputs/render_to_file.hpp"
#include "cli/commands.hpp"
#include "cli/format.hpp"
#include "station/station_files.hpp"

namespace vc::app {

using namespace cli;  // the commands' vocabulary: Args, CommandLine, parse, exit codes

int run_render(const Args& args) {
    CommandLine line{
        "render", "PLAYLIST -o FILE | --clip ID -o FILE",
        "Renders a playlist exactly as it would air (chime, items, repeats, gaps,\n"
        "outro, bed, loudness normalisation and the limiter) into a file: WAV or FLAC\n"
        "by the file's extension, at the station's output rate and channels."};
    line.options.add_options()("playlist", po::value<std::string>(), "the playlist's name")(
        "clip", po::value<std::string>()->value_name("ID"), "render one clip instead")(
        "output,o", po::value<std::string>()->value_name("FILE")->required(),
        "the file to write (.wav or .flac)");
    line.positional.add("playlist", 1);
    line.examples =
        "  villagecast render meeting-call -o meeting-call.wav\n"
        "  villagecast render --clip 通知/院坝会 -o notice.flac\n";
    auto parsed = parse(line, args);
    if (parsed.help) return exit_ok;
    bool is_clip = parsed.values.count("clip") != 0;
    if (is_clip == (parsed.values.count("playlist") != 0))
        throw UsageError("render: name a playlist or --clip ID (one of them)");
    std::string what = is_clip ? parsed.values["clip"].as<std::string>()
                               : parsed.values["playlist"].as<std::string>();
    std::filesystem::path out = parsed.values["output"].as<std::string>();

    auto files = station::load_station_files(parsed.station, cli::terminal_progress());
    auto timeline = station::timeline_for(files, what, is_clip);
    if (out.has_parent_path()) std::filesystem::create_directories(out.parent_path());
    audio::render_to_file(timeline, out);
    std::cout << "rendered " << what << " ("
              << format_frames_as_time(timeline.length, timeline.format.sample_rate) << ", "
              << timeline.length << " frames at " << timeline.format.sample_rate << " Hz, "
              << timeline.format.channels << " channels) to " << out.string() << '\n';
    return exit_ok;
}

}  // namespace vc::app
