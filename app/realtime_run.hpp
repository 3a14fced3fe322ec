#pragma once
// `villagecast run`: the service on one Boost.Asio event loop in real time. The loop owns every
// timer, signal, file watch and the as-run log; the audio stream's decoding thread only posts
// its events to the loop.

#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>

#include "app/reload_preparer.hpp"
#include "app/snapcast_reception.hpp"
#include "core/clock.hpp"
#include "engine/page_inputs.hpp"
#include "engine/realtime_chain.hpp"
#include "engine/service.hpp"
#include "health/health_monitor.hpp"
#include "os/clock_step_watcher.hpp"
#include "os/command_runner.hpp"
#include "os/file_watcher.hpp"
#include "os/key_switch.hpp"
#include "os/systemd_notify.hpp"

namespace vc::control {
class ControlServer;
class LoopActions;
}  // namespace vc::control

namespace vc::app {

class RealtimeRun {
  public:
    RealtimeRun(station::StationState& station, asrun::AsrunWriter& audit, SystemClock& clock,
                const std::string& output_spec, engine::ServiceOptions options);
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
    void give_back_memory();
    void request_stop(const std::string& reason);
    /// SIGHUP or a changed file: new clips are analysed off the loop, then apply_reload().
    void reload();
    /// [page] push_to_talk: pressing the key starts a page from the microphone, releasing it
    /// ends the page.
    void start_push_to_talk();
    void on_push_to_talk(bool pressed);
    void apply_reload();

    station::StationState& station_;
    asrun::AsrunWriter& audit_;
    SystemClock& clock_;
    boost::asio::io_context io_;
    ReloadPreparer preparer_{io_};
    std::unique_ptr<os::ThreadCommandLauncher> commands_;  ///< amplifier commands
    std::unique_ptr<engine::RealtimeChain> chain_;
    std::unique_ptr<engine::PageInputs> pages_;  ///< the microphone and the browsers' pages
    /// The Snapcast zones' receivers, for the as-run rows (read from station.toml at the start).
    std::unique_ptr<SnapcastReception> reception_;
    std::unique_ptr<engine::Service> service_;
    boost::asio::steady_timer timer_;
    boost::asio::steady_timer stop_timer_;
    boost::asio::signal_set signals_;
    os::SystemdNotifier notifier_{io_, clock_};
    std::unique_ptr<health::HealthMonitor> health_;
    std::unique_ptr<os::ClockStepWatcher> step_watcher_;
    std::unique_ptr<os::FileWatcher> file_watcher_;
    std::unique_ptr<os::KeySwitch> push_to_talk_;
    std::string key_page_;  ///< the page the key holds open, or ""
    std::unique_ptr<control::LoopActions> control_actions_;
    std::unique_ptr<control::ControlServer> control_;
    Instant last_wall_{};
    MonoTime last_mono_{};
    bool stopping_ = false;
};

}  // namespace vc::app
