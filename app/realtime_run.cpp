#include "app/realtime_run.hpp"

#include <malloc.h>

#include <csignal>
#include <utility>

#include <boost/asio/post.hpp>

#include "control/control_server.hpp"
#include "control/loop_actions.hpp"
#include "core/log.hpp"
#include "engine/station_outputs.hpp"

namespace vc::app {

RealtimeRun::RealtimeRun(station::StationState& station, asrun::AsrunWriter& audit,
                         SystemClock& clock, const std::string& output_spec,
                         engine::ServiceOptions options)
    : station_(station),
      audit_(audit),
      clock_(clock),
      timer_(io_),
      stop_timer_(io_),
      signals_(io_, SIGINT, SIGTERM, SIGHUP) {
    // What happens to the villages' receivers and to snapserver itself goes to the as-run log
    // and the health alarms, from the loop.
    reception_ =
        std::make_unique<SnapcastReception>(station.station(), clock, [this](SnapcastNotice n) {
            boost::asio::post(io_, [this, n = std::move(n)] {
                audit_.write(n.at, n.action);
                if (n.problem && health_) health_->set_snapcast_problem(*n.problem);
            });
        });
    // Each Snapcast stream's output learns from the daemon's listener on it when snapserver
    // really started the stream.
    auto outputs = engine::station_output_options(station.station());
    for (auto& [stream, address] : outputs.snapcast) address.watch = reception_->watch(stream);
    chain_ = std::make_unique<engine::RealtimeChain>(
        output_spec, station.station().output_format(), station.station().ceiling,
        station.station().duck_db, clock,
        [this](const audio::StreamEvent& e) {
            boost::asio::post(io_, [this, e] {
                note_time();
                service_->on_stream_event(e);
                if (stopping_ && service_->done()) io_.stop();
                rearm();
            });
        },
        outputs, engine::more_outputs(station.station()));
    if (options.aircheck) {
        chain_->set_tap(
            [rec = options.aircheck](std::int64_t first, const float* samples,
                                     std::int64_t frames) { rec->record(first, samples, frames); });
    }
    // Amplifier commands run on threads of their own; their results come back to the loop.
    commands_ = std::make_unique<os::ThreadCommandLauncher>([this](std::function<void()> done) {
        boost::asio::post(io_, [this, done = std::move(done)] {
            note_time();
            done();
            rearm();
        });
    });
    options.commands = commands_.get();
    pages_ = std::make_unique<engine::PageInputs>(station);
    options.live = pages_.get();
    options.reception = reception_.get();
    service_ = std::make_unique<engine::Service>(station, audit, *chain_, clock, options);
    health_ = std::make_unique<health::HealthMonitor>(io_, audit, station.station(),
                                                      options.aircheck, clock);
}

RealtimeRun::~RealtimeRun() = default;

void RealtimeRun::give_back_memory() {
    // Loading a station parses every file into short-lived trees (TOML, the library index) that
    // leave the heap's free pages resident; an idle daemon gives them back to the system.
    malloc_trim(0);
}

void RealtimeRun::note_time() {
    last_wall_ = clock_.now();
    last_mono_ = clock_.monotonic();
}

int RealtimeRun::run(const std::string& version) {
    // Its settings and certificate are checked before the log says the daemon started; its
    // requests reach the loop only once the loop runs.
    start_control(version);
    note_time();
    service_->start(clock_.now(), version);
    health_->start();
    give_back_memory();
    log_line(clock_, Level::info,
             "villagecast " + version + " is running for " + station_.station().name + " (" +
                 station_.station().root.string() + "), output " + chain_->name());
    step_watcher_ = std::make_unique<os::ClockStepWatcher>(io_, [this] {
        Instant expected =
            last_wall_ + std::chrono::duration_cast<Millis>(clock_.monotonic() - last_mono_);
        note_time();
        service_->on_clock_step(expected, clock_.now());
        rearm();
    });
    file_watcher_ =
        std::make_unique<os::FileWatcher>(io_, station_.station().root, [this] { reload(); });
    start_push_to_talk();
    std::function<void(const boost::system::error_code&, int)> on_signal =
        [this, &on_signal](const boost::system::error_code& ec, int sig) {
            if (ec) return;
            if (sig == SIGHUP) {
                reload();
            } else {
                request_stop(sig == SIGTERM ? "SIGTERM" : "SIGINT");
            }
            signals_.async_wait(on_signal);
        };
    signals_.async_wait(on_signal);
    rearm();
    notifier_.start();
    notifier_.status("running for " + station_.station().name + ", output " + chain_->name());
    io_.run();
    stop_control();
    note_time();
    service_->finish(clock_.now());
    log_line(clock_, Level::info, "villagecast stopped");
    return 0;
}

void RealtimeRun::start_control(const std::string& version) {
    if (!station_.station().control.enabled()) return;
    // After each action (a reload among them) the loop re-plans its next wake-up.
    control_actions_ =
        std::make_unique<control::LoopActions>(*service_, station_, audit_, clock_, [this] {
            note_time();
            health_->set_station(station_.station());
            rearm();
        });
    control_actions_->health = [this] { return nlohmann::json(health_->status()); };
    control_actions_->pages = pages_.get();
    control_ = std::make_unique<control::ControlServer>(
        control::server_settings(station_.station(), version, clock_.now()), io_, *control_actions_,
        clock_);
    control_->start();
}

void RealtimeRun::start_push_to_talk() {
    const station::PageSettings& page = station_.station().page;
    if (page.push_to_talk.empty()) return;
    push_to_talk_ = std::make_unique<os::KeySwitch>(
        io_, page.push_to_talk, page.push_to_talk_key,
        [this](bool pressed) { on_push_to_talk(pressed); },
        [this](const std::string& problem) { log_line(clock_, Level::warning, problem); });
    log_line(clock_, Level::info,
             "push-to-talk: " + page.push_to_talk_key + " on " + page.push_to_talk.string() +
                 " pages from the microphone as " + page.push_to_talk_operator);
}

void RealtimeRun::on_push_to_talk(bool pressed) {
    if (stopping_) return;
    note_time();
    const std::string who = station_.station().page.push_to_talk_operator;
    try {
        if (pressed && key_page_.empty()) {
            engine::ManualAiring page;
            page.priority = scheduler::Priority::urgent;
            page.who = who;
            page.live = "microphone";
            key_page_ = service_->air_now(clock_.now(), page);
        } else if (!pressed && !key_page_.empty()) {
            const std::string ending = std::exchange(key_page_, "");
            service_->end_page(clock_.now(), ending, who);
        }
    } catch (const std::exception& e) {
        // A page that ended by itself (page_max, a lost input) cannot be ended again.
        log_line(clock_, Level::warning, std::string("push-to-talk: ") + e.what());
    }
    rearm();
}

void RealtimeRun::stop_control() {
    if (!control_) return;
    auto counts = control_->stop();
    if (!counts.empty()) control_actions_->logins_refused(counts);
}

void RealtimeRun::reload() {
    if (stopping_) return;
    preparer_.request(station_.station().root, [this] {
        if (!stopping_) apply_reload();
    });
}

void RealtimeRun::apply_reload() {
    notifier_.reloading();
    note_time();
    service_->reload(clock_.now());
    give_back_memory();
    health_->set_station(station_.station());
    rearm();
    notifier_.ready();
}

void RealtimeRun::request_stop(const std::string& reason) {
    if (stopping_) return;
    stopping_ = true;
    notifier_.stopping();
    health_->stop();
    note_time();
    log_line(clock_, Level::info, reason + ": fading out and stopping");
    service_->stop(clock_.now(), reason);
    if (service_->done()) {
        io_.stop();
        return;
    }
    // The stream reports each faded airing's end; do not wait for ever on a stuck device.
    stop_timer_.expires_after(std::chrono::seconds(3));
    stop_timer_.async_wait([this](const boost::system::error_code& ec) {
        if (!ec) io_.stop();
    });
}

void RealtimeRun::rearm() {
    auto next = service_->next_wakeup();
    timer_.cancel();
    if (!next) return;
    // The wall instant becomes a monotonic deadline now; a clock step re-arms through the
    // step watcher, so the timer never fires minutes late.
    auto in = *next - clock_.now();
    if (in < Millis(0)) in = Millis(0);
    timer_.expires_at(clock_.monotonic() + in);
    timer_.async_wait([this](const boost::system::error_code& ec) {
        if (ec) return;
        on_wake();
    });
}

void RealtimeRun::on_wake() {
    note_time();
    service_->wake(clock_.now());
    if (stopping_ && service_->done()) {
        io_.stop();
        return;
    }
    rearm();
}

}  // namespace vc::app
