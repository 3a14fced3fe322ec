// villagecast check: every problem in the station's files, as file:line:col: message.

#include <algorithm>
#include <iostream>
#include <map>

#include "cli/commands.hpp"
#include "core/text_width.hpp"
#include "playlists/playlist_check.hpp"
#include "scheduler/schedule_file.hpp"
#include "speech/pronunciations.hpp"
#include "station/schedule_wiring.hpp"
#include "station/zone_resolution.hpp"
#include "station/zone_routing.hpp"

namespace vc::cli {

namespace {

/// Paths in messages are relative to the station folder, as a clerk sees them.
std::string relative_name(const std::string& file, const std::filesystem::path& root) {
    std::filesystem::path p(file);
    if (p.is_absolute()) {
        auto rel = p.lexically_relative(root);
        if (!rel.empty() && rel.native().rfind("..", 0) != 0) return rel.generic_string();
    }
    return file;
}

/// The zones with their outputs, and the groups; nothing for a station without zones.
void print_zones(std::ostream& out, const station::Station& st) {
    if (st.zones.empty()) return;
    std::map<std::string, int> ports;
    for (const auto& s : station::snapcast_streams(st)) ports[s.zone] = s.port;
    int width = 0;
    for (const auto& z : st.zones) width = std::max(width, display_width(z.name));
    out << st.zones.size() << (st.zones.size() == 1 ? " zone" : " zones") << ":\n";
    for (const auto& z : st.zones) {
        out << "  " << pad_right(z.name, width) << "  " << station::describe_zone_output(z.output);
        if (auto p = ports.find(z.name); p != ports.end())
            out << " (tcp://" << st.snapcast.host << ':' << p->second << ')';
        if (auto why = station::unreachable_zone(st, z.name))
            out << ": cannot air, its airings are logged as failed (" << *why << ')';
        out << '\n';
    }
    out << "groups: all (every zone)";
    for (const auto& g : st.groups) {
        out << "; " << g.name << " (";
        for (std::size_t i = 0; i < g.zones.size(); ++i) out << (i ? ", " : "") << g.zones[i];
        out << ')';
    }
    out << '\n';
}

}  // namespace

int run_check(const Args& args) {
    CommandLine line{
        "check", "[--today DATE]",
        "Checks station.toml, every playlist, every calendar and every schedule file\n"
        "together, and prints every problem as `file:line:col: message`. Exit status 1\n"
        "when anything is wrong, 0 when all is well (warnings, such as a one-shot\n"
        "already in the past, do not fail the check). Each schedule file is also\n"
        "reported on its own: the daemon loads them separately, so one broken file\n"
        "does not stop the others from airing."};
    line.options.add_options()("today", po::value<std::string>()->value_name("DATE"),
                               "check as if today were DATE (YYYY-MM-DD; default: today in the "
                               "station's time zone)");
    line.examples = "  villagecast check -s /srv/yangshi\n";
    auto parsed = parse(line, args);
    if (parsed.help) return exit_ok;

    station::StationFiles files = station::load_station_files(
        parsed.station, cli::terminal_progress());  // station.toml errors throw
    const auto* zone = station::station_zone(files.station);
    auto today = parsed.values.count("today") != 0
                     ? parse_date_option(parsed.values["today"].as<std::string>(), "--today")
                     : cli::today_in(zone);

    Diagnostics diags;
    diags.append(files.diagnostics);
    for (const auto& [name, playlist] : files.playlists)
        if (playlist.ok) playlists::check_playlist(playlist, files.library, files.station, diags);
    Diagnostics calendar_diags;
    auto ctx = station::schedule_context(files, today, calendar_diags);
    diags.append(calendar_diags);
    auto schedule = scheduler::load_schedule(files.station.root, ctx);
    diags.append(scheduler::all_diagnostics(schedule));
    // The station's pronunciation dictionary (tts/pronunciations.toml), read as `say` reads it.
    auto dictionary = speech::Pronunciations::builtin();
    Diagnostics dictionary_diags;
    const auto words =
        speech::read_station_pronunciations(files.station.root, dictionary, dictionary_diags);
    diags.append(dictionary_diags);

    std::size_t errors = 0, warnings = 0;
    for (auto d : diags.items()) {
        d.file = relative_name(d.file, files.station.root);
        std::cout << d.str() << '\n';
        (d.severity == Diagnostic::Severity::error ? errors : warnings)++;
    }
    if (!diags.empty()) std::cout << '\n';

    std::size_t broadcasts = 0;
    for (const auto& f : schedule) {
        std::size_t n = f.broadcasts.size();
        broadcasts += f.ok() ? n : 0;
        std::cout << f.display_name << ": ";
        if (f.ok()) {
            std::cout << "ok, " << n << (n == 1 ? " broadcast\n" : " broadcasts\n");
        } else {
            std::cout << f.diagnostics.error_count() << " error(s): this file will not air until "
                      << "it is fixed; the other files are not affected\n";
        }
    }
    if (schedule.empty())
        std::cout << "no schedule.toml or schedule.d/*.toml: nothing is scheduled\n";
    print_zones(std::cout, files.station);
    if (std::filesystem::exists(speech::station_pronunciations_file(files.station.root))) {
        std::cout << "tts/pronunciations.toml: ";
        if (dictionary_diags.has_errors())
            std::cout << dictionary_diags.error_count()
                      << " error(s): `say` will not speak until it is fixed\n";
        else
            std::cout << "ok, " << words << (words == 1 ? " word\n" : " words\n");
    }
    std::cout << files.playlists.size() << " playlists, " << files.library.clips().size()
              << " clips, " << broadcasts << " broadcasts that will air; " << errors
              << " error(s), " << warnings << " warning(s)\n";
    return errors > 0 ? exit_problem : exit_ok;
}

}  // namespace vc::cli
