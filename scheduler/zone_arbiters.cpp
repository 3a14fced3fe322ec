#include "scheduler/zone_arbiters.hpp"

#include <stdexcept>
#include <type_traits>

namespace vc::scheduler {

ZoneArbiters::ZoneArbiters(ArbiterConfig config) : config_(config) {
    Arbiter check(config);  // throws for a negative duration, as Arbiter does
}

Arbiter& ZoneArbiters::of(const std::string& zone) {
    auto it = zones_.find(zone);
    if (it == zones_.end()) it = zones_.emplace(zone, Arbiter(config_)).first;
    return it->second;
}

std::vector<Decision> ZoneArbiters::translate(const std::string& zone,
                                              std::vector<Decision> decisions) {
    for (auto& d : decisions) {
        std::visit(
            [&](auto& x) {
                using T = std::decay_t<decltype(x)>;
                if constexpr (std::is_same_v<T, Start>) {
                    const AiringId ours{next_id_++};
                    ours_[{zone, x.airing}] = ours;
                    theirs_[ours] = {zone, x.airing};
                    x.airing = ours;
                } else if constexpr (std::is_same_v<T, FadeOut> || std::is_same_v<T, Withdraw>) {
                    const auto it = ours_.find({zone, x.airing});
                    if (it == ours_.end())
                        throw std::logic_error("an airing the zone never started");
                    const AiringId local = x.airing;
                    x.airing = it->second;
                    if constexpr (std::is_same_v<T, Withdraw>) {
                        theirs_.erase(it->second);
                        ours_.erase({zone, local});
                    }
                }
            },
            d);
    }
    return decisions;
}

std::vector<Decision> ZoneArbiters::due(const Occurrence& occurrence, Instant now,
                                        std::string_view late_reason) {
    return translate(occurrence.zone, of(occurrence.zone).due(occurrence, now, late_reason));
}

std::vector<Decision> ZoneArbiters::ended(AiringId airing, Instant now, EndKind kind,
                                          std::string_view reason) {
    const auto it = theirs_.find(airing);
    if (it == theirs_.end())
        throw std::invalid_argument("airing " + std::to_string(static_cast<std::uint64_t>(airing)) +
                                    " is not running");
    const auto [zone, local] = it->second;
    auto decisions = zones_.at(zone).ended(local, now, kind, reason);
    theirs_.erase(it);
    ours_.erase({zone, local});
    return translate(zone, std::move(decisions));
}

std::vector<Decision> ZoneArbiters::tick(Instant now) {
    std::vector<Decision> out;
    for (auto& [zone, arbiter] : zones_) {
        auto d = translate(zone, arbiter.tick(now));
        out.insert(out.end(), std::make_move_iterator(d.begin()), std::make_move_iterator(d.end()));
    }
    return out;
}

std::vector<Decision> ZoneArbiters::withdraw(const std::string& broadcast, Instant now,
                                             std::string_view reason) {
    std::vector<Decision> out;
    for (auto& [zone, arbiter] : zones_) {
        auto d = translate(zone, arbiter.withdraw(broadcast, now, reason));
        out.insert(out.end(), std::make_move_iterator(d.begin()), std::make_move_iterator(d.end()));
    }
    return out;
}

std::optional<Instant> ZoneArbiters::next_deadline() const {
    std::optional<Instant> next;
    for (const auto& [zone, arbiter] : zones_)
        if (auto d = arbiter.next_deadline(); d && (!next || *d < *next)) next = d;
    return next;
}

std::vector<Occurrence> ZoneArbiters::every_zone(std::vector<Occurrence> (Arbiter::*list)()
                                                     const) const {
    std::vector<Occurrence> out;
    for (const auto& [zone, arbiter] : zones_) {
        auto part = (arbiter.*list)();
        out.insert(out.end(), part.begin(), part.end());
    }
    return out;
}

std::vector<Occurrence> ZoneArbiters::waiting() const {
    return every_zone(&Arbiter::waiting);
}

std::vector<Occurrence> ZoneArbiters::held() const {
    return every_zone(&Arbiter::held);
}

bool ZoneArbiters::idle() const {
    for (const auto& [zone, arbiter] : zones_)
        if (!arbiter.idle()) return false;
    return true;
}

}  // namespace vc::scheduler
