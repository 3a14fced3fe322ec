#pragma once
// The airings the Arbiter started and that have not ended yet: carries out its decisions on the
// output (start, fade out, withdraw), waits for a lost output, and hands each end back to it.

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "audio/stream/stream_event.hpp"
#include "core/clock.hpp"
#include "core/duration.hpp"
#include "core/log.hpp"
#include "engine/air_chain.hpp"
#include "engine/aircheck_recorder.hpp"
#include "engine/airing_book.hpp"
#include "engine/amp_sequencer.hpp"
#include "engine/live_inputs.hpp"
#include "engine/output_keeper.hpp"
#include "engine/reception.hpp"
#include "scheduler/zone_arbiters.hpp"
#include "station/station_state.hpp"

namespace vc::engine {

/// Loop thread only.
class AiringsInFlight {
  public:
    struct Airing {
        scheduler::Occurrence occurrence;
        std::string log_id;  ///< the as-run log's airing id
        std::int64_t start_frame = 0;
        Instant planned_start;
        std::optional<Instant> actual_start;
        Instant next_progress;
        std::string faded_by;  ///< a FadeOut's `by`
        bool withdrawn = false;
        Millis length{0};              ///< the timeline's length
        bool awaiting_output = false;  ///< started by the rules while the device is away
        /// A page that ends as aired, not interrupted, when its fade ends: why it was ended
        /// ("released by operator 王芳", "page_max 5m reached").
        std::string released_by{};
        /// A page: the frame at which page_max ends it, and when its input is next checked.
        std::optional<std::int64_t> page_max_frame{};
        bool page_max_set = false;  ///< its fade to page_max_frame is placed
        Instant next_input_check{};
        bool recorded = false;   ///< the air-check records it
        std::size_t output = 0;  ///< which of the chain's outputs it plays on
        /// Its zone's receivers at its first sample (a zone on a Snapcast stream).
        std::optional<asrun::Reception> reception_start{};
    };

    /// `aircheck`: records each airing when set. `progress_every`: a `progress` row per airing
    /// this often.
    AiringsInFlight(const station::StationState& station, AirChain& chain,
                    scheduler::ZoneArbiters& arbiter, OutputKeeper& output, AmpSequencer& amp,
                    AiringBook& book, const Clock& clock, AircheckRecorder* aircheck,
                    Millis progress_every, LiveInputs* live = nullptr,
                    bool aircheck_pages_only = false, ReceptionSource* reception = nullptr);

    /// Carries out the Arbiter's decisions.
    void handle(std::vector<scheduler::Decision> decisions, Instant now);
    /// An event of the output stream. Returns true when it ended one of these airings.
    bool on_stream_event(const audio::StreamEvent& event);
    /// Starts the airings that waited for the output once it is back; ends those whose late
    /// window passed.
    void resume_awaiting(Instant now);
    /// Ends an airing that waited for the output and never began (`kind` failed: its late
    /// window passed; faded_out: the rules or a reload took it off by `by`).
    void drop_awaiting(std::uint64_t id, Instant now, scheduler::EndKind kind,
                       const std::string& by);
    /// Fades airing `id` out over the 0.5 s from now (or from the first frame still open); it
    /// ends as interrupted by `by`.
    void take_off(std::uint64_t id, Instant now, const std::string& by);
    /// Ends page `broadcast` (every zone's airing of it) as aired, `by` saying who released
    /// it; an airing of it that waits for its turn ends as soon as it would begin. Returns
    /// false when no airing of it is on the output.
    bool release_page(const std::string& broadcast, Instant now, const std::string& by);
    /// Ends the pages whose live input stopped delivering (interrupted: input lost).
    void check_inputs(Instant now);
    /// Writes the `progress` rows due at `now`.
    void write_progress(Instant now);
    /// The daemon stops (`reason`: "SIGTERM", ...): fades out what airs; the airings that end
    /// from now on end for good. Returns the occurrences that waited for the output and never
    /// began (the caller gives them their final outcome).
    std::vector<scheduler::Occurrence> stop_all(Instant now, const std::string& reason);
    /// The daemon stops before the output confirmed the end of every airing (a stuck device, a
    /// feeder far behind): each airing still open ends now, interrupted, for good.
    void end_unconfirmed(Instant now);

    [[nodiscard]] bool stopping() const { return stopping_; }
    [[nodiscard]] const std::string& stop_reason() const { return stop_reason_; }
    /// The next progress row or end of a late window of an airing awaiting the output.
    [[nodiscard]] std::optional<Instant> next_wakeup() const;
    /// By the Arbiter's airing id.
    [[nodiscard]] const std::map<std::uint64_t, Airing>& all() const { return airings_; }
    [[nodiscard]] bool empty() const { return airings_.empty(); }
    /// A page's latency as the daemon measures it: from its input (LiveInputs::input_delay)
    /// through the output to the listener (AirChain::delay). 0 for an airing of a file.
    [[nodiscard]] Millis live_latency(std::uint64_t id) const;

  private:
    void start_airing(const scheduler::Start& start, Instant now);
    /// Puts airing `id` on the output from `at` (or the first frame still open) and logs it.
    void begin_airing(std::uint64_t id, const scheduler::Occurrence& o, Instant at, Instant now,
                      Millis delay);
    void end_airing(audio::AiringId id, std::int64_t frame, scheduler::EndKind kind,
                    const std::string& error);
    /// The output frame an airing planned for `at` starts on: the one the airings of that instant
    /// placed before it took, while it is still open; else `at`'s frame or the first still open.
    std::int64_t frame_of_start(Instant at, Instant now);
    /// Fades an airing out so that it ends at `end_frame` (air-check included).
    void fade_out(std::uint64_t id, std::int64_t end_frame, Millis fade);
    [[nodiscard]] std::string page_max_reached() const;
    /// Fades it out over `fade` from now (or from the first frame still open).
    void fade_out_now(std::uint64_t id, Instant now, Millis fade = Millis(500));
    void log(Level level, const std::string& message) const;

    const station::StationState& station_;
    AirChain& chain_;
    scheduler::ZoneArbiters& arbiter_;
    OutputKeeper& output_;
    AmpSequencer& amp_;
    AiringBook& book_;
    const Clock& clock_;
    AircheckRecorder* aircheck_;
    Millis progress_every_;
    LiveInputs* live_;
    bool aircheck_pages_only_;                 ///< aircheck_ records pages, and nothing else
    ReceptionSource* reception_;               ///< may be null
    std::set<std::string> released_pages_;     ///< pages released before every zone's airing began
    std::map<std::uint64_t, Airing> airings_;  ///< by the arbiter's airing id
    std::map<Instant, std::int64_t> start_frames_;  ///< recent starts: planned instant -> frame
    bool stopping_ = false;
    std::string stop_reason_;
};

}  // namespace vc::engine
