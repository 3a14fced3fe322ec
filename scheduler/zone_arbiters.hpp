#pragma once
// The conflict rules per zone: one Arbiter for each zone, each occurrence given to the Arbiter
// of its zone (Occurrence::zone), so that one foreground and one background airing at a time,
// preemption, waiting and late windows hold in every village on its own. `plan` and the daemon
// both run it, so they agree zone by zone.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "scheduler/arbiter.hpp"

namespace vc::scheduler {

/// One Arbiter per zone, made when the zone's first occurrence comes due (the zone "" is the one
/// output of a station without zones). Airing ids are its own, unique across the zones; every
/// decision carries the occurrence, and so its zone. Same contract and thread rule as Arbiter.
class ZoneArbiters {
  public:
    /// Throws std::invalid_argument when a duration in `config` is negative.
    explicit ZoneArbiters(ArbiterConfig config = {});

    /// Arbiter::due, by the rules of `occurrence.zone`.
    std::vector<Decision> due(const Occurrence& occurrence, Instant now,
                              std::string_view late_reason = default_late_reason);
    /// Arbiter::ended. Throws std::invalid_argument for an airing it is not running.
    std::vector<Decision> ended(AiringId airing, Instant now, EndKind kind,
                                std::string_view reason = {});
    /// Arbiter::tick in every zone, their decisions in zone order.
    std::vector<Decision> tick(Instant now);
    /// Arbiter::withdraw in every zone, their decisions in zone order.
    std::vector<Decision> withdraw(const std::string& broadcast, Instant now,
                                   std::string_view reason);

    /// The earliest of the zones' deadlines.
    [[nodiscard]] std::optional<Instant> next_deadline() const;
    /// Every zone's waiting occurrences (zone by zone, each in queue order).
    [[nodiscard]] std::vector<Occurrence> waiting() const;
    /// Every zone's held occurrences (zone by zone).
    [[nodiscard]] std::vector<Occurrence> held() const;
    /// True when nothing is held, waiting or airing in any zone.
    [[nodiscard]] bool idle() const;
    [[nodiscard]] const ArbiterConfig& config() const { return config_; }

  private:
    Arbiter& of(const std::string& zone);
    /// One of Arbiter's lists (waiting, held) of every zone, zone by zone.
    std::vector<Occurrence> every_zone(std::vector<Occurrence> (Arbiter::*list)() const) const;
    /// Turns the zone's airing ids into this object's ids.
    std::vector<Decision> translate(const std::string& zone, std::vector<Decision> decisions);

    ArbiterConfig config_;
    std::map<std::string, Arbiter> zones_;
    std::uint64_t next_id_ = 1;
    std::map<std::pair<std::string, AiringId>, AiringId> ours_;    ///< (zone, its id) -> ours
    std::map<AiringId, std::pair<std::string, AiringId>> theirs_;  ///< ours -> (zone, its id)
};

}  // namespace vc::scheduler
