#include "health/health_monitor.hpp"

#include <system_error>

#include <date/date.h>

#include "asrun/event.hpp"
#include "core/log.hpp"

namespace vc::health {
namespace {

std::string utc_text(Instant t) {
    return date::format("%FT%TZ", t);
}

/// "180 days", "36 hours", or format_duration's form for what is not whole days or hours.
std::string keep_text(Millis keep) {
    using std::chrono::hours;
    if (keep.count() > 0 && keep % hours(24) == Millis(0))
        return std::to_string(keep / hours(24)) + " days";
    if (keep.count() > 0 && keep % hours(1) == Millis(0))
        return std::to_string(keep / hours(1)) + " hours";
    return format_duration(keep);
}

}  // namespace

HealthMonitor::HealthMonitor(boost::asio::io_context& io, asrun::AsrunWriter& audit,
                             const station::Station& station, engine::AircheckRecorder* aircheck,
                             const Clock& clock, HealthOptions options)
    : audit_(audit),
      aircheck_(aircheck),
      clock_(clock),
      options_(options),
      keep_(station.aircheck_keep),
      disk_alarm_(station.disk_alarm),
      check_timer_(io),
      prune_timer_(io) {
    set_station(station);
}

HealthMonitor::~HealthMonitor() {
    stop();
}

void HealthMonitor::set_station(const station::Station& station) {
    state_dir_ = station.state_dir();
    aircheck_dir_ = station.aircheck_dir();
    keep_ = station.aircheck_keep;
    disk_alarm_.set_threshold(station.disk_alarm);
    status_.state_dir = state_dir_;
    status_.disk_alarm = station.disk_alarm;
    status_.aircheck_keep = keep_;
}

void HealthMonitor::start() {
    check_now();
    prune(clock_.now());
    next_check_ = next_prune_ = clock_.monotonic();
    arm_check();
    arm_prune();
}

void HealthMonitor::stop() {
    check_timer_.cancel();
    prune_timer_.cancel();
}

void HealthMonitor::check_now() {
    std::optional<ClockSync> sync;
    try {
        sync = read_clock_sync();
        status_.clock_problem.clear();
    } catch (const std::system_error& e) {
        if (status_.clock_problem != e.what()) log_line(clock_, Level::warning, e.what());
        status_.clock_problem = e.what();
    }
    check(clock_.now(), sync);
}

void HealthMonitor::arm_check() {
    next_check_ += options_.check_every;
    auto mono = clock_.monotonic();
    if (next_check_ <= mono) next_check_ = mono + options_.check_every;
    check_timer_.expires_at(next_check_);
    check_timer_.async_wait([this](const boost::system::error_code& ec) {
        if (ec) return;
        check_now();
        arm_check();
    });
}

void HealthMonitor::arm_prune() {
    next_prune_ += options_.prune_every;
    auto mono = clock_.monotonic();
    if (next_prune_ <= mono) next_prune_ = mono + options_.prune_every;
    prune_timer_.expires_at(next_prune_);
    prune_timer_.async_wait([this](const boost::system::error_code& ec) {
        if (ec) return;
        prune(clock_.now());
        arm_prune();
    });
}

void HealthMonitor::check(Instant now, const std::optional<ClockSync>& clock) {
    status_.last_check = now;
    audit_.check_file(now);
    check_disk(now);
    if (clock) check_clock(now, *clock);
}

void HealthMonitor::check_disk(Instant now) {
    DiskSpace space;
    try {
        space = disk_space(state_dir_);
    } catch (const std::exception& e) {
        if (status_.disk_problem != e.what()) log_line(clock_, Level::warning, e.what());
        status_.disk_problem = e.what();
        status_.disk_available.reset();
        return;
    }
    status_.disk_problem.clear();
    status_.disk_available = space.available;
    status_.disk_capacity = space.capacity;
    const std::string figures = format_bytes(space.available) + " free under " +
                                state_dir_.string() + ", alarm below " +
                                format_bytes(disk_alarm_.threshold());
    switch (disk_alarm_.update(space.available)) {
        case DiskAlarm::Change::raised: {
            if (aircheck_) aircheck_->pause();
            std::string detail = figures + (aircheck_ ? "; air-check recording paused" : "");
            audit_.write(now, asrun::SystemAction{"disk-low", detail, false});
            log_line(clock_, Level::warning,
                     "disk space low: " + detail +
                         ". Free some space or move old air-checks "
                         "elsewhere");
            break;
        }
        case DiskAlarm::Change::cleared: {
            if (aircheck_) aircheck_->resume();
            std::string detail = figures + (aircheck_ ? "; air-check recording resumed" : "");
            audit_.write(now, asrun::SystemAction{"disk-ok", detail, true});
            log_line(clock_, Level::info, "disk space back: " + detail);
            break;
        }
        case DiskAlarm::Change::none:
            break;
    }
    status_.disk_low = disk_alarm_.raised();
    status_.aircheck_paused = aircheck_ && aircheck_->paused();
}

void HealthMonitor::check_clock(Instant now, const ClockSync& clock) {
    // Until the first answer the clock counts as synchronised: a clock that is not is an
    // alarm at start, one that is needs no event.
    bool was = !status_.clock || status_.clock->synchronised;
    status_.clock = clock;
    if (was == clock.synchronised) return;
    std::string detail = "the kernel says the system clock is " + describe(clock);
    if (clock.synchronised) {
        audit_.write(now, asrun::SystemAction{"clock-synchronised", detail, true});
        log_line(clock_, Level::info, detail);
    } else {
        audit_.write(now, asrun::SystemAction{"clock-unsynchronised", detail, false});
        log_line(clock_, Level::warning,
                 detail + "; every scheduled time depends on the system clock");
    }
}

PruneResult HealthMonitor::prune(Instant now) {
    PruneResult result = prune_airchecks(aircheck_dir_, keep_, now);
    std::uint64_t bytes = 0;
    for (const auto& f : result.deleted) {
        bytes += f.bytes;
        audit_.write(
            now, asrun::SystemAction{"aircheck-deleted",
                                     f.file.string() + " (aired " + utc_text(f.aired) + ", " +
                                         format_bytes(f.bytes) + ", kept " + keep_text(keep_) + ")",
                                     true});
    }
    if (!result.deleted.empty())
        log_line(clock_, Level::info,
                 "deleted " + std::to_string(result.deleted.size()) + " air-check(s) older than " +
                     keep_text(keep_) + " (" + format_bytes(bytes) + ") from " +
                     aircheck_dir_.string());
    for (const auto& p : result.problems) log_line(clock_, Level::warning, p);
    status_.last_prune = now;
    status_.last_prune_deleted = result.deleted.size();
    return result;
}

HealthStatus HealthMonitor::status() const {
    HealthStatus s = status_;
    s.log_problem = audit_.lost_log_alarm();
    return s;
}

}  // namespace vc::health
