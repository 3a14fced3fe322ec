#include "daemon/realtime_run.hpp"

#include <csignal>

#include <boost/asio/post.hpp>

#include "daemon/log.hpp"

namespace vc::daemon {

RealtimeRun::RealtimeRun(StationState& station, AuditWriter& audit, SystemClock& clock,
                         const std::string& output_spec, ServiceOptions options)
    : station_(station),
      clock_(clock),
      timer_(io_),
      stop_timer_(io_),
      signals_(io_, SIGINT, SIGTERM, SIGHUP) {
    chain_ = std::make_unique<RealtimeChain>(output_spec, station.station().output_format(),
                                             station.station().ceiling, station.station().duck_db,
                                             clock, [this](const audio::StreamEvent& e) {
                                                 boost::asio::post(io_, [this, e] {
                                                     note_time();
                                                     service_->on_stream_event(e);
                                                     if (stopping_ && service_->done()) io_.stop();
                                                     rearm();
                                                 });
                                             });
    if (options.aircheck) {
        chain_->set_tap(
            [rec = options.aircheck](std::int64_t first, const float* samples,
                                     std::int64_t frames) { rec->record(first, samples, frames); });
    }
    service_ = std::make_unique<Service>(station, audit, *chain_, clock, options);
}

RealtimeRun::~RealtimeRun() = default;

void RealtimeRun::note_time() {
    last_wall_ = clock_.now();
    last_mono_ = clock_.monotonic();
}

int RealtimeRun::run(const std::string& version) {
    note_time();
    service_->start(clock_.now(), version);
    log_line(clock_, Level::info,
             "villagecast " + version + " is running for " + station_.station().name + " (" +
                 station_.station().root.string() + "), output " + chain_->name());
    step_watcher_ = std::make_unique<ClockStepWatcher>(io_, [this] {
        Instant expected =
            last_wall_ + std::chrono::duration_cast<Millis>(clock_.monotonic() - last_mono_);
        note_time();
        service_->on_clock_step(expected, clock_.now());
        rearm();
    });
    file_watcher_ = std::make_unique<FileWatcher>(io_, station_.station().root, [this] {
        note_time();
        service_->reload(clock_.now());
        rearm();
    });
    std::function<void(const boost::system::error_code&, int)> on_signal =
        [this, &on_signal](const boost::system::error_code& ec, int sig) {
            if (ec) return;
            if (sig == SIGHUP) {
                note_time();
                service_->reload(clock_.now());
                rearm();
            } else {
                request_stop(sig == SIGTERM ? "SIGTERM" : "SIGINT");
            }
            signals_.async_wait(on_signal);
        };
    signals_.async_wait(on_signal);
    rearm();
    io_.run();
    note_time();
    service_->finish(clock_.now());
    log_line(clock_, Level::info, "villagecast stopped");
    return 0;
}

void RealtimeRun::request_stop(const std::string& reason) {
    if (stopping_) return;
    stopping_ = true;
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

}  // namespace vc::daemon
