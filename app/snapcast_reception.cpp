#include "app/snapcast_reception.hpp"

#include <chrono>

#include "core/diagnostic.hpp"
#include "core/log.hpp"
#include "station/zone_resolution.hpp"

namespace vc::app {

namespace {
using std::chrono::seconds;
/// snapserver is asked for its whole status this often between notifications, which also
/// shows that the connection still works.
constexpr auto ask_every = seconds(5);
/// An answer slower than this counts as a lost connection.
constexpr auto answer_within = seconds(3);
/// After a lost connection, the next try comes this much later.
constexpr auto retry_after = seconds(1);
/// A receiver that will not stay on its zone's stream is put back at most this often.
constexpr auto put_back_every = seconds(30);
}  // namespace

SnapcastReception::SnapcastReception(const station::Station& st, Clock& clock,
                                     std::function<void(SnapcastNotice)> notify)
    : address_{st.snapcast.host, st.snapcast.control_port},
      clock_(clock),
      notify_(std::move(notify)) {
    for (const auto& z : st.zones) {
        if (z.output.kind != station::ZoneOutput::Kind::snapcast) continue;
        stream_of_[z.name] = z.output.stream;
        zone_of_[z.output.stream] = z.name;
        for (const auto& r : z.receivers) home_[r] = z.output.stream;
    }
    for (const auto& s : station::snapcast_streams(st)) {
        home_[snapcast::listener_id(s.stream)] = s.stream;
        listeners_[s.stream] = std::make_shared<snapcast::StreamListener>(
            snapcast::ListenerAddress{st.snapcast.host, st.snapcast.receiver_port, s.stream,
                                      static_cast<std::uint16_t>(s.port)},
            clock);
    }
    if (!stream_of_.empty()) thread_ = std::thread([this] { follow_until_stopped(); });
}

SnapcastReception::~SnapcastReception() {
    {
        std::lock_guard lock(wait_mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void SnapcastReception::tell(std::string action, std::string detail, bool ok,
                             std::optional<std::string> problem) {
    log_line(clock_, ok ? Level::info : Level::warning, detail);
    if (notify_)
        notify_({clock_.now(), asrun::SystemAction{std::move(action), std::move(detail), ok},
                 std::move(problem)});
}

void SnapcastReception::follow_until_stopped() {
    while (!stopping_) {
        std::string why;
        try {
            snapcast::ControlConnection connection(address_, std::chrono::seconds(2));
            follow(connection);
        } catch (const std::exception& e) {
            why = e.what();
        }
        if (stopping_) break;
        {
            std::lock_guard lock(mutex_);
            tracker_.lose();
            why_ = why;
        }
        if (!lost_) {
            lost_ = true;
            const std::string alarm =
                why + ": which village receivers hear an airing is unknown, and logged so";
            tell("snapserver-lost", alarm, false, alarm);
        }
        std::unique_lock lock(wait_mutex_);
        wake_.wait_for(lock, retry_after, [this] { return stopping_.load(); });
    }
}

void SnapcastReception::follow(snapcast::ControlConnection& connection) {
    using clock = std::chrono::steady_clock;
    // The id of the status request not yet answered, or 0 (ids start at 1).
    std::int64_t waiting = connection.send("Server.GetStatus");
    auto asked_at = clock::now();
    while (!stopping_) {
        auto line = connection.next(Millis(250));
        if (line && line->contains("id")) {
            if (waiting != 0 && (*line)["id"] == waiting) {
                take(
                    snapcast::parse_server_status(connection.result_of(*line, "Server.GetStatus")));
                waiting = 0;
            }
        } else if (line) {
            bool need_status = false;
            std::optional<snapcast::ReceiverChange> change;
            {
                std::lock_guard lock(mutex_);
                change = tracker_.notified(*line, clock_.now(), need_status);
            }
            if (change) report(*change);
            if (need_status && waiting == 0) {
                waiting = connection.send("Server.GetStatus");
                asked_at = clock::now();
            }
        }
        const auto now = clock::now();
        if (waiting == 0 && now - asked_at >= ask_every) {
            waiting = connection.send("Server.GetStatus");
            asked_at = now;
        }
        if (waiting != 0 && now - asked_at > answer_within)
            throw UserError(snapcast::describe(address_) +
                            " did not answer Server.GetStatus within " +
                            format_duration(answer_within));
    }
}

void SnapcastReception::take(const snapcast::ServerStatus& status) {
    std::vector<snapcast::ReceiverChange> changes;
    {
        std::lock_guard lock(mutex_);
        changes = tracker_.update(status, clock_.now());
        why_.clear();
    }
    if (lost_) {
        lost_ = false;
        tell("snapserver-back",
             snapcast::describe(address_) +
                 " answers again: which village receivers hear an "
                 "airing is known again",
             true, "");
    }
    for (const auto& c : changes) report(c);
    keep_assignments(status);
}

void SnapcastReception::report(const snapcast::ReceiverChange& change) {
    const auto zone = zone_of_.find(change.stream);
    if (zone == zone_of_.end()) return;  // not a stream of this station's villages
    const std::string who =
        "receiver " + change.receiver + " of " + zone->second + " (stream " + change.stream + ")";
    if (change.connected)
        tell("receiver-back", who + " is connected again", true);
    else
        tell("receiver-left", who + " is no longer connected", false);
}

std::shared_ptr<audio::MarkerWatch> SnapcastReception::watch(const std::string& stream) const {
    const auto it = listeners_.find(stream);
    return it == listeners_.end() ? nullptr : it->second;
}

void SnapcastReception::keep_assignments(const snapcast::ServerStatus& status) {
    for (const auto* list : {&status.receivers, &status.listeners})
        for (const auto& r : *list) keep_assignment(r, list == &status.listeners);
}

void SnapcastReception::keep_assignment(const snapcast::Receiver& r, bool own) {
    const auto home = home_.find(r.id);
    if (home == home_.end() || r.stream == home->second) return;
    const auto now = clock_.monotonic();
    if (auto t = tried_.find(r.id); t != tried_.end() && now - t->second < put_back_every) return;
    tried_[r.id] = now;
    // The daemon's own listener is no village's receiver: only the daemon's log says so.
    const std::string what = own ? "the daemon's listener " + r.id + " on stream " + home->second +
                                       " (snapserver had it on " + r.stream + ")"
                                 : "receiver " + r.id + " back on " + zone_of_[home->second] +
                                       "'s stream " + home->second + " (snapserver had it on " +
                                       r.stream + "), as station.toml's `receivers` says";
    try {
        snapcast::assign_receiver(address_, r.id, home->second);
        if (own)
            log_line(clock_, Level::info, "put " + what);
        else
            tell("receiver-assigned", "put " + what, true);
    } catch (const std::exception& e) {
        if (own)
            log_line(clock_, Level::warning, "could not put " + what + ": " + e.what());
        else
            tell("receiver-assigned", "could not put " + what + ": " + e.what(), false);
    }
}

std::optional<asrun::Reception> SnapcastReception::reception(const std::string& zone) const {
    const auto stream = stream_of_.find(zone);
    if (stream == stream_of_.end()) return std::nullopt;
    std::lock_guard lock(mutex_);
    asrun::Reception r;
    const auto* status = tracker_.status();
    if (!status) {
        r.why = why_;
        return r;
    }
    r.known = true;
    for (const auto& receiver : status->receivers) {
        if (receiver.stream != stream->second) continue;
        (receiver.connected ? r.connected : r.missing).push_back(receiver.id);
    }
    return r;
}

std::vector<asrun::ReceptionDrop> SnapcastReception::drops(const std::string& zone, Instant from,
                                                           Instant to) const {
    const auto stream = stream_of_.find(zone);
    if (stream == stream_of_.end()) return {};
    std::vector<snapcast::ReceiverChange> changes;
    {
        std::lock_guard lock(mutex_);
        changes = tracker_.changes(stream->second, from, to);
    }
    std::vector<asrun::ReceptionDrop> out;
    for (const auto& c : changes) {
        if (!c.connected) {
            out.push_back({c.receiver, c.at, std::nullopt});
            continue;
        }
        for (auto d = out.rbegin(); d != out.rend(); ++d) {
            if (d->receiver != c.receiver) continue;
            if (!d->back) d->back = c.at;
            break;
        }
    }
    return out;
}

}  // namespace vc::app
