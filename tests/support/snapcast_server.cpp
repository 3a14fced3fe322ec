#include "tests/support/snapcast_server.hpp"

#include <catch2/catch.hpp>

#include <csignal>
#include <cstring>
#include <fstream>
#include <thread>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "tests/support/fixtures.hpp"

namespace vc::test {

bool accepts_connections(std::uint16_t port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return false;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    ::close(fd);
    return ok;
}

SnapServer::SnapServer(const std::filesystem::path& dir, const std::string& stream_lines,
                       std::uint16_t control_port, std::uint16_t client_port)
    : client_port_(client_port) {
    REQUIRE(std::system("command -v snapserver >/dev/null") == 0);
    std::filesystem::create_directories(dir / "data");
    const auto conf = dir / "snapserver.conf";
    std::ofstream(conf) << ("[server]\ndatadir = " + (dir / "data").string() +
                            "\n[http]\nenabled = false\n[tcp]\nport = " +
                            std::to_string(control_port) + "\n[logging]\nsink = stderr\n" +
                            stream_lines + "port = " + std::to_string(client_port) + "\n");
    process_ =
        std::make_unique<ChildProcess>(std::vector<std::string>{"snapserver", "-c", conf.string()},
                                       std::map<std::string, std::string>{}, dir);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!accepts_connections(control_port) && process_->running() &&
           std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    INFO("snapserver said:\n" << process_->err());
    REQUIRE(accepts_connections(control_port));
}

SnapClient::SnapClient(const std::filesystem::path& dir, const std::string& host_id,
                       std::uint16_t server_port, const std::string& pulse_sink)
    : file_(dir / (host_id + ".raw")) {
    REQUIRE(std::system("command -v snapclient >/dev/null") == 0);
    std::filesystem::create_directories(dir);
    std::vector<std::string> argv{
        "snapclient", "-h", "127.0.0.1", "-p", std::to_string(server_port), "--hostID", host_id};
    if (pulse_sink.empty()) {
        argv.insert(argv.end(), {"--player", "file:filename=" + file_.string() + ",mode=w"});
    } else {
        argv.insert(argv.end(), {"--player", "pulse", "-s", pulse_sink});
    }
    argv.insert(argv.end(), {"--logsink", "stderr"});
    process_ = std::make_unique<ChildProcess>(argv, std::map<std::string, std::string>{}, dir);
}

std::vector<float> SnapClient::stop() {
    process_->signal(SIGTERM);
    if (!process_->wait_for_exit(std::chrono::seconds(5))) process_->signal(SIGKILL);
    process_->wait_for_exit(std::chrono::seconds(5));
    if (!std::filesystem::exists(file_)) return {};  // a pulse player
    const std::string bytes = read_bytes(file_);
    std::vector<float> left;
    left.reserve(bytes.size() / 4);
    for (std::size_t i = 0; i + 4 <= bytes.size(); i += 4) {
        std::int16_t s = 0;
        std::memcpy(&s, bytes.data() + i, sizeof s);
        left.push_back(static_cast<float>(s) / 32768.0F);
    }
    return left;
}

}  // namespace vc::test
