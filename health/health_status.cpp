#include "health/health_status.hpp"

#include "health/disk_space.hpp"

namespace vc::health {

std::vector<std::string> HealthStatus::alarms() const {
    std::vector<std::string> out;
    if (disk_low && disk_available)
        out.push_back("disk space low: " + format_bytes(*disk_available) + " free under " +
                      state_dir.string() + ", below the alarm at " + format_bytes(disk_alarm) +
                      (aircheck_paused ? "; air-check recording is paused" : "") +
                      ". Free some space or move old air-checks elsewhere");
    if (!disk_problem.empty()) out.push_back(disk_problem);
    if (clock_alarm()) out.push_back("system clock " + describe(*clock));
    if (!clock_problem.empty()) out.push_back(clock_problem);
    if (!log_problem.empty()) out.push_back(log_problem);
    if (!snapcast_problem.empty()) out.push_back(snapcast_problem);
    return out;
}

void to_json(nlohmann::json& out, const HealthStatus& s) {
    auto millis = [](const std::optional<Instant>& t) -> nlohmann::json {
        if (!t) return nullptr;
        return t->time_since_epoch().count();
    };
    nlohmann::json free = nullptr;
    if (s.disk_available) free = *s.disk_available;
    nlohmann::json synchronised = nullptr, estimated = nullptr, max = nullptr;
    if (s.clock) {
        synchronised = s.clock->synchronised;
        estimated = s.clock->estimated_error.count();
        max = s.clock->max_error.count();
    }
    out = {{"disk",
            {{"folder", s.state_dir.string()},
             {"free_bytes", free},
             {"capacity_bytes", s.disk_capacity},
             {"alarm_bytes", s.disk_alarm},
             {"alarm", s.disk_low},
             {"aircheck_paused", s.aircheck_paused},
             {"problem", s.disk_problem}}},
           {"clock",
            {{"synchronised", synchronised},
             {"estimated_error_us", estimated},
             {"max_error_us", max},
             {"problem", s.clock_problem}}},
           {"aircheck",
            {{"keep_ms", s.aircheck_keep.count()},
             {"last_prune_ms", millis(s.last_prune)},
             {"last_prune_deleted", s.last_prune_deleted}}},
           {"log", {{"problem", s.log_problem}}},
           {"snapcast", {{"problem", s.snapcast_problem}}},
           {"last_check_ms", millis(s.last_check)},
           {"alarms", s.alarms()}};
}

}  // namespace vc::health
