#pragma once
// An external text-to-speech program named in station.toml's [tts] `command` (for example a
// neural voice installed by hand: ["piper", "--model", "/srv/voices/zh_CN-huayan-medium.onnx",
// "--output_file", "{out}"]). It gets the normalised text on its standard input and writes a
// WAV (or any file the decoder reads) to the path put where "{out}" stands.

#include <chrono>
#include <string>
#include <vector>

#include "speech/synthesiser.hpp"

namespace vc::speech {

/// The placeholder in the command for the file the program writes.
inline constexpr const char* out_placeholder = "{out}";

class ExternalEngine final : public Synthesiser {
  public:
    /// `command`: the program (a path, or a name looked up on PATH) and its arguments, one of
    /// which holds "{out}". A run taking longer than `timeout` is killed.
    ExternalEngine(std::vector<std::string> command, std::chrono::milliseconds timeout);

    /// Runs the command once, in a scratch folder of its own that is removed afterwards, the
    /// text as typed after normalisation (numbers, dates, ... written out; no pinyin) on its
    /// standard input. Throws UserError naming the command when it cannot start, fails (with
    /// the end of what it wrote to standard error), runs past the timeout, or leaves no
    /// readable audio at {out}. Any thread; never forks without exec.
    SpeechAudio synthesise(const SpokenText& text, const SpokenSettings& settings) override;
    /// "command: piper --model ... --output_file {out}".
    [[nodiscard]] std::string version() const override;
    [[nodiscard]] std::string name() const override { return "the [tts] command"; }

  private:
    std::vector<std::string> command_;
    std::chrono::milliseconds timeout_;
};

}  // namespace vc::speech
