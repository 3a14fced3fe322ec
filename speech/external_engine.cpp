#include "speech/external_engine.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <thread>

#include "audio/decode/decoder.hpp"
#include "audio/dsp/channel_map.hpp"
#include "core/diagnostic.hpp"
#include "speech/spoken_clip.hpp"

extern char** environ;

namespace vc::speech {

namespace {

/// A folder of its own under $TMPDIR, removed with everything in it.
class ScratchFolder {
  public:
    ScratchFolder() {
        const char* tmp = std::getenv("TMPDIR");
        std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/villagecast-tts.XXXXXX";
        if (::mkdtemp(pattern.data()) == nullptr)
            throw UserError("cannot make a scratch folder for the [tts] command in " +
                            pattern.substr(0, pattern.rfind('/')) + ": " + std::strerror(errno));
        path_ = pattern;
    }
    ~ScratchFolder() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    ScratchFolder(const ScratchFolder&) = delete;
    ScratchFolder& operator=(const ScratchFolder&) = delete;
    [[nodiscard]] const std::filesystem::path& path() const { return path_; }

  private:
    std::filesystem::path path_;
};

std::string joined(const std::vector<std::string>& argv) {
    std::string out;
    for (const auto& a : argv) out += (out.empty() ? "" : " ") + a;
    return out;
}

/// The last `most` bytes of a file, trimmed, or "" when it cannot be read.
std::string tail_of(const std::filesystem::path& file, std::size_t most) {
    std::ifstream in(file, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (text.size() > most) text = "…" + text.substr(text.size() - most);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
    return text;
}

/// Spawns argv with stdin from `in`, stdout and stderr into `err`; returns its pid.
pid_t spawn(const std::vector<std::string>& argv, const std::filesystem::path& in,
            const std::filesystem::path& err) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, in.c_str(), O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    pid_t pid = 0;
    const int rc = ::posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0)
        throw UserError(
            "the [tts] command `" + argv[0] + "` cannot start: " + std::strerror(rc) +
            (rc == ENOENT ? " (no such program: install it, or give its full path)" : ""));
    return pid;
}

}  // namespace

ExternalEngine::ExternalEngine(std::vector<std::string> command, std::chrono::milliseconds timeout)
    : command_(std::move(command)), timeout_(timeout) {}

std::string ExternalEngine::version() const {
    return "command: " + joined(command_);
}

SpeechAudio ExternalEngine::synthesise(const SpokenText& text, const SpokenSettings&) {
    if (command_.empty()) throw UserError("the [tts] command is empty");
    ScratchFolder scratch;
    const auto in = scratch.path() / "text.txt";
    const auto out = scratch.path() / "speech.wav";
    const auto err = scratch.path() / "output.txt";
    {
        std::ofstream f(in, std::ios::binary);
        f << text.normalised << '\n';
        if (!f) throw UserError("cannot write the text for the [tts] command to " + in.string());
    }
    std::vector<std::string> argv = command_;
    for (auto& a : argv)
        for (std::size_t at; (at = a.find(out_placeholder)) != std::string::npos;)
            a.replace(at, std::strlen(out_placeholder), out.string());

    const pid_t pid = spawn(argv, in, err);
    const auto deadline = std::chrono::steady_clock::now() + timeout_;
    int status = 0;
    while (true) {
        const pid_t r = ::waitpid(pid, &status, WNOHANG);
        if (r == pid) break;
        if (r < 0 && errno != EINTR)
            throw UserError("waiting for the [tts] command failed: " +
                            std::string(std::strerror(errno)));
        if (std::chrono::steady_clock::now() > deadline) {
            ::kill(pid, SIGKILL);
            ::waitpid(pid, &status, 0);
            throw UserError("the [tts] command `" + joined(command_) + "` ran longer than " +
                            std::to_string(timeout_.count() / 1000) +
                            " s (its `timeout` in [tts]) and was stopped");
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        const std::string why = WIFEXITED(status)
                                    ? "exited with status " + std::to_string(WEXITSTATUS(status))
                                    : "was killed by signal " + std::to_string(WTERMSIG(status));
        const std::string said = tail_of(err, 400);
        throw UserError("the [tts] command `" + joined(command_) + "` " + why +
                        (said.empty() ? "" : ": " + said));
    }
    std::error_code ec;
    if (!std::filesystem::is_regular_file(out, ec) || std::filesystem::file_size(out, ec) == 0)
        throw UserError("the [tts] command `" + joined(command_) +
                        "` wrote no audio where {out} stands; check that it writes its WAV to "
                        "the path given there");
    SpeechAudio audio;
    try {
        audio::Decoder decoder(out);
        audio.sample_rate = decoder.sample_rate();
        const audio::ChannelMap to_mono(decoder.channels(), 1);
        constexpr std::int64_t block_frames = 4096;
        std::vector<float> block(static_cast<std::size_t>(block_frames * decoder.channels()));
        while (true) {
            const std::int64_t n = decoder.read(block.data(), block_frames);
            if (n <= 0) break;
            const std::size_t at = audio.samples.size();
            audio.samples.resize(at + static_cast<std::size_t>(n));
            to_mono.apply(block.data(), audio.samples.data() + at, n);
        }
    } catch (const UserError& e) {
        throw UserError("the [tts] command's audio cannot be read: " + std::string(e.what()));
    }
    return audio;
}

}  // namespace vc::speech
