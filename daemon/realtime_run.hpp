#pragma once
// `villagecast run`: the service on one Boost.Asio event loop in real time. The loop owns every
// timer, signal, file watch and the as-run log; the audio stream's decoding thread only posts
// its events to the loop.

#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>

#include "core/clock.hpp"
#include "daemon/clock_step_watcher.hpp"
#include "daemon/command_runner.hpp"
#include "daemon/file_watcher.hpp"
#include "daemon/health/health_monitor.hpp"
#include "daemon/realtime_chain.hpp"
#include "daemon/service.hpp"
#include "daemon/systemd_notify.hpp"

namespace vc::control {
class ControlServer;
class LoopActions;
}  // namespace vc::control

namespace vc::daemon {

class RealtimeRun {
  public:
    RealtimeRun(StationState& station, AuditWriter& audit, SystemClock& clock,
                const std::string& output_spec, ServiceOptions options);
    ~RealtimeRun();
    /// Runs until SIGTERM or SIGINT (the airing fades out over 0.5 s and is logged as
    /// interrupted). SIGHUP and edits to the station's files reload them. Returns the exit code.
    int run(const std::string& version);

  private:
    /// The control API and console ([control] in station.toml), unless listen = "off".
    void start_control(const std::string& version);
    /// Stops it and writes the refused logins it still counted.
    void stop_control();
    void rearm();
    void on_wake();
    void note_time();
    void request_stop(const std::string& reason);
    void reload();

    StationState& station_;
    AuditWriter& audit_;
    SystemClock& clock_;
    boost::asio::io_context io_;
    std::unique_ptr<ThreadCommandLauncher> commands_;  ///< amplifier commands
    std::unique_ptr<RealtimeChain> chain_;
    std::unique_ptr<Service> service_;
    boost::asio::steady_timer timer_;
    boost::asio::steady_timer stop_timer_;
    boost::asio::signal_set signals_;
    SystemdNotifier notifier_{io_, clock_};
    std::unique_ptr<HealthMonitor> health_;
    std::unique_ptr<ClockStepWatcher> step_watcher_;
    std::unique_ptr<FileWatcher> file_watcher_;
    std::unique_ptr<control::LoopActions> control_actions_;
    std::unique_ptr<control::ControlServer> control_;
    Instant last_wall_{};
    MonoTime last_mono_{};
    bool stopping_ = false;
};

}  // namespace vc::daemon
