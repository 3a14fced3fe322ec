#include "cli/format.hpp"

#include <cstdio>

#include <nlohmann/json.hpp>

#include "cli/cli.hpp"
#include "core/csv.hpp"
#include "core/text_width.hpp"

namespace vc::cli {

OutputFormat parse_format(std::string_view text, std::string_view command) {
    if (text == "table") return OutputFormat::table;
    if (text == "csv") return OutputFormat::csv;
    if (text == "json") return OutputFormat::json;
    throw UsageError(std::string(command) + ": --format must be table, csv or json, not '" +
                     std::string(text) + "'");
}

void print_table(std::ostream& out, const Table& table, OutputFormat format) {
    switch (format) {
        case OutputFormat::table:
            out << format_table(table.header, table.rows, table.right_aligned);
            break;
        case OutputFormat::csv: {
            out << utf8_bom << csv_row(table.header);
            for (const auto& r : table.rows) out << csv_row(r);
            break;
        }
        case OutputFormat::json: {
            auto arr = nlohmann::json::array();
            for (const auto& r : table.rows) {
                nlohmann::json obj = nlohmann::json::object();
                for (std::size_t i = 0; i < table.header.size() && i < r.size(); ++i)
                    obj[table.header[i]] = r[i];
                arr.push_back(std::move(obj));
            }
            out << arr.dump(2) << '\n';
            break;
        }
    }
}

std::string format_frames_as_time(std::int64_t frames, int rate) {
    if (rate <= 0) return "-";
    std::int64_t ms = frames * 1000 / rate;
    std::int64_t h = ms / 3'600'000, m = (ms / 60'000) % 60, s = (ms / 1000) % 60, r = ms % 1000;
    char buf[48];
    if (h > 0)
        std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld.%03lld", static_cast<long long>(h),
                      static_cast<long long>(m), static_cast<long long>(s),
                      static_cast<long long>(r));
    else
        std::snprintf(buf, sizeof buf, "%lld:%02lld.%03lld", static_cast<long long>(m),
                      static_cast<long long>(s), static_cast<long long>(r));
    return buf;
}

}  // namespace vc::cli
