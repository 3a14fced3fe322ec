#pragma once
// What the daemon knows of its own health (disk space, the clock, air-check retention), as a
// plain value for `villagecast status`, the console and the control API.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/duration.hpp"
#include "core/instant.hpp"
#include "health/clock_sync.hpp"

namespace vc::health {

/// What `status` and the console show of the daemon's health. Plain value.
struct HealthStatus {
    std::filesystem::path state_dir;              ///< where free space is measured
    std::optional<std::uint64_t> disk_available;  ///< bytes free there (nullopt: not measured)
    std::uint64_t disk_capacity = 0;              ///< bytes
    std::uint64_t disk_alarm = 0;                 ///< station.toml's threshold, bytes
    bool disk_low = false;                        ///< the alarm is raised
    std::string disk_problem;                     ///< why free space could not be measured, or ""
    std::optional<ClockSync> clock;      ///< the kernel's last answer (nullopt: not asked yet)
    std::string clock_problem;           ///< why the kernel could not be asked, or ""
    bool aircheck_paused = false;        ///< air-check recording is paused for the disk
    std::optional<Instant> last_check;   ///< the last disk and clock check
    std::optional<Instant> last_prune;   ///< the last air-check pruning
    std::size_t last_prune_deleted = 0;  ///< recordings it deleted
    Millis aircheck_keep{0};             ///< station.toml's retention
    std::string log_problem;             ///< the as-run log file was deleted or replaced, or ""
    /// snapserver cannot be asked which village receivers are connected, or ""
    std::string snapcast_problem;

    /// True when the clock is known to be unsynchronised.
    [[nodiscard]] bool clock_alarm() const { return clock && !clock->synchronised; }
    /// Each raised alarm as one sentence a clerk can act on (empty when all is well).
    [[nodiscard]] std::vector<std::string> alarms() const;
};

/// The status as the control API's "health" object (times as UTC epoch millis, null when not
/// yet known):
/// {"disk": {"folder", "free_bytes", "capacity_bytes", "alarm_bytes", "alarm", "aircheck_paused",
/// "problem"}, "clock": {"synchronised", "estimated_error_us", "max_error_us", "problem"},
/// "aircheck": {"keep_ms", "last_prune_ms", "last_prune_deleted"}, "last_check_ms",
/// "log": {"problem"}, "snapcast": {"problem"}, "alarms": [sentences]}. Any thread.
void to_json(nlohmann::json& out, const HealthStatus& status);

}  // namespace vc::health
