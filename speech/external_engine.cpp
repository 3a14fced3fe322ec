#include "speech/external_engine.hpp"

#include <cstring>
#include <fstream>

#include "audio/decode/decoder.hpp"
#include "audio/dsp/channel_map.hpp"
#include "core/diagnostic.hpp"
#include "speech/child_program.hpp"
#include "speech/spoken_clip.hpp"

namespace vc::speech {

namespace {

std::string joined(const std::vector<std::string>& argv) {
    std::string out;
    for (const auto& a : argv) out += (out.empty() ? "" : " ") + a;
    return out;
}

}  // namespace

ExternalEngine::ExternalEngine(std::vector<std::string> command, std::chrono::milliseconds timeout)
    : command_(std::move(command)), timeout_(timeout) {}

std::string ExternalEngine::version() const {
    return "command: " + joined(command_);
}

SpeechAudio ExternalEngine::synthesise(const SpokenText& text, const SpokenSettings&) {
    if (command_.empty()) throw UserError("the [tts] command is empty");
    ScratchFolder scratch("the [tts] command");
    const auto in = scratch.path() / "text.txt";
    const auto out = scratch.path() / "speech.wav";
    {
        std::ofstream f(in, std::ios::binary);
        f << text.normalised << '\n';
        if (!f) throw UserError("cannot write the text for the [tts] command to " + in.string());
    }
    std::vector<std::string> argv = command_;
    for (auto& a : argv)
        for (std::size_t at; (at = a.find(out_placeholder)) != std::string::npos;)
            a.replace(at, std::strlen(out_placeholder), out.string());
    run_program({argv, in, scratch.path() / "output.txt", timeout_, "the [tts] command",
                 joined(command_), " (its `timeout` in [tts])"});
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
