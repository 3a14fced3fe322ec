#pragma once
// What turns a prepared text into a voice: espeak-ng's library (always there), or an external
// program the station names in [tts] (a neural voice installed by hand). Both give mono samples
// at their own rate; spoken_clip brings them to the station's rate, loudness and ceiling.

#include <string>
#include <vector>

#include "speech/espeak_engine.hpp"

namespace vc::speech {

struct SpokenText;
struct SpokenSettings;

/// Mono samples in [-1, 1] at the engine's own rate.
struct SpeechAudio {
    int sample_rate = 0;
    std::vector<float> samples;
};

class Synthesiser {
  public:
    virtual ~Synthesiser() = default;
    /// Speaks `text` with `settings`' voice and rate where the engine has them. Throws UserError
    /// naming the engine when it fails or says nothing.
    virtual SpeechAudio synthesise(const SpokenText& text, const SpokenSettings& settings) = 0;
    /// What identifies the engine in a clip's cache key ("espeak-ng 1.51", the command line).
    [[nodiscard]] virtual std::string version() const = 0;
    /// Its name in messages ("espeak-ng", "the [tts] command").
    [[nodiscard]] virtual std::string name() const = 0;
};

/// espeak-ng's library reading the text with the dictionary's pinyin in it.
class EspeakSynthesiser final : public Synthesiser {
  public:
    explicit EspeakSynthesiser(EspeakEngine& engine) : engine_(engine) {}
    SpeechAudio synthesise(const SpokenText& text, const SpokenSettings& settings) override;
    [[nodiscard]] std::string version() const override { return engine_.version(); }
    [[nodiscard]] std::string name() const override { return "espeak-ng"; }

  private:
    EspeakEngine& engine_;
};

}  // namespace vc::speech
