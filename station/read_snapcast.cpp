// station.toml's [snapcast]: the snapserver that carries the Snapcast zones to the villages, and
// the TCP ports of their streams, checked against snapserver's own ports.

#include <algorithm>

#include "station/read_values.hpp"
#include "station/section_readers.hpp"
#include "station/zone_resolution.hpp"

namespace vc::station {
namespace {

/// A dotted IPv4 address: four numbers 0..255.
bool is_ipv4(const std::string& text) {
    int parts = 0;
    std::size_t i = 0;
    while (i <= text.size()) {
        std::size_t digits = 0;
        int value = 0;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9' && digits < 4) {
            value = value * 10 + (text[i] - '0');
            ++i;
            ++digits;
        }
        if (digits == 0 || digits > 3 || value > 255) return false;
        ++parts;
        if (i == text.size()) break;
        if (text[i] != '.') return false;
        ++i;
    }
    return parts == 4;
}

void read_host(TomlTable& t, std::string& out) {
    auto host = t.get_string("host");
    if (!host) return;
    if (!is_ipv4(*host)) {
        // snapserver 0.26 splits a tcp:// source at ':' and binds the address as written.
        t.error_at("host", "`host` in [snapcast]: \"" + *host +
                               "\" is not an IPv4 address; write snapserver's address, e.g. "
                               "\"127.0.0.1\" (snapserver takes no host names or IPv6 "
                               "addresses in its stream sources)");
        return;
    }
    out = *host;
}

void read_buffer(TomlTable& t, Millis& out) {
    auto buffer = t.get_duration("buffer");
    if (!buffer) return;
    if (*buffer < Millis(20) || *buffer > Millis(60'000)) {
        t.error_at("buffer",
                   "`buffer` in [snapcast] must be between 20ms and 60s "
                   "(snapserver's end-to-end buffer; its default is \"1000ms\")");
        return;
    }
    out = *buffer;
}

}  // namespace

void read_snapcast(TomlTable& t, SnapcastSettings& out) {
    read_host(t, out.host);
    read_ranged(t, "control_port", 1, 65535, "", out.control_port);
    read_ranged(t, "receiver_port", 1, 65535, "", out.receiver_port);
    read_buffer(t, out.buffer);
    read_ranged(t, "stream_port", 1, 65535, "", out.stream_port);
    t.report_unknown_keys();
}

void check_snapcast_ports(TomlTable& top, const Station& st) {
    const auto& sc = st.snapcast;
    const auto* table = top.table().get_as<toml::table>("snapcast");
    const auto* written = table ? table->get("stream_port") : nullptr;
    for (const auto& stream : snapcast_streams(st)) {
        const int port = stream.port;
        std::string problem;
        if (port > 65535) {
            problem = "there are no TCP ports left for its stream (ports " +
                      std::to_string(sc.stream_port) +
                      " and up, one per Snapcast zone); set a "
                      "lower `stream_port` in [snapcast]";
        } else if (port == sc.control_port || port == sc.receiver_port || port == 1780) {
            problem = "its stream would get TCP port " + std::to_string(port) +
                      ", which snapserver uses itself (" + std::to_string(sc.receiver_port) +
                      " for the receivers, " + std::to_string(sc.control_port) +
                      " for control, 1780 for HTTP); set `stream_port` in [snapcast] so that "
                      "the streams' ports (one per Snapcast zone, in order) miss them";
        }
        if (problem.empty()) continue;
        const auto zone = std::find_if(st.zones.begin(), st.zones.end(),
                                       [&](const Zone& z) { return z.name == stream.zone; });
        const SourcePos at = written                  ? pos_of(*written)
                             : zone != st.zones.end() ? zone->pos
                                                      : st.output.device_pos;
        top.error(at, (stream.zone.empty() ? "Snapcast stream \"" + stream.stream + "\""
                                           : "Snapcast zone \"" + stream.zone + "\"") +
                          ": " + problem);
        return;
    }
}

}  // namespace vc::station
