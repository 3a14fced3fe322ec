#pragma once
// What snapserver knows of its receivers (Server.GetStatus), and putting one receiver on a
// stream (Group.SetClients, Group.SetStream): the villages' side of a Snapcast station.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "snapcast/control_connection.hpp"

namespace vc::snapcast {

/// The receiver IDs the daemon's own listeners (StreamListener) give themselves.
inline constexpr std::string_view listener_prefix = "villagecast-listener-";
/// The ID of the listener on `stream`.
std::string listener_id(std::string_view stream);

/// One snapclient as snapserver knows it.
struct Receiver {
    std::string id;    ///< its host ID (snapclient --hostID; by default its MAC address)
    std::string name;  ///< the name given to it (Client.SetName), else its host name
    std::string ip;
    std::string group;   ///< the id of its group
    std::string stream;  ///< the stream its group plays
    bool connected = false;
    std::int64_t last_seen = 0;  ///< Unix seconds
    bool operator==(const Receiver&) const = default;
};

/// Server.GetStatus, read.
struct ServerStatus {
    std::vector<Receiver> receivers;  ///< in snapserver's order (by group)
    std::vector<std::string> streams;
    /// The daemon's own listeners (IDs starting with listener_prefix), which are not villages'
    /// receivers: receiver lists and reception leave them out.
    std::vector<Receiver> listeners;
    /// The receiver (or listener) with this id, or else the receiver with this name; null
    /// when there is none.
    [[nodiscard]] const Receiver* find(std::string_view id_or_name) const;
};

/// Reads Server.GetStatus's result. Throws UserError saying what is missing when it is not the
/// shape snapserver 0.26 answers with. Pure.
ServerStatus parse_server_status(const nlohmann::json& result);

/// Asks snapserver for its status (Server.GetStatus).
ServerStatus server_status(const ControlAddress& address);

/// Puts one receiver on `stream`: alone in a group of its own first, when its group holds
/// others (so that they stay where they are), then that group on the stream. Returns the
/// receiver as snapserver then knows it. Throws UserError for an unknown receiver (listing
/// them) or a stream snapserver does not have.
Receiver assign_receiver(const ControlAddress& address, std::string_view receiver,
                         const std::string& stream);

}  // namespace vc::snapcast
