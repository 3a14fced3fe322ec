// The soak on a short span: four simulated weeks of a busy township, the daemon killed with
// SIGKILL near the end of each of the first three and restarted on the same log, with manual
// airings, stops, reloads of broken files and output losses arriving meanwhile. The full year
// is bench/soak_year.

#include <catch2/catch.hpp>

#include "tests/soak/harness/soak.hpp"
#include "tests/support/fixtures.hpp"

using namespace vc;

TEST_CASE("four weeks, killed each week: one final outcome per occurrence and per request") {
    test::TempDir dir;
    soak::SoakOptions options;
    options.dir = dir.path();
    // Spring Festival: holidays, weekend days worked in exchange, and a month's end.
    options.first_day = date::local_days{date::year{2026} / 2 / 9};
    options.days = 28;
    options.seed = 11;
    options.start_limit_s = 60;  // a week takes seconds: a start stuck this long fails
    const auto f = soak::run_soak(options);
    INFO(soak::format_figures(f));
    REQUIRE(f.child_failures.empty());
    CHECK(f.kills == 3);
    for (const auto& check : f.results.checks) {
        INFO(check.name);
        CHECK(check.ok());
    }
    // It did what it is for: each kind of trouble happened.
    const auto& g = f.results.figures;
    CHECK(g.daemon_starts == 4);
    CHECK(g.manual_requests > 40);
    CHECK(f.stops_hit > 0);
    CHECK(f.output_losses > 0);
    CHECK(g.reloads_refused > 0);
    CHECK(g.scheduled.interrupted + g.scheduled.late > 0);
    CHECK(g.scheduled.missed > 0);
}
