#pragma once
// The large station schedule_bench times: 10,000 broadcasts (9,000 one-shots spread over a
// year and 1,000 recurring ones: daily, weekdays, monthly, cron), about 200,000 occurrences.

#include <filesystem>

#include <date/date.h>

namespace vc::bench {

constexpr int one_shots = 9000;
constexpr int daily = 350;
constexpr int weekdays = 200;
constexpr int monthly = 200;
constexpr int cron = 250;
constexpr int schedule_files = 10;

struct Generated {
    int broadcasts = 0;
    date::local_days first_day;
};

/// Writes the station into `root`: its occurrences fall in the 365 days from `first_day`
/// (local), the same ones for every run (a fixed seed). Throws std::runtime_error when a file
/// cannot be written.
Generated generate_station(const std::filesystem::path& root, date::local_days first_day);

}  // namespace vc::bench
