// A schedule file (schedule.toml or schedule.d/*.toml) through load_schedule_text with the
// checks `villagecast check` makes (playlists and clips that exist, seasons, zones, the demo
// station's calendars, the warnings), then the Schedule built from it asked what comes due,
// as the daemon and `plan` ask.

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "core/diagnostic.hpp"
#include "fuzz/fuzz_support.hpp"
#include "scheduler/calendar_set.hpp"
#include "scheduler/local_time.hpp"
#include "scheduler/schedule.hpp"
#include "scheduler/schedule_file.hpp"

namespace sch = vc::scheduler;

namespace {

std::string read_text(const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

const sch::ScheduleContext& context() {
    static const sch::ScheduleContext ctx = [] {
        sch::ScheduleContext c;
        c.timezone = "Asia/Shanghai";
        c.seasons["summer"] = {"summer", date::May / 1, date::September / 30};
        c.seasons["winter"] = {"winter", date::October / 1, date::April / 30};
        c.zones = {"羊市村", "大坪村"};
        vc::Diagnostics diags;
        for (const char* year : {"2026", "2027"})
            sch::load_calendar_text(
                read_text(std::string(VC_SOURCE_DIR) + "/examples/calendars/" + year + ".toml"),
                std::string("calendars/") + year + ".toml", c.calendars, diags);
        if (diags.has_errors() || c.calendars.years().size() != 2)
            vc::fuzz::fail("the example calendars do not load");
        static const std::set<std::string> playlists{
            "flood-drill",   "meeting-call", "micro-wishes", "navel-orange-training",
            "policy-digest", "news",         "long"};
        static const std::set<std::string> clips{"chimes/叮咚", "通知/院坝会", "应急/警报",
                                                 "tone/a2", "chime"};
        c.playlist_exists = [](const std::string& name) { return playlists.count(name) != 0; };
        c.clip_problem = [](const std::string& id) -> std::optional<std::string> {
            if (clips.count(id) != 0) return std::nullopt;
            if (id == "broken") return std::string("silent: it holds no sound");
            return std::string("missing");
        };
        c.today = date::local_days{date::year{2026} / 12 / 1};
        c.warnings = true;
        return c;
    }();
    return ctx;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto& ctx = context();
    auto file = sch::load_schedule_text(vc::fuzz::as_text(data, size), "schedule.toml", ctx);
    for (const auto& d : file.diagnostics.items()) (void)d.str();
    if (!file.ok() || file.broadcasts.empty()) return 0;

    sch::Schedule schedule({file}, ctx);
    const auto from = sch::to_instant(schedule.zone(), date::local_seconds{ctx.today});
    // The next occurrences one after another, as the daemon asks.
    vc::Instant t = from;
    for (int i = 0; i < 64; ++i) {
        auto next = schedule.next_after(t);
        if (!next) break;
        if (*next <= t) vc::fuzz::fail("next_after went backwards");
        t = *next;
    }
    // A week at once, as `plan` asks; every occurrence lies in the range, in order.
    const auto to = from + std::chrono::hours(24 * 7);
    auto week = schedule.between(from, to);
    for (std::size_t i = 0; i < week.size(); ++i) {
        if (week[i].scheduled < from || week[i].scheduled >= to)
            vc::fuzz::fail("between() gave an occurrence outside the range");
        if (i > 0 && week[i].scheduled < week[i - 1].scheduled)
            vc::fuzz::fail("between() is out of order");
        if (i > 1000) break;
    }
    return 0;
}
