#include "snapcast/server_status.hpp"

#include <algorithm>

#include "core/diagnostic.hpp"

namespace vc::snapcast {

namespace {

const nlohmann::json& member(const nlohmann::json& j, const char* key, const std::string& where) {
    if (!j.is_object() || !j.contains(key))
        throw UserError("snapserver's status has no `" + std::string(key) + "` in " + where);
    return j[key];
}

std::string text(const nlohmann::json& j, const char* key, const std::string& where) {
    const auto& v = member(j, key, where);
    if (!v.is_string())
        throw UserError("snapserver's status: `" + std::string(key) + "` in " + where +
                        " is not text");
    return v.get<std::string>();
}

/// The text at `key` of an object, or "" when there is none (an optional field).
std::string optional_text(const nlohmann::json& j, const char* key) {
    if (!j.is_object()) return "";
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

Receiver read_client(const nlohmann::json& c, const std::string& group, const std::string& stream) {
    Receiver r;
    r.id = text(c, "id", "a client");
    const std::string where = "client " + r.id;
    r.group = group;
    r.stream = stream;
    const auto& connected = member(c, "connected", where);
    r.connected = connected.is_boolean() && connected.get<bool>();
    const auto& host = member(c, "host", where);
    r.ip = optional_text(host, "ip");
    const std::string host_name = optional_text(host, "name");
    r.name = optional_text(member(c, "config", where), "name");
    if (r.name.empty()) r.name = host_name;
    const auto& seen = member(c, "lastSeen", where);
    if (seen.is_object() && seen.contains("sec") && seen["sec"].is_number_integer())
        r.last_seen = seen["sec"].get<std::int64_t>();
    return r;
}

}  // namespace

std::string listener_id(std::string_view stream) {
    return std::string(listener_prefix) + std::string(stream);
}

const Receiver* ServerStatus::find(std::string_view id_or_name) const {
    for (const auto* list : {&receivers, &listeners})
        for (const auto& r : *list)
            if (r.id == id_or_name) return &r;
    for (const auto& r : receivers)
        if (r.name == id_or_name) return &r;
    return nullptr;
}

ServerStatus parse_server_status(const nlohmann::json& result) {
    const auto& server = member(result, "server", "the answer");
    ServerStatus status;
    const auto& streams = member(server, "streams", "`server`");
    if (!streams.is_array()) throw UserError("snapserver's status: `streams` is not a list");
    for (const auto& s : streams) status.streams.push_back(text(s, "id", "a stream"));
    const auto& groups = member(server, "groups", "`server`");
    if (!groups.is_array()) throw UserError("snapserver's status: `groups` is not a list");
    for (const auto& g : groups) {
        const std::string id = text(g, "id", "a group");
        const std::string stream = text(g, "stream_id", "group " + id);
        const auto& clients = member(g, "clients", "group " + id);
        if (!clients.is_array())
            throw UserError("snapserver's status: `clients` of group " + id + " is not a list");
        for (const auto& c : clients) {
            Receiver r = read_client(c, id, stream);
            (r.id.starts_with(listener_prefix) ? status.listeners : status.receivers)
                .push_back(std::move(r));
        }
    }
    return status;
}

ServerStatus server_status(const ControlAddress& address) {
    return parse_server_status(call(address, "Server.GetStatus"));
}

Receiver assign_receiver(const ControlAddress& address, std::string_view receiver,
                         const std::string& stream) {
    auto status = server_status(address);
    const Receiver* r = status.find(receiver);
    if (!r) {
        std::string known;
        for (const auto& k : status.receivers) known += (known.empty() ? "" : ", ") + k.id;
        throw UserError("snapserver knows no receiver \"" + std::string(receiver) + "\" (" +
                        (known.empty() ? "it knows none yet: is snapclient running on the "
                                         "village's receiver, pointed at this server?"
                                       : "it knows " + known) +
                        ")");
    }
    if (std::find(status.streams.begin(), status.streams.end(), stream) == status.streams.end())
        throw UserError("snapserver has no stream \"" + stream +
                        "\": add the lines `villagecast snapcast config` prints to "
                        "snapserver.conf and restart snapserver");
    const std::string id = r->id;
    std::vector<std::string> others;
    for (const auto* list : {&status.receivers, &status.listeners})
        for (const auto& k : *list)
            if (k.group == r->group && k.id != id) others.push_back(k.id);
    if (!others.empty()) {
        // The group keeps the others; snapserver gives the receiver a group of its own.
        call(address, "Group.SetClients", {{"id", r->group}, {"clients", others}});
        status = server_status(address);
        r = status.find(id);
        if (!r) throw UserError("snapserver lost receiver \"" + id + "\" while it was moved");
    }
    call(address, "Group.SetStream", {{"id", r->group}, {"stream_id", stream}});
    status = server_status(address);
    r = status.find(id);
    if (!r) throw UserError("snapserver lost receiver \"" + id + "\" while it was moved");
    return *r;
}

}  // namespace vc::snapcast
