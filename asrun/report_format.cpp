#include "asrun/report_format.hpp"

#include <algorithm>

#include "asrun/airings.hpp"

namespace vc::asrun {

std::optional<ReportFormat> parse_report_format(std::string_view name) {
    if (name == "table") return ReportFormat::table;
    if (name == "csv") return ReportFormat::csv;
    if (name == "html") return ReportFormat::html;
    return std::nullopt;
}

std::string format_report(const MonthlyReport& report, ReportFormat format,
                          std::string_view station) {
    switch (format) {
        case ReportFormat::table:
            return format_report_table(report, station);
        case ReportFormat::csv:
            return format_report_csv(report, station);
        case ReportFormat::html:
            return format_report_html(report, station);
    }
    return {};
}

std::string format_report_time(Instant t, const date::time_zone* zone) {
    auto s = std::chrono::floor<std::chrono::seconds>(t);
    if (zone == nullptr) return date::format("%F %T", s);
    return date::format("%F %T", date::make_zoned(zone, s).get_local_time());
}

std::string format_clock_time(Instant t, const date::time_zone* zone) {
    return format_report_time(t, zone).substr(11);
}

std::string format_heard(const ReceptionEntry& r) {
    return r.known ? std::to_string(r.heard) + " of " + std::to_string(r.of) : "unknown";
}

std::string format_missing(const ReceptionEntry& r, const date::time_zone* zone) {
    if (!r.known) return r.why;
    std::string out;
    auto add = [&](const std::string& text) { out += (out.empty() ? "" : ", ") + text; };
    for (const auto& id : r.missing) {
        const bool dropped = std::any_of(r.drops.begin(), r.drops.end(),
                                         [&](const ReceptionDrop& d) { return d.receiver == id; });
        if (!dropped) add(id);
    }
    for (const auto& d : r.drops)
        add(d.receiver + " left " + format_clock_time(d.left, zone) +
            (d.back ? " back " + format_clock_time(*d.back, zone) : ""));
    return out;
}

std::string what_aired(const ManualEntry& entry) {
    return what_aired(entry.playlist, entry.clip, entry.live);
}

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

}  // namespace vc::asrun
