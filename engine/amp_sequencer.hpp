#pragma once
// Amplifier sequencing: the village horns' amplifiers are switched on shortly before a
// foreground airing and off once nothing has aired for a while, by commands named in
// station.toml ([output] before / after). Each run and its exit status is a `system` event in
// the as-run log. A failing `before` is logged and raised in status; the airing goes ahead.

#include <optional>
#include <string>

#include "asrun/asrun_writer.hpp"
#include "core/clock.hpp"
#include "core/instant.hpp"
#include "os/command_runner.hpp"
#include "station/station_state.hpp"

namespace vc::engine {

/// Loop thread only.
class AmpSequencer {
  public:
    /// The station's settings are read afresh at every decision, so a reload's apply at once.
    /// No launcher: no commands run (`enabled()` is false).
    AmpSequencer(const station::StationState& station, asrun::AsrunWriter& audit,
                 os::CommandLauncher* launcher, const Clock& clock);

    /// Whether `before` or `after` is configured.
    [[nodiscard]] bool enabled() const;
    /// How long before an airing the service must prepare so that `before` runs in time.
    [[nodiscard]] Millis lead() const;
    /// A foreground airing's first sample goes out at `first_sample`: the amplifier must be on
    /// by then (its `before` runs before_lead ahead, or at once when that has passed).
    void need_by(Instant first_sample, Instant now);
    /// Something airs: no `after` while it does.
    void busy();
    /// Nothing has aired since `end`: `after` runs after_delay later unless more airs (a
    /// countdown already running is kept).
    void idle_since(Instant end);
    /// Runs what is due at `now`.
    void wake(Instant now);
    [[nodiscard]] std::optional<Instant> next_wakeup() const;
    /// The daemon stops: switch the amplifier off now, waiting for the command (bounded by its
    /// time limit), so that the event is written before daemon-stop.
    void shutdown(Instant now);

    /// "on", "off", or "" when no commands are configured.
    [[nodiscard]] std::string state() const;
    /// The last failure of a command, or "" once one succeeds.
    [[nodiscard]] const std::string& problem() const { return problem_; }

  private:
    void run(const std::string& action, const std::vector<std::string>& argv, Instant at,
             bool wait);
    void record(const std::string& action, const std::vector<std::string>& argv, Instant at,
                const os::CommandResult& result);
    [[nodiscard]] const station::OutputSettings& settings() const {
        return station_.station().output;
    }

    const station::StationState& station_;
    asrun::AsrunWriter& audit_;
    os::CommandLauncher* launcher_;
    const Clock& clock_;
    bool on_ = false;
    std::optional<Instant> on_at_;
    std::optional<Instant> off_at_;
    std::string problem_;
};

}  // namespace vc::engine
