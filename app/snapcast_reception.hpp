#pragma once
// The receivers of a station's Snapcast zones, as snapserver reports them: asked once a second
// on a thread of its own (Server.GetStatus on the control port), so that the loop never waits on
// the network. A zone's reception is its stream's receivers, connected or not; while snapserver
// cannot be asked, it is unknown, with why, and nothing is claimed.

#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "core/clock.hpp"
#include "engine/reception.hpp"
#include "snapcast/server_status.hpp"
#include "station/station.hpp"

namespace vc::app {

class SnapcastReception final : public engine::ReceptionSource {
  public:
    /// Starts asking when the station has Snapcast zones (else reception() is always nullopt).
    SnapcastReception(const station::Station& st, Clock& clock);
    ~SnapcastReception() override;
    SnapcastReception(const SnapcastReception&) = delete;
    SnapcastReception& operator=(const SnapcastReception&) = delete;

    [[nodiscard]] std::optional<asrun::Reception> reception(const std::string& zone) const override;

  private:
    void ask_until_stopped();

    snapcast::ControlAddress address_;
    Clock& clock_;
    std::map<std::string, std::string> stream_of_;  ///< zone -> its Snapcast stream
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::optional<snapcast::ServerStatus> status_;  ///< the last answer, while answers come
    std::string why_ = "snapserver has not been asked yet";
    std::thread thread_;
};

}  // namespace vc::app
