#include "app/snapcast_reception.hpp"

#include <chrono>

#include "core/log.hpp"

namespace vc::app {

namespace {
/// How often snapserver is asked: a receiver that drops shows within this.
constexpr auto ask_every = std::chrono::seconds(1);
}  // namespace

SnapcastReception::SnapcastReception(const station::Station& st, Clock& clock)
    : address_{st.snapcast.host, st.snapcast.control_port}, clock_(clock) {
    for (const auto& z : st.zones)
        if (z.output.kind == station::ZoneOutput::Kind::snapcast)
            stream_of_[z.name] = z.output.stream;
    if (!stream_of_.empty()) thread_ = std::thread([this] { ask_until_stopped(); });
}

SnapcastReception::~SnapcastReception() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void SnapcastReception::ask_until_stopped() {
    bool answered = true;  // so that a first failure is said once
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        lock.unlock();
        std::optional<snapcast::ServerStatus> status;
        std::string why;
        try {
            status = snapcast::server_status(address_);
        } catch (const std::exception& e) {
            why = e.what();
        }
        if (status && !answered)
            log_line(clock_, Level::info, "snapserver answers again: reception is known");
        if (!status && answered)
            log_line(clock_, Level::warning,
                     why + ": which village receivers hear an airing is unknown, and logged so");
        answered = status.has_value();
        lock.lock();
        status_ = std::move(status);
        why_ = why;
        wake_.wait_for(lock, ask_every, [this] { return stopping_; });
    }
}

std::optional<asrun::Reception> SnapcastReception::reception(const std::string& zone) const {
    const auto stream = stream_of_.find(zone);
    if (stream == stream_of_.end()) return std::nullopt;
    std::lock_guard lock(mutex_);
    asrun::Reception r;
    if (!status_) {
        r.why = why_;
        return r;
    }
    r.known = true;
    for (const auto& receiver : status_->receivers) {
        if (receiver.stream != stream->second) continue;
        (receiver.connected ? r.connected : r.missing).push_back(receiver.id);
    }
    return r;
}

}  // namespace vc::app
