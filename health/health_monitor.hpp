#pragma once
// The daemon's watch over what it runs on: free disk space under state/, whether the system
// clock is synchronised, and the age of the air-check recordings. Runs on the daemon's event
// loop (Boost.Asio) thread only: every minute it measures the disk and asks the kernel about
// the clock, and writes a `system` event to the as-run log only when something changes; once
// an hour (and at start) it deletes air-checks older than `aircheck_keep`. When free space
// falls below `disk_alarm` it pauses air-check recording, long before the as-run log could run
// out of room, and resumes it once the space is back.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "asrun/asrun_writer.hpp"
#include "core/clock.hpp"
#include "core/duration.hpp"
#include "engine/aircheck_recorder.hpp"
#include "health/aircheck_pruner.hpp"
#include "health/disk_space.hpp"
#include "health/health_status.hpp"
#include "station/station.hpp"

namespace vc::health {

/// How often the monitor looks.
struct HealthOptions {
    Millis check_every{std::chrono::minutes(1)};  ///< disk space and clock
    Millis prune_every{std::chrono::hours(1)};    ///< air-check retention
};

/// Loop thread only (construction, start, stop, check, prune, set_station, status).
class HealthMonitor {
  public:
    /// Copies what it needs from `station` (state/, air-check folder, `aircheck_keep`,
    /// `disk_alarm`); call set_station() after a reload. `aircheck` may be null (recording
    /// off). Nothing happens until start().
    HealthMonitor(boost::asio::io_context& io, asrun::AsrunWriter& audit,
                  const station::Station& station, engine::AircheckRecorder* aircheck,
                  const Clock& clock, HealthOptions options = {});
    ~HealthMonitor();
    HealthMonitor(const HealthMonitor&) = delete;
    HealthMonitor& operator=(const HealthMonitor&) = delete;

    /// Checks and prunes now, then every `check_every` and `prune_every` on the io_context's
    /// steady timers (absolute deadlines; after a missed one, e.g. a suspended PC, it goes on
    /// from now without catching up).
    void start();
    /// Cancels the timers.
    void stop();
    /// Takes station.toml's settings again (after a reload); the next check applies them.
    void set_station(const station::Station& station);

    /// Measures free space under state/ and takes `clock` as the kernel's word on the clock
    /// (nullopt: the kernel could not be asked; the clock's state stays as it was). Raises or
    /// clears the disk alarm (pausing or resuming air-check recording) and the clock alarm;
    /// each change is one `system` event at `now` and one log line. Never throws.
    void check(Instant now, const std::optional<ClockSync>& clock);
    /// Deletes air-checks older than `aircheck_keep` at `now`: one `system` event
    /// "aircheck-deleted" per file. Never throws.
    PruneResult prune(Instant now);

    /// Raises the Snapcast alarm with why snapserver cannot be asked, or clears it ("").
    void set_snapcast_problem(std::string problem) {
        status_.snapcast_problem = std::move(problem);
    }

    [[nodiscard]] HealthStatus status() const;

  private:
    void check_now();
    void arm_check();
    void arm_prune();
    void check_disk(Instant now);
    void check_clock(Instant now, const ClockSync& clock);

    asrun::AsrunWriter& audit_;
    engine::AircheckRecorder* aircheck_;
    const Clock& clock_;
    HealthOptions options_;
    std::filesystem::path state_dir_;
    std::filesystem::path aircheck_dir_;
    Millis keep_;
    DiskAlarm disk_alarm_;
    HealthStatus status_;
    boost::asio::steady_timer check_timer_;
    boost::asio::steady_timer prune_timer_;
    MonoTime next_check_{};
    MonoTime next_prune_{};
};

}  // namespace vc::health
