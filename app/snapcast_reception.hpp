#pragma once
// The receivers of a station's Snapcast zones, followed on a kept connection to snapserver's
// control port, on a thread of its own so that the loop never waits on the network: its
// status (Server.GetStatus) at connection and every few seconds, and its notifications
// (Client.OnConnect, Client.OnDisconnect) as they come, each timed when it arrives.
//  - A zone's reception is its stream's receivers, connected or not; while snapserver cannot be
//    asked, it is unknown, with why, and nothing is claimed.
//  - A receiver of a zone that leaves or comes back, snapserver lost and answering again, a
//    receiver put back on its zone's stream: each is a notice for the as-run log.
//  - A receiver that station.toml names in a zone's `receivers` and snapserver has on another
//    stream is put back on the zone's stream.
//  - Each stream has a listener of the daemon's own (snapcast::StreamListener), kept on it the
//    same way, which tells the stream's output when snapserver really started the stream.

#include <atomic>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.hpp"
#include "engine/reception.hpp"
#include "snapcast/receiver_tracker.hpp"
#include "snapcast/stream_listener.hpp"
#include "station/station.hpp"

namespace vc::app {

/// Something the as-run log should hold: a `system` event, and for the connection itself the
/// health alarm's new state.
struct SnapcastNotice {
    Instant at{};
    asrun::SystemAction action;
    /// Set when snapserver was lost ("why") or answers again (""): the health alarm's text.
    std::optional<std::string> problem;
};

class SnapcastReception final : public engine::ReceptionSource {
  public:
    /// Starts following when the station has Snapcast zones (else reception() is always
    /// nullopt). `notify` is called on the follower's thread.
    SnapcastReception(const station::Station& st, Clock& clock,
                      std::function<void(SnapcastNotice)> notify);
    ~SnapcastReception() override;
    SnapcastReception(const SnapcastReception&) = delete;
    SnapcastReception& operator=(const SnapcastReception&) = delete;

    /// The listener on `stream` (a Snapcast stream of the station), for its output; null for
    /// another stream.
    [[nodiscard]] std::shared_ptr<audio::MarkerWatch> watch(const std::string& stream) const;

    [[nodiscard]] std::optional<asrun::Reception> reception(const std::string& zone) const override;
    [[nodiscard]] std::vector<asrun::ReceptionDrop> drops(const std::string& zone, Instant from,
                                                          Instant to) const override;

  private:
    void follow_until_stopped();
    void follow(snapcast::ControlConnection& connection);
    void take(const snapcast::ServerStatus& status);
    void report(const snapcast::ReceiverChange& change);
    void keep_assignments(const snapcast::ServerStatus& status);
    /// Puts one receiver (`own`: one of the daemon's listeners) on its stream when it is not.
    void keep_assignment(const snapcast::Receiver& r, bool own);
    void tell(std::string action, std::string detail, bool ok,
              std::optional<std::string> problem = std::nullopt);

    snapcast::ControlAddress address_;
    Clock& clock_;
    std::function<void(SnapcastNotice)> notify_;
    std::map<std::string, std::string> stream_of_;  ///< zone -> its Snapcast stream
    std::map<std::string, std::string> zone_of_;    ///< stream -> its zone
    std::map<std::string, std::string> home_;       ///< receiver -> its zone's stream
    std::map<std::string, MonoTime> tried_;         ///< receiver -> when it was last put back
    /// stream -> the daemon's listener on it
    std::map<std::string, std::shared_ptr<snapcast::StreamListener>> listeners_;
    std::atomic<bool> stopping_{false};
    std::mutex wait_mutex_;
    std::condition_variable wake_;
    bool lost_ = false;  ///< follower thread: the loss was told
    mutable std::mutex mutex_;
    snapcast::ReceiverTracker tracker_;
    std::string why_ = "snapserver has not answered yet";
    std::thread thread_;
};

}  // namespace vc::app
