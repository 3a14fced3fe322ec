// Dates and times of day as schedule and calendar files write them (scheduler/date_text), and
// the same text as a TOML value read by scheduler/toml_dates (a quoted date, a bare TOML date,
// a list of them). What parses formats back to text that parses to the same value.

#include <cstddef>
#include <cstdint>
#include <string>

#include "core/toml_reader.hpp"
#include "fuzz/fuzz_support.hpp"
#include "scheduler/date_text.hpp"
#include "scheduler/toml_dates.hpp"

namespace sch = vc::scheduler;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto text = vc::fuzz::as_text(data, size);
    if (auto day = sch::parse_date(text)) {
        if (sch::parse_date(sch::format_date(*day)) != day)
            vc::fuzz::fail("a date does not read back as itself");
    }
    if (auto t = sch::parse_time_of_day(text)) {
        if (sch::parse_time_of_day(sch::format_time_of_day(*t)) != t)
            vc::fuzz::fail("a time of day does not read back as itself");
    }
    if (auto when = sch::parse_local_date_time(text)) {
        if (sch::parse_local_date_time(sch::format_local(*when)) != when)
            vc::fuzz::fail("a local date and time does not read back as itself");
    }
    if (auto md = sch::parse_month_day(text)) {
        if (sch::parse_month_day(sch::format_month_day(*md)) != md)
            vc::fuzz::fail("a month-day does not read back as itself");
    }

    // The same bytes as the value of a key in a schedule file: `on = <text>`.
    vc::Diagnostics diags;
    std::string doc = "on = ";
    doc.append(text);
    doc += '\n';
    if (auto parsed = vc::parse_toml_text(doc, "schedule.toml", diags)) {
        vc::TomlTable table(*parsed, "schedule.toml", diags, "[[broadcast]] #1");
        bool ok = true;
        if (auto dates = sch::read_dates_key(table, "on", ok)) {
            for (const auto& d : *dates) (void)sch::format_date(d.day);
        }
        (void)sch::read_date_key(table, "on");
    }
    for (const auto& d : diags.items()) (void)d.str();
    return 0;
}
