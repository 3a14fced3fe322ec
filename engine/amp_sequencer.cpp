#include "engine/amp_sequencer.hpp"

#include "asrun/event.hpp"
#include "core/log.hpp"

namespace vc::engine {

AmpSequencer::AmpSequencer(const station::StationState& station, asrun::AsrunWriter& audit,
                           os::CommandLauncher* launcher, const Clock& clock)
    : station_(station), audit_(audit), launcher_(launcher), clock_(clock) {}

bool AmpSequencer::enabled() const {
    return launcher_ != nullptr && (!settings().before.empty() || !settings().after.empty());
}

Millis AmpSequencer::lead() const {
    // One second to spare for starting the program.
    return enabled() && !settings().before.empty() ? settings().before_lead + Millis(1000)
                                                   : Millis(0);
}

void AmpSequencer::need_by(Instant first_sample, Instant now) {
    off_at_.reset();
    if (!enabled() || on_) return;
    Instant at = std::max(now, first_sample - settings().before_lead);
    if (!on_at_ || at < *on_at_) on_at_ = at;
}

void AmpSequencer::busy() {
    off_at_.reset();
}

void AmpSequencer::idle_since(Instant end) {
    if (!enabled() || !on_ || on_at_ || off_at_) return;
    off_at_ = end + settings().after_delay;
}

void AmpSequencer::wake(Instant now) {
    if (on_at_ && now >= *on_at_) {
        Instant at = *on_at_;
        on_at_.reset();
        on_ = true;
        if (!settings().before.empty()) run("amp-before", settings().before, at, false);
    }
    if (off_at_ && now >= *off_at_) {
        Instant at = *off_at_;
        off_at_.reset();
        on_ = false;
        if (!settings().after.empty()) run("amp-after", settings().after, at, false);
    }
}

std::optional<Instant> AmpSequencer::next_wakeup() const {
    if (on_at_ && off_at_) return std::min(*on_at_, *off_at_);
    return on_at_ ? on_at_ : off_at_;
}

void AmpSequencer::shutdown(Instant now) {
    on_at_.reset();
    off_at_.reset();
    if (!enabled() || !on_) return;
    on_ = false;
    if (!settings().after.empty()) run("amp-after", settings().after, now, true);
}

std::string AmpSequencer::state() const {
    if (!enabled()) return "";
    return on_ ? "on" : "off";
}

void AmpSequencer::run(const std::string& action, const std::vector<std::string>& argv, Instant at,
                       bool wait) {
    std::vector<std::string> env{"VILLAGECAST_EVENT=" + action,
                                 "VILLAGECAST_TIME=" + std::to_string(asrun::to_millis(at)),
                                 "VILLAGECAST_STATION=" + station_.station().root.string()};
    auto done = [this, action, argv, at](const os::CommandResult& r) {
        record(action, argv, at, r);
    };
    if (wait) {
        done(os::run_command(argv, env, settings().command_timeout));
    } else {
        launcher_->launch(argv, std::move(env), settings().command_timeout, std::move(done));
    }
}

void AmpSequencer::record(const std::string& action, const std::vector<std::string>& argv,
                          Instant at, const os::CommandResult& result) {
    std::string detail = os::command_text(argv) + ": " + result.describe();
    audit_.write(at, asrun::SystemAction{action, detail, result.ok()});
    if (result.ok()) {
        problem_.clear();
        log_line(clock_, Level::info, action + " " + detail);
    } else {
        problem_ = action + " failed: " + detail;
        // Alarmed, but the airing goes ahead: an announcement that might be heard beats one
        // that certainly is not.
        log_line(clock_, Level::error, problem_);
    }
}

}  // namespace vc::engine
