#pragma once
// What the control API asks of the running daemon, done on the daemon's event loop: the
// service's status, airing now, stopping, reloading, one-shots in schedule.d/console.toml, and
// the as-run events that record each change with the operator's name.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <date/tz.h>
#include <nlohmann/json.hpp>

#include "asrun/asrun_writer.hpp"
#include "asrun/event.hpp"
#include "control/login_counter.hpp"
#include "core/clock.hpp"
#include "engine/service.hpp"
#include "station/station_state.hpp"

namespace vc::engine {
class PageInputs;
}  // namespace vc::engine

namespace vc::control {

/// The service's status with what the console shows beside it.
struct StatusSnapshot {
    engine::ServiceStatus status;
    std::string station_name;
    std::string time_zone;
    const date::time_zone* zone = nullptr;
    Instant now{};
    std::optional<nlohmann::json> health;  ///< the health monitor's status, when there is one
    /// The station's zones ({"name", "output", "reached"}) and groups ({name: [zones]}).
    nlohmann::json zones = nlohmann::json::array();
    nlohmann::json groups = nlohmann::json::object();
};

/// A manual airing that the service took.
struct Aired {
    std::string broadcast;
    std::string airing;     ///< "" when it has not started yet (it waits behind a higher priority)
    std::string waits_for;  ///< when it has not started: what airs meanwhile, with priorities
    int sample_rate = 0;    ///< the station's: a browser's page audio comes at this rate
};

/// A one-shot for schedule.d/console.toml.
struct OneShotRequest {
    std::string playlist;  ///< or ""
    std::string clip;      ///< or ""
    scheduler::Priority priority = scheduler::Priority::notice;
    Instant at{};
    std::string late;  ///< a duration text, or "" for the schedule's default
    std::string who;
    std::vector<std::string> zones;  ///< zones and groups it airs in; empty: every zone
};

/// A one-shot that was added.
struct OneShotAdded {
    std::string broadcast;
    Instant scheduled{};
};

/// Loop thread only. Every method that changes something writes an `operator` event first and
/// calls `changed` afterwards (the driver re-arms its timer). Methods throw ApiError (404, 409)
/// or UserError (400) with a message for the operator.
class LoopActions {
  public:
    LoopActions(engine::Service& service, station::StationState& station, asrun::AsrunWriter& audit,
                const Clock& clock, std::function<void()> changed);

    /// Set by the driver when a health monitor runs: its status as JSON (loop thread).
    std::function<nlohmann::json()> health;
    /// Set by the driver before the server starts: where a browser's page audio goes (read by
    /// the server's thread; PageInputs::push_browser is thread-safe). Null: no browser pages.
    engine::PageInputs* pages = nullptr;

    [[nodiscard]] StatusSnapshot status() const;
    /// Airs a playlist or clip now by the conflict rules.
    Aired air_now(const engine::ManualAiring& manual);
    /// Fades out what airs in the foreground; false when nothing aired.
    bool stop(const std::string& who);
    /// Ends a page started by air_now (as aired, "released by operator WHO"). Throws UserError
    /// when this daemon has no such page open.
    void end_page(const std::string& who, const std::string& broadcast);
    /// Reads the station's files again; each file and whether it was taken.
    std::vector<asrun::ReloadedFile> reload(const std::string& who);
    /// Adds a one-shot to schedule.d/console.toml and reloads. Throws UserError (400) when the
    /// time has passed or the playlist or clip cannot air, ApiError(409) when the file refuses it.
    OneShotAdded add_one_shot(const OneShotRequest& request);
    /// Removes a console one-shot before it airs. `admin`: may remove an emergency one.
    void remove_one_shot(const std::string& who, const std::string& id, bool admin);
    /// After a clip was stored in (or deleted from) clips/: reloads and logs `action`
    /// ("upload", "replace", "delete-clip") with `detail`.
    void clips_changed(const std::string& who, const std::string& action,
                       const std::string& detail);
    /// Records a refused change by a known operator.
    void refused(const std::string& who, const std::string& detail);
    /// Records refused logins: one `system` event per address and minute.
    void logins_refused(const std::vector<RefusedLogins>& counts);

    /// The ticket of the last as-run row queued so far (loop thread).
    [[nodiscard]] std::uint64_t log_ticket() const;
    /// Every as-run row with a ticket up to this is on disk. Any thread.
    [[nodiscard]] std::uint64_t logged_through() const;

    /// The station's time zone.
    [[nodiscard]] const date::time_zone* zone() const { return station_.zone(); }

  private:
    void write_operator(const std::string& who, const std::string& action,
                        const std::string& detail);
    /// Throws UserError naming a zone or group the station does not have, or a zone `probe`
    /// (what airs) cannot air in. `what`: the playlist or clip in words.
    void check_zones(scheduler::Occurrence probe, const std::vector<std::string>& zones,
                     const std::string& what) const;
    asrun::Reload reload_now();

    engine::Service& service_;
    station::StationState& station_;
    asrun::AsrunWriter& audit_;
    const Clock& clock_;
    std::function<void()> changed_;
};

}  // namespace vc::control
