// The monthly broadcast record as aligned text for a terminal.

#include "asrun/export_format.hpp"
#include "asrun/report_format.hpp"
#include "core/text_width.hpp"

namespace vc::asrun {

namespace {

std::vector<std::string> counts_cells(const BroadcastCounts& c, std::string name) {
    return {std::move(name),          std::to_string(c.scheduled),   std::to_string(c.on_time),
            std::to_string(c.late),   std::to_string(c.interrupted), std::to_string(c.partial),
            std::to_string(c.missed), std::to_string(c.failed),      format_air_time(c.air_time)};
}

}  // namespace

std::string format_report_table(const MonthlyReport& report, std::string_view station) {
    const ReportPeriod& p = report.period;
    std::string out = "Broadcast record of " + std::string(station) + ", " +
                      format_day(p.first_day) + " to " + format_day(p.last_day) + " (" +
                      std::string(p.zone ? p.zone->name() : "UTC") + ")\n\n";

    std::vector<std::vector<std::string>> rows;
    rows.reserve(report.broadcasts.size() + 1);
    for (const auto& c : report.broadcasts) rows.push_back(counts_cells(c, c.broadcast));
    rows.push_back(counts_cells(report.total, "(total)"));
    out += format_table({"broadcast", "scheduled", "on time", "late", "interrupted", "partial",
                         "missed", "failed", "air time"},
                        rows, {1, 2, 3, 4, 5, 6, 7, 8});
    out +=
        "on time: the first sample went out within " +
        std::to_string(on_time_tolerance.count() / 1000) + " s of the scheduled instant\n" +
        (report.zones.empty() ? std::string("each occurrence counts once, by its final outcome\n")
                              : std::string("each occurrence counts once in each village it was "
                                            "for, by its final outcome there\n"));
    if (!report.zones.empty()) {
        std::vector<std::vector<std::string>> villages;
        for (const auto& c : report.zones) villages.push_back(counts_cells(c, c.broadcast));
        out += "\nBy village:\n";
        out += format_table({"village", "scheduled", "on time", "late", "interrupted", "partial",
                             "missed", "failed", "air time"},
                            villages, {1, 2, 3, 4, 5, 6, 7, 8});
    }
    if (report.total.open > 0)
        out += "not counted: " + std::to_string(report.total.open) +
               " occurrence(s) with no final outcome yet (on the air, or to air again)\n";

    out += "\nManual airings: ";
    if (report.manual.empty()) {
        out += "none\n";
    } else {
        out += std::to_string(report.manual.size()) + "\n";
        std::vector<std::vector<std::string>> manual;
        manual.reserve(report.manual.size());
        for (const auto& m : report.manual)
            manual.push_back({format_report_time(m.time, p.zone), m.operator_name, what_aired(m),
                              m.priority, std::string(to_string(m.status)),
                              format_air_time(m.air_time), m.reason});
        out += format_table(
            {"time", "operator", "playlist/clip", "priority", "outcome", "air time", "reason"},
            manual, {5});
    }
    if (!report.reception.empty()) {
        out += "\nReception (villages on Snapcast streams): " +
               std::to_string(report.reception.size()) + " airing(s)\n";
        std::vector<std::vector<std::string>> heard;
        for (const auto& r : report.reception)
            heard.push_back({format_report_time(r.time, p.zone), r.village, r.broadcast,
                             std::string(to_string(r.status)), format_heard(r),
                             format_missing(r, p.zone)});
        out += format_table({"time", "village", "broadcast", "outcome", "heard by", "missing"},
                            heard, {});
        out +=
            "heard by: receivers of the village's stream connected from the airing's first to its "
            "last sample\n";
    }
    out += "\n" + format_head_line(report.head) + "\n";
    return out;
}

}  // namespace vc::asrun
