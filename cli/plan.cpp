// villagecast plan: the predicted timeline, with what conflicts do to each occurrence.

#include <iostream>

#include "cli/commands.hpp"
#include "scheduler/plan_format.hpp"
#include "scheduler/schedule.hpp"
#include "scheduler/schedule_file.hpp"
#include "station/schedule_wiring.hpp"

namespace vc::cli {

int run_plan(const Args& args) {
    CommandLine line{
        "plan", "[--from DATE] [--days N] [--format table|csv|json]",
        "Prints what will air: each occurrence's scheduled time, start and end (to the\n"
        "millisecond, in the station's time zone), broadcast, playlist, priority and\n"
        "outcome, and what conflicts do to it (delayed by, missed while waiting for,\n"
        "interrupted by). It runs the same rules as the daemon over the playlists'\n"
        "exact lengths. Schedule files with errors are left out, as the daemon would;\n"
        "run `villagecast check` to see why."};
    line.options.add_options()("from", po::value<std::string>()->value_name("DATE"),
                               "first day (YYYY-MM-DD; default today)")(
        "days", po::value<int>()->default_value(7), "how many days")(
        "format", po::value<std::string>()->default_value("table"), "table, csv or json");
    line.examples =
        "  villagecast plan --from 2026-12-01 --days 7\n"
        "  villagecast plan --days 365 --format csv > plan.csv\n";
    auto parsed = parse(line, args);
    if (parsed.help) return exit_ok;
    auto format = scheduler::parse_plan_format(parsed.values["format"].as<std::string>());
    if (!format) throw UsageError("plan: --format must be table, csv or json");
    int days = parsed.values["days"].as<int>();
    if (days < 1 || days > 3660) throw UsageError("plan: --days must be between 1 and 3660");

    // Dates are written with four-digit years.
    if (parsed.values.count("from") != 0) {
        const auto from = parse_date_option(parsed.values["from"].as<std::string>(), "--from");
        const date::local_days last{date::year{9999} / 12 / 31};
        if (from + date::days(days - 1) > last)
            throw UsageError(
                "plan: the plan must end by 9999-12-31: start earlier or ask for "
                "fewer --days");
    }
    station::StationFiles files =
        station::load_station_files(parsed.station, cli::terminal_progress());
    const auto* zone = station::station_zone(files.station);
    auto today = cli::today_in(zone);
    auto from_day = parsed.values.count("from") != 0
                        ? parse_date_option(parsed.values["from"].as<std::string>(), "--from")
                        : today;
    Diagnostics calendar_diags;
    auto ctx = station::schedule_context(files, today, calendar_diags);
    ctx.warnings = false;
    auto schedule_files = scheduler::load_schedule(files.station.root, ctx);
    for (const auto& f : schedule_files)
        if (!f.ok())
            std::cerr << "warning: " << f.display_name
                      << " has errors and is left out (see villagecast check)\n";
    scheduler::Schedule schedule(schedule_files, ctx);

    scheduler::PlanWriter writer(std::cout, *format, zone);
    scheduler::run_plan(schedule, station::local_midnight(from_day, zone),
                        station::local_midnight(from_day + date::days(days), zone),
                        station::duration_function(files), station::arbiter_config(files.station),
                        [&](scheduler::PlanRow&& row) { writer.write(row); });
    writer.finish();
    return exit_ok;
}

}  // namespace vc::cli
