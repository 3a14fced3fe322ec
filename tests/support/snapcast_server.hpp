#pragma once
// A private snapserver (Debian's) and snapclients that write what they would play to files, for
// testing the Snapcast path on one machine: their own configuration, ports and data folders.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "tests/support/child_process.hpp"

namespace vc::test {

/// Runs `snapserver` with a snapserver.conf in `dir`: the [stream] lines given (as
/// `villagecast snapcast config` prints them), JSON-RPC on `control_port`, the receivers on
/// `client_port`, no HTTP. Waits (up to 10 s) until it answers on `control_port`; stops it when
/// destroyed. Fails the test when snapserver is not installed or does not start.
class SnapServer {
  public:
    SnapServer(const std::filesystem::path& dir, const std::string& stream_lines,
               std::uint16_t control_port, std::uint16_t client_port);
    [[nodiscard]] std::uint16_t client_port() const { return client_port_; }
    /// What snapserver logged.
    [[nodiscard]] std::string log() const { return process_->err(); }
    [[nodiscard]] pid_t pid() const { return process_->pid(); }

  private:
    std::uint16_t client_port_;
    std::unique_ptr<ChildProcess> process_;
};

/// Runs `snapclient --hostID ID --player file`, which writes what it plays (16-bit stereo at
/// the stream's 48 kHz) to a file in `dir`; or, given `pulse_sink`, `--player pulse` playing
/// into that sink of the test's PulseAudio server, paced by its clock as by a sound card.
class SnapClient {
  public:
    SnapClient(const std::filesystem::path& dir, const std::string& host_id,
               std::uint16_t server_port, const std::string& pulse_sink = "");
    /// Stops the client and returns its left channel as floats (nothing for a pulse player).
    std::vector<float> stop();
    /// What snapclient logged.
    [[nodiscard]] std::string log() const { return process_->err(); }
    [[nodiscard]] pid_t pid() const { return process_->pid(); }

  private:
    std::filesystem::path file_;
    std::unique_ptr<ChildProcess> process_;
};

/// Whether something accepts TCP connections on 127.0.0.1:`port`.
bool accepts_connections(std::uint16_t port);

}  // namespace vc::test
