// villagecast villages: the villages' receivers as snapserver knows them (which village each
// one plays, connected or not, last seen), and putting a receiver on its village's stream.

#include <algorithm>
#include <iostream>

#include <date/date.h>
#include <date/tz.h>

#include "cli/commands.hpp"
#include "cli/format.hpp"
#include "core/diagnostic.hpp"
#include "snapcast/server_status.hpp"
#include "station/schedule_wiring.hpp"
#include "station/station.hpp"
#include "station/zone_resolution.hpp"

namespace vc::cli {
namespace {

std::string seen_text(std::int64_t unix_seconds, const date::time_zone* zone) {
    if (unix_seconds <= 0) return "never";
    const date::zoned_seconds local(zone, date::sys_seconds(std::chrono::seconds(unix_seconds)));
    return date::format("%F %T", local);
}

void list(const station::Station& st, const snapcast::ServerStatus& status, OutputFormat format) {
    const auto* zone = station::station_zone(st);
    Table table{{"receiver", "name", "village", "stream", "connected", "last seen"}, {}, {}};
    for (const auto& r : status.receivers) {
        std::string village = station::village_of_stream(st, r.stream);
        if (village.empty()) village = "(no village: stream not in station.toml)";
        table.rows.push_back({r.id, r.name, village, r.stream, r.connected ? "yes" : "no",
                              r.connected ? "now" : seen_text(r.last_seen, zone)});
    }
    print_table(std::cout, table, format);
    if (format == OutputFormat::table && status.receivers.empty())
        std::cout << "(snapserver knows no receivers yet: start snapclient on each village's "
                     "receiver, pointed at this server)\n";
}

}  // namespace

int run_villages(const Args& args) {
    CommandLine line{
        "villages", "[list] | assign RECEIVER VILLAGE",
        "Lists the villages' receivers (snapclient) that snapserver knows: the village whose\n"
        "stream each plays, whether it is connected, when it was last seen. `assign` puts a\n"
        "receiver (its host ID or name) on a village's stream, alone in a group of its own;\n"
        "snapserver remembers it when the receiver reconnects. Talks to snapserver at\n"
        "[snapcast] host and control_port in station.toml. How to wire villages: docs/zones.md."};
    line.options.add_options()("action", po::value<std::string>()->default_value("list"),
                               "list or assign")("receiver", po::value<std::string>(),
                                                 "assign: the receiver's host ID or name")(
        "village", po::value<std::string>(), "assign: the village (a Snapcast zone)")(
        "format", po::value<std::string>()->default_value("table"), "list: table, csv or json");
    line.positional.add("action", 1).add("receiver", 1).add("village", 1);
    line.examples =
        "  villagecast villages\n"
        "  villagecast villages assign wangjia-1 王家村\n";
    auto parsed = parse(line, args);
    if (parsed.help) return exit_ok;
    const auto action = parsed.values["action"].as<std::string>();
    if (action != "list" && action != "assign")
        throw UsageError("villages: unknown action '" + action + "' (list or assign)");
    const auto format = parse_format(parsed.values["format"].as<std::string>(), "villages");
    const auto st = station::load_station(parsed.station);
    const snapcast::ControlAddress address{st.snapcast.host, st.snapcast.control_port};
    if (action == "list") {
        list(st, snapcast::server_status(address), format);
        return exit_ok;
    }
    if (parsed.values.count("receiver") == 0 || parsed.values.count("village") == 0)
        throw UsageError("villages assign: name the receiver and the village");
    const auto receiver = parsed.values["receiver"].as<std::string>();
    const auto village = parsed.values["village"].as<std::string>();
    const auto streams = station::snapcast_streams(st);
    const auto it = std::find_if(streams.begin(), streams.end(), [&](const auto& s) {
        return !s.zone.empty() && s.zone == village;
    });
    if (it == streams.end()) {
        std::string known;
        for (const auto& s : streams)
            if (!s.zone.empty()) known += (known.empty() ? "" : ", ") + s.zone;
        throw UserError(
            "villages assign: \"" + village + "\" is not a Snapcast zone of " + st.file().string() +
            (known.empty() ? " (it has none)" : " (its Snapcast zones: " + known + ")"));
    }
    const auto r = snapcast::assign_receiver(address, receiver, it->stream);
    std::cout << "receiver " << r.id << " now plays " << village << " (stream " << r.stream
              << ")\n";
    return exit_ok;
}

}  // namespace vc::cli
