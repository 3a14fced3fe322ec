// station.toml's [control]: where the console and control API listen (the rule itself is in
// listen_address.cpp), its certificate, the request size limits and the console's files.

#include "station/listen_address.hpp"
#include "station/section_readers.hpp"

namespace vc::station {
namespace {

/// A path key relative to the station folder (or absolute) that must name a file or a folder.
std::filesystem::path read_path(TomlTable& t, const std::filesystem::path& root,
                                std::string_view key, bool folder) {
    auto text = t.get_string(key);
    if (!text) return {};
    if (text->empty()) return {};
    std::filesystem::path p = *text;
    if (p.is_relative()) p = root / p;
    std::error_code ec;
    bool ok =
        folder ? std::filesystem::is_directory(p, ec) : std::filesystem::is_regular_file(p, ec);
    if (!ok) {
        t.error_at(key, "`" + std::string(key) + "` in [control]: " + p.string() +
                            (folder ? " is not a folder" : " is not a file") +
                            " (a path relative to the station folder, or absolute)");
        return {};
    }
    return p;
}

/// `upload_limit` or `body_limit`: a size ("64MB") or a positive number of bytes.
void read_limit(TomlTable& t, std::string_view key, std::uint64_t& out) {
    const auto* n = t.get_node(key);
    if (!n) return;
    std::optional<std::uint64_t> bytes;
    if (n->is_integer() && *n->value<std::int64_t>() > 0) {
        bytes = static_cast<std::uint64_t>(*n->value<std::int64_t>());
    } else if (n->is_string()) {
        bytes = parse_byte_size(*n->value<std::string>());
    }
    if (!bytes || *bytes == 0) {
        t.error(pos_of(*n), "`" + std::string(key) +
                                "` in [control] must be a size such as \"64MB\", \"500KB\" "
                                "or \"64MiB\"");
        return;
    }
    out = *bytes;
}

/// `listen`: "off", or an address and port that plain HTTP may use, or any with TLS set.
void read_listen(TomlTable& t, ControlSettings& out) {
    auto listen = t.get_string("listen");
    if (!listen) return;
    const std::string& l = *listen;
    if (l == "off") {
        out.listen = l;
        return;
    }
    auto address = try_parse_listen_address(l);
    if (!address) {
        t.error_at("listen", "`listen` in [control]: \"" + l +
                                 "\" is not an address and port such as \"127.0.0.1:8470\", "
                                 "\"[::1]:8470\" or \"0.0.0.0:8470\" (or \"off\")");
    } else if (!listen_allowed(*address, out.tls())) {
        t.error_at("listen", "`listen` in [control]: \"" + l +
                                 "\" is reachable from the network, so the console must use "
                                 "HTTPS: set `tls_cert` and `tls_key` in [control], or listen "
                                 "on \"127.0.0.1:PORT\" only");
    } else {
        out.listen = l;
    }
}

}  // namespace

void read_control(TomlTable& t, const std::filesystem::path& root, ControlSettings& out) {
    out.tls_cert = read_path(t, root, "tls_cert", false);
    out.tls_key = read_path(t, root, "tls_key", false);
    out.web_root = read_path(t, root, "web_root", true);
    if (t.has("tls_cert") != t.has("tls_key")) {
        t.error_at(t.has("tls_cert") ? "tls_cert" : "tls_key",
                   "[control] needs both `tls_cert` and `tls_key` (a PEM certificate and its "
                   "private key), or neither");
    }
    read_limit(t, "upload_limit", out.upload_limit);
    read_limit(t, "body_limit", out.body_limit);
    // After the certificate: the address may need it.
    read_listen(t, out);
    t.report_unknown_keys();
}

}  // namespace vc::station
