// villagecast snapcast config: the [stream] lines of snapserver.conf for the station's Snapcast
// zones. Debian 12's snapserver (0.26) cannot add streams at run time (Stream.AddStream was
// removed for CVE-2023-36177), so every stream is declared in its configuration file.

#include <iostream>

#include "cli/commands.hpp"
#include "station/station.hpp"
#include "station/zone_resolution.hpp"

namespace vc::cli {
namespace {

/// Each zone's finished sound, as the villages' receivers play it: 48 kHz, 16 bits, stereo.
constexpr std::string_view stream_format = "48000:16:2";

void print_config(std::ostream& out, const station::Station& st) {
    const auto streams = station::snapcast_streams(st);
    if (streams.empty()) {
        out << "# " << st.name
            << " has no Snapcast zones (a [[zone]] in station.toml whose output is\n"
               "# \"snapcast:STREAM\", or [output] device = \"snapcast:STREAM\"): there is "
               "nothing\n"
               "# to add to snapserver.conf.\n";
        return;
    }
    out << "# snapserver.conf for " << st.name << ", printed by `villagecast snapcast config`.\n"
        << "# Put these lines in the [stream] section of /etc/snapserver.conf and restart\n"
           "# snapserver; print them again whenever a Snapcast zone is added or renamed.\n"
           "# Each source is a TCP server (mode=server): snapserver listens on the port, and\n"
           "# villagecast connects to it to send the zone's sound as 48 kHz 16-bit stereo PCM\n"
           "# (codec=pcm: lossless, no encoding delay), read in 50 ms chunks (chunk_ms) so\n"
           "# that a busy moment of snapserver's does not move the villages' sound later.\n"
        << "[stream]\n"
        << "# villagecast sends each first sample this many milliseconds early ([snapcast]\n"
           "# buffer in station.toml): keep the two equal.\n"
        << "buffer = " << st.snapcast.buffer.count() << '\n';
    for (const auto& s : streams) {
        out << (s.zone.empty() ? "# the whole station ([output] device)" : "# zone " + s.zone)
            << '\n'
            << "source = tcp://" << st.snapcast.host << ':' << s.port << "?name=" << s.stream
            << "&mode=server&sampleformat=" << stream_format
            << "&codec=pcm&chunk_ms=" << station::SnapcastSettings::chunk.count() << '\n';
    }
}

}  // namespace

int run_snapcast(const Args& args) {
    CommandLine line{
        "snapcast", "config [STATION_DIR]",
        "Prints the [stream] lines of snapserver.conf (Debian 12's snapserver 0.26) for the\n"
        "station's Snapcast zones: one `source` a zone whose output is \"snapcast:STREAM\",\n"
        "on TCP ports from [snapcast] stream_port up, in zone order, each naming the zone it\n"
        "carries. A station with no Snapcast zones gets a line saying so (exit status 0).\n"
        "How to wire villages with Snapcast: docs/zones.md."};
    line.options.add_options()("action", po::value<std::string>()->default_value("config"),
                               "config")("dir", po::value<std::string>()->value_name("DIR"),
                                         "the station folder (as --station)");
    line.positional.add("action", 1).add("dir", 1);
    line.examples =
        "  villagecast snapcast config /srv/yangshi\n"
        "  villagecast snapcast config -s /srv/yangshi > /tmp/streams.conf\n";
    auto parsed = parse(line, args);
    if (parsed.help) return exit_ok;
    const auto action = parsed.values["action"].as<std::string>();
    if (action != "config") throw UsageError("snapcast: unknown action '" + action + "' (config)");
    auto root = parsed.station;
    if (parsed.values.count("dir") != 0) {
        if (parsed.values.count("station") != 0)
            throw UsageError("snapcast config: name the station once, as DIR or --station");
        root = std::filesystem::absolute(parsed.values["dir"].as<std::string>()).lexically_normal();
    }
    print_config(std::cout, station::load_station(root));  // station.toml errors throw
    return exit_ok;
}

}  // namespace vc::cli
