#pragma once
// Refused logins counted per source address and minute, so that a flood of bad tokens costs
// one as-run event per address and minute, never one per request.

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/instant.hpp"

namespace vc::control {

/// One address's refusals in one minute.
struct RefusedLogins {
    std::string address;
    Instant minute{};  ///< the minute's start (UTC)
    int count = 0;
};

/// Used by the server's thread only.
class LoginCounter {
  public:
    /// Counts a refused login from `address` at `now`.
    void refuse(const std::string& address, Instant now);
    /// The counts of every minute that ended before `now`, oldest first; they are forgotten.
    std::vector<RefusedLogins> take_finished(Instant now);
    /// Every count, finished or not (the daemon stops).
    std::vector<RefusedLogins> take_all();
    /// True when any count waits.
    [[nodiscard]] bool empty() const { return counts_.empty(); }

  private:
    std::map<std::pair<Instant, std::string>, int> counts_;
};

}  // namespace vc::control
