#include "asrun/report_format.hpp"

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
