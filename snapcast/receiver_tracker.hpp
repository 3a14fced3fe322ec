#pragma once
// Which receivers are connected, followed over time: each new Server.GetStatus answer and each
// Client.OnConnect / Client.OnDisconnect notification is compared with what was known before,
// and every receiver that came or went is a change with the instant it was seen. Pure: the
// caller says when.

#include <cstddef>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/instant.hpp"
#include "snapcast/server_status.hpp"

namespace vc::snapcast {

/// A receiver that connected or left.
struct ReceiverChange {
    Instant at{};
    std::string receiver;  ///< its id
    std::string stream;    ///< the stream its group plays
    bool connected = false;
    bool operator==(const ReceiverChange&) const = default;
};

class ReceiverTracker {
  public:
    /// `keep`: how many changes are remembered (the oldest are forgotten first).
    explicit ReceiverTracker(std::size_t keep = 4096) : keep_(keep) {}

    /// Takes a status seen at `at` and returns the changes since the last one known (before a
    /// lost connection too). A receiver snapserver did not know before counts as connecting
    /// when it is connected; one it no longer knows, as leaving when it was connected. The
    /// first status ever seen is no change.
    std::vector<ReceiverChange> update(ServerStatus status, Instant at);
    /// Takes a notification: Client.OnConnect or Client.OnDisconnect of a known receiver
    /// changes its `connected` at `at` and returns the change, if it is one. Returns nullopt
    /// for everything else; `need_status` is set when the notification says something the
    /// tracker cannot follow alone (a receiver it does not know, a group or stream change).
    std::optional<ReceiverChange> notified(const nlohmann::json& notification, Instant at,
                                           bool& need_status);
    /// snapserver can no longer be asked: status() is nullopt until the next update(); what it
    /// last said stays for comparing.
    void lose() { known_ = false; }

    /// The status while snapserver answers; nullopt before its first answer and after lose().
    [[nodiscard]] const ServerStatus* status() const { return known_ ? &last_ : nullptr; }
    /// The changes of receivers on `stream` seen in [from, to], oldest first.
    [[nodiscard]] std::vector<ReceiverChange> changes(const std::string& stream, Instant from,
                                                      Instant to) const;

  private:
    void remember(const ReceiverChange& change);

    std::size_t keep_;
    bool known_ = false;
    bool ever_ = false;
    ServerStatus last_;
    std::deque<ReceiverChange> history_;
};

}  // namespace vc::snapcast
