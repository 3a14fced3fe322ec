#pragma once
// What the output stream reports about each airing: when it started, ended or failed, in frames.

#include <cstddef>
#include <cstdint>
#include <string>

namespace vc::audio {

/// Names one airing on the stream; chosen by whoever adds it (the daemon: its as-run airing id).
using AiringId = std::uint64_t;

/// Foreground airings are announcements; a background airing plays under them, ducked.
enum class Layer { foreground, background };

/// One thing that happened to an airing, at an exact output frame of the stream.
struct StreamEvent {
    enum class Kind { started, ended, failed };
    Kind kind = Kind::started;
    AiringId id = 0;
    /// started: the frame of its first sample; ended/failed: one past its last sample.
    std::int64_t frame = 0;
    /// ended: the whole timeline played unfaded (false: faded out, cancelled or cut by close).
    bool completed = false;
    /// failed: why (a clip's decoder message, or "output lost: ...").
    std::string error;
    /// Which of a chain's outputs it came from (set by a chain of several; a stream leaves 0).
    std::size_t output = 0;

    bool operator==(const StreamEvent&) const = default;
};

/// Whether `e` is an airing's last event (ended or failed).
inline bool is_terminal(const StreamEvent& e) {
    return e.kind != StreamEvent::Kind::started;
}

}  // namespace vc::audio
