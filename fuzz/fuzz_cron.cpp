// The cron parser (scheduler/cron_expr) on arbitrary text, then the days it matches over a
// year, with Vixie cron's day-of-month/day-of-week rule.

#include <cstddef>
#include <cstdint>

#include "fuzz/fuzz_support.hpp"
#include "scheduler/cron_expr.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto text = vc::fuzz::as_text(data, size);
    try {
        auto cron = vc::scheduler::CronExpr::parse(text);
        // A parsed expression reads back the same.
        auto again = vc::scheduler::CronExpr::parse(cron.text());
        if (again.times() != cron.times())
            vc::fuzz::fail("a cron text parsed again gives other times");
        const date::local_days first{date::year{2026} / 1 / 1};
        for (int i = 0; i < 366; ++i) {
            const auto day = first + date::days{i};
            if (cron.matches_day(day) != again.matches_day(day))
                vc::fuzz::fail("a cron text parsed again matches other days");
        }
        for (auto t : cron.times())
            if (t.count() < 0 || t.count() >= 24 * 3600)
                vc::fuzz::fail("a cron time lies outside the day");
    } catch (const vc::scheduler::CronError& e) {
        if (e.offset() > text.size()) vc::fuzz::fail("a CronError offset lies past the text");
    }
    return 0;
}
