#pragma once
// Feeds the schedule's occurrences to the Arbiter as their preparation lead begins, holds them
// while the output cannot open, and catches up after a restart, a reload or a clock step.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "core/duration.hpp"
#include "engine/airing_book.hpp"
#include "engine/airings_in_flight.hpp"
#include "engine/amp_sequencer.hpp"
#include "engine/output_keeper.hpp"
#include "scheduler/zone_arbiters.hpp"
#include "station/station_state.hpp"

namespace vc::engine {

/// Loop thread only.
class OccurrenceFeed {
  public:
    /// `lead`: prepare (open the output, announce) this long before an occurrence, or longer
    /// when the amplifier needs it.
    OccurrenceFeed(const station::StationState& station, scheduler::ZoneArbiters& arbiter,
                   AiringsInFlight& airings, AiringBook& book, OutputKeeper& output,
                   AmpSequencer& amp, const Clock& clock, Millis lead);

    /// Every occurrence scheduled at or before `cursor` counts as announced.
    void start_from(Instant cursor) { cursor_ = cursor; }
    /// Announces every occurrence whose preparation begins at or before `now`, except those
    /// with a final outcome already. `late_reason`: why one is missed if it comes too late.
    void announce_until(Instant now, std::string_view late_reason);
    /// Gives `occurrence` to the Arbiter, switching the amplifier on for it and opening the
    /// output; while the output cannot open, it is held.
    void feed(const scheduler::Occurrence& occurrence, Instant now, std::string_view late_reason);
    /// Feeds again what was held for the output; what waited past its late window is missed.
    void release_held(Instant now);
    /// Announces what a reload added between now and the cursor.
    void announce_added(Instant now);
    /// The clock was stepped forward over more than a day to `now`: feeds what may still start
    /// within its late window and returns how many occurrences it passed over.
    std::int64_t skip_to(Instant now);

    /// When the next occurrence is prepared.
    [[nodiscard]] std::optional<Instant> next_announcement() const;
    /// When the late window of a held occurrence ends.
    [[nodiscard]] std::optional<Instant> next_held_deadline() const;
    /// The next scheduled occurrence not yet announced.
    [[nodiscard]] std::optional<scheduler::Occurrence> next() const;
    /// Occurrences are held for the output.
    [[nodiscard]] bool holding() const { return !held_.empty(); }
    /// Those held for the output.
    [[nodiscard]] std::vector<scheduler::Occurrence> held() const;
    /// How long before an occurrence it is prepared (longer when the amplifier needs it).
    [[nodiscard]] Millis lead() const { return std::max(lead_, amp_.lead()); }

  private:
    const station::StationState& station_;
    scheduler::ZoneArbiters& arbiter_;
    AiringsInFlight& airings_;
    AiringBook& book_;
    OutputKeeper& output_;
    AmpSequencer& amp_;
    const Clock& clock_;
    Millis lead_;
    Instant cursor_{};  ///< every occurrence scheduled at or before it is announced
    std::vector<std::pair<scheduler::Occurrence, std::string>> held_;  ///< waiting for the output
};

}  // namespace vc::engine
