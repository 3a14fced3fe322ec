// The monthly broadcast record as CSV for spreadsheets.

#include "asrun/report_format.hpp"
#include "core/csv.hpp"

namespace vc::asrun {

std::string format_report_csv(const MonthlyReport& report, std::string_view station) {
    const ReportPeriod& p = report.period;
    std::string out(utf8_bom);
    out += csv_row({"record", "station", "first_day", "last_day", "time_zone", "log_rows",
                    "head_hash", "open"});
    out += csv_row({"broadcast record", std::string(station), format_day(p.first_day),
                    format_day(p.last_day), std::string(p.zone ? p.zone->name() : "UTC"),
                    std::to_string(report.head.rows), report.head.hash,
                    std::to_string(report.total.open)});

    out += "\r\n";
    out += csv_row({"broadcast", "scheduled", "on_time", "late", "interrupted", "partial", "missed",
                    "failed", "air_time"});
    auto counts = [&](const BroadcastCounts& c, const std::string& name) {
        out += csv_row({name, std::to_string(c.scheduled), std::to_string(c.on_time),
                        std::to_string(c.late), std::to_string(c.interrupted),
                        std::to_string(c.partial), std::to_string(c.missed),
                        std::to_string(c.failed), format_air_time(c.air_time)});
    };
    for (const auto& c : report.broadcasts) counts(c, c.broadcast);
    counts(report.total, "(total)");
    if (!report.zones.empty()) {
        out += "\r\n";
        out += csv_row({"village", "scheduled", "on_time", "late", "interrupted", "partial",
                        "missed", "failed", "air_time"});
        for (const auto& c : report.zones) counts(c, c.broadcast);
    }

    out += "\r\n";
    out += csv_row({"manual_time", "operator", "trigger", "airing", "broadcast", "playlist", "clip",
                    "priority", "status", "final", "air_time", "reason"});
    for (const auto& m : report.manual)
        out +=
            csv_row({format_report_time(m.time, p.zone), m.operator_name, m.trigger, m.airing,
                     m.broadcast, m.playlist, m.clip, m.priority, std::string(to_string(m.status)),
                     m.final ? "true" : "false", format_air_time(m.air_time), m.reason});

    if (!report.reception.empty()) {
        out += "\r\n";
        out += csv_row({"reception_time", "village", "broadcast", "status", "known", "heard_by",
                        "receivers", "missing"});
        for (const auto& r : report.reception)
            out += csv_row({format_report_time(r.time, p.zone), r.village, r.broadcast,
                            std::string(to_string(r.status)), r.known ? "true" : "false",
                            r.known ? std::to_string(r.heard) : "",
                            r.known ? std::to_string(r.of) : "", format_missing(r, p.zone)});
    }
    return out;
}

}  // namespace vc::asrun
