#pragma once
// Who could hear a zone: the receivers of a zone on a Snapcast stream, connected or not, as
// snapserver reports them. The airings of such a zone carry it in their as-run rows, at their
// first and last sample, with those that left between.

#include <optional>
#include <string>
#include <vector>

#include "asrun/event.hpp"

namespace vc::engine {

/// Loop thread.
class ReceptionSource {
  public:
    virtual ~ReceptionSource() = default;
    /// Zone `zone`'s receivers now: known, or unknown with why (snapserver cannot be asked);
    /// nullopt for a zone that is not on a Snapcast stream.
    [[nodiscard]] virtual std::optional<asrun::Reception> reception(
        const std::string& zone) const = 0;
    /// The receivers of `zone` that left in [from, to], in order, each with when it came back
    /// within it, if it did; empty for a zone that is not on a Snapcast stream.
    [[nodiscard]] virtual std::vector<asrun::ReceptionDrop> drops(const std::string& zone,
                                                                  Instant from,
                                                                  Instant to) const = 0;
};

}  // namespace vc::engine
