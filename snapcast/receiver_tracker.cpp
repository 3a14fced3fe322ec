#include "snapcast/receiver_tracker.hpp"

#include <map>

namespace vc::snapcast {

void ReceiverTracker::remember(const ReceiverChange& change) {
    history_.push_back(change);
    while (history_.size() > keep_) history_.pop_front();
}

std::vector<ReceiverChange> ReceiverTracker::update(ServerStatus status, Instant at) {
    std::vector<ReceiverChange> out;
    if (ever_) {
        std::map<std::string, const Receiver*> before;
        for (const auto& r : last_.receivers) before[r.id] = &r;
        for (const auto& r : status.receivers) {
            const auto was = before.find(r.id);
            const bool was_connected = was != before.end() && was->second->connected;
            if (was != before.end()) before.erase(was);
            if (was_connected != r.connected) out.push_back({at, r.id, r.stream, r.connected});
        }
        for (const auto& [id, r] : before)
            if (r->connected) out.push_back({at, id, r->stream, false});
    }
    for (const auto& c : out) remember(c);
    last_ = std::move(status);
    known_ = ever_ = true;
    return out;
}

std::optional<ReceiverChange> ReceiverTracker::notified(const nlohmann::json& notification,
                                                        Instant at, bool& need_status) {
    const std::string method = notification.value("method", "");
    if (method.empty()) return std::nullopt;  // an answer, not a notification
    const bool connecting = method == "Client.OnConnect";
    if (!connecting && method != "Client.OnDisconnect") {
        // Groups and clients moved, renamed or deleted: the whole status says it best. The
        // streams' own notifications (playing, idle, properties) change nothing here.
        if (!method.starts_with("Stream.")) need_status = true;
        return std::nullopt;
    }
    const auto& params =
        notification.contains("params") ? notification["params"] : nlohmann::json::object();
    const std::string id = params.is_object() ? params.value("id", "") : "";
    for (auto& r : last_.receivers) {
        if (r.id != id) continue;
        if (!known_ || r.connected == connecting) return std::nullopt;
        r.connected = connecting;
        ReceiverChange change{at, r.id, r.stream, connecting};
        remember(change);
        return change;
    }
    need_status = true;
    return std::nullopt;
}

std::vector<ReceiverChange> ReceiverTracker::changes(const std::string& stream, Instant from,
                                                     Instant to) const {
    std::vector<ReceiverChange> out;
    for (const auto& c : history_)
        if (c.stream == stream && c.at >= from && c.at <= to) out.push_back(c);
    return out;
}

}  // namespace vc::snapcast
