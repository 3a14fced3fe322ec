// A calendar file (calendars/YEAR.toml) through load_calendar_text, then the questions the
// schedule asks of it for every day of the years it covers.

#include <cstddef>
#include <cstdint>

#include "core/diagnostic.hpp"
#include "fuzz/fuzz_support.hpp"
#include "scheduler/calendar_set.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    vc::scheduler::CalendarSet calendars;
    vc::Diagnostics diags;
    vc::scheduler::load_calendar_text(vc::fuzz::as_text(data, size), "calendars/2026.toml",
                                      calendars, diags);
    for (const auto& d : diags.items()) (void)d.str();
    for (int year : calendars.years()) {
        (void)calendars.file_of(year);
        const date::local_days first{date::year{year} / 1 / 1};
        for (int i = 0; i < 366; ++i) {
            const auto day = first + date::days{i};
            (void)calendars.is_workday(day);
            (void)calendars.holiday_name(day);
            (void)calendars.is_makeup_workday(day);
        }
    }
    return 0;
}
