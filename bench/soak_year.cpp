// The soak over a year: a busy township's station (about 40 occurrences a day over the five
// priorities, workdays by the office calendar) run by the daemon's own parts on a simulated
// clock, a child process per simulated week killed with SIGKILL near the week's end and
// restarted on the same as-run log, with manual airings, stops, reloads of broken files and
// output losses arriving at seeded random instants. Prints the counts, the wall time and the
// peak memory, and whether every invariant held (tests/soak/harness/soak_checks.hpp); exits 1
// when one did not. The soak test runs the same harness over four weeks.
//
//   soak_year [--days 365] [--from 2026-01-01] [--seed 1] [--dir DIR] [--keep]

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>

#include <date/date.h>

#include "scheduler/date_text.hpp"
#include "tests/soak/harness/soak.hpp"

using namespace vc;

namespace {

int usage(const std::string& why) {
    std::cerr
        << "soak_year: " << why
        << "\nusage: soak_year [--days N] [--from YYYY-MM-DD] [--seed N] [--dir DIR] [--keep]\n";
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    soak::SoakOptions options;
    options.days = 365;
    bool keep = false;
    std::filesystem::path dir;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const bool has_value = i + 1 < argc;
        if (arg == "--days" && has_value) {
            options.days = std::atoi(argv[++i]);
        } else if (arg == "--seed" && has_value) {
            options.seed = std::strtoull(argv[++i], nullptr, 10);
        } else if (arg == "--from" && has_value) {
            const auto day = scheduler::parse_date(argv[++i]);
            if (!day) return usage(std::string("--from wants YYYY-MM-DD, not ") + argv[i]);
            options.first_day = *day;
        } else if (arg == "--dir" && has_value) {
            dir = argv[++i];
        } else if (arg == "--keep") {
            keep = true;
        } else {
            return usage("unknown argument " + arg);
        }
    }
    if (options.days < 1 || options.days > 730) return usage("--days must be 1 to 730");
    if (dir.empty()) {
        std::string pattern =
            (std::filesystem::temp_directory_path() / "soak-year-XXXXXX").string();
        if (!::mkdtemp(pattern.data())) return usage(std::string("mkdtemp: ") + strerror(errno));
        dir = pattern;
    }
    std::filesystem::create_directories(dir);
    options.dir = dir;
    options.progress = &std::cerr;
    std::cout << "soak: " << options.days << " days from " << date::format("%F", options.first_day)
              << ", seed " << options.seed << ", in " << dir.string() << std::endl;
    const auto figures = soak::run_soak(options);
    std::cout << soak::format_figures(figures);
    if (!keep && figures.ok()) {
        std::filesystem::remove_all(dir);
    } else {
        std::cout << "kept " << dir.string() << " (station/, its state/audit.db, starts/*.log)\n";
    }
    std::cout << (figures.ok() ? "every invariant held\n" : "AN INVARIANT FAILED\n");
    return figures.ok() ? 0 : 1;
}
