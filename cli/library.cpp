// villagecast library: every clip with its format, length, loudness, checksum and status.

#include <cmath>
#include <cstdio>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/format.hpp"
#include "core/text_width.hpp"
#include "library/library.hpp"
#include "station/station.hpp"
#include "station/station_files.hpp"

namespace vc::cli {

int run_library(const Args& args) {
    CommandLine line{
        "library", "[--format table|csv|json] [--problems]",
        "Lists every clip under the station's clips/ folder: its id (the path under\n"
        "clips/ without the extension), format, channels, sample rate, duration,\n"
        "integrated loudness (EBU R128, LUFS), true peak (dBTP), SHA-256 and whether it\n"
        "can air. A file that cannot air is listed with the reason. The analysis is\n"
        "remembered in state/library-index.json, so a rescan only looks at new or\n"
        "changed files. Exit status 1 when any clip has a problem."};
    line.options.add_options()("format", po::value<std::string>()->default_value("table"),
                               "table, csv or json")("problems", "list only clips with a problem");
    line.examples = "  villagecast library -s /srv/yangshi\n  villagecast library --problems\n";
    auto parsed = parse(line, args);
    if (parsed.help) return exit_ok;
    auto format = parse_format(parsed.values["format"].as<std::string>(), "library");
    bool only_problems = parsed.values.count("problems") != 0;

    auto files = station::load_station_files(parsed.station, cli::terminal_progress());
    const auto& library = files.library;
    for (const auto& w : library.warnings()) std::cerr << "warning: " << w << '\n';

    Table table{
        {"id", "format", "decoder", "ch", "rate", "duration", "LUFS", "peak", "sha256", "status"},
        {},
        {3, 4, 5, 6, 7}};
    bool any_problem = false;
    for (const auto& c : library.clips()) {
        if (!c.ok) any_problem = true;
        if (only_problems && c.ok) continue;
        const auto& a = c.analysis;
        bool analysed = a.sample_rate > 0;
        auto num = [](double v, const char* fmt) {
            if (!std::isfinite(v)) return std::string("-inf");
            char buf[32];
            std::snprintf(buf, sizeof buf, fmt, v);
            return std::string(buf);
        };
        table.rows.push_back({
            c.id,
            analysed ? a.format : "-",
            analysed ? a.decoder : "-",
            analysed ? std::to_string(a.channels) : "-",
            analysed ? std::to_string(a.sample_rate) : "-",
            analysed ? format_frames_as_time(a.frames, a.sample_rate) : "-",
            analysed ? num(a.integrated_lufs, "%.1f") : "-",
            analysed ? num(a.true_peak_dbtp, "%.1f") : "-",
            format == OutputFormat::table ? a.sha256.substr(0, 12) : a.sha256,
            c.ok ? "ok" : c.problem,
        });
    }
    print_table(std::cout, table, format);
    if (format == OutputFormat::table) {
        std::size_t ok = 0;
        for (const auto& c : library.clips()) ok += c.ok ? 1 : 0;
        std::cout << library.clips().size() << " files, " << ok << " can air, "
                  << library.clips().size() - ok << " with a problem\n";
    }
    return any_problem ? exit_problem : exit_ok;
}

}  // namespace vc::cli
