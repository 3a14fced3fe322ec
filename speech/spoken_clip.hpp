#pragma once
// A spoken clip: typed text → normalised text → dictionary and tone sandhi → espeak-ng (or the
// station's [tts] command) → the station's rate and channels through the resampler, brought to
// the station's loudness
// target (measured as every clip is, by audio::LoudnessMeter) under its limiter ceiling → a 16-bit
// WAV. Cached in the library as clips/spoken/KEY.wav, KEY the sha256 of everything that made it,
// so the same text renders the same bytes and is rendered once.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "audio/audio_format.hpp"
#include "speech/espeak_engine.hpp"
#include "speech/pronunciations.hpp"
#include "speech/synthesiser.hpp"

namespace vc::speech {

/// Bumped whenever the rendering changes how a clip sounds, so that cached clips are remade.
inline constexpr int spoken_settings_version = 1;

/// What decides how a text sounds, besides the text.
struct SpokenSettings {
    std::string voice = default_voice;
    int rate = default_rate;         ///< words a minute
    audio::AudioFormat format;       ///< the station's output rate and channels
    double loudness_target = -16.0;  ///< LUFS, station.toml's loudness_target
    double ceiling = -1.0;           ///< dBFS, station.toml's ceiling
};

/// A text on its way to the engine, each step kept (for `say --explain`).
struct SpokenText {
    std::string text;               ///< as typed
    std::string normalised;         ///< after normalise_text
    std::vector<Segment> segments;  ///< after the dictionary and the tone sandhi
    std::string synthesis_input;    ///< what espeak-ng reads: Hanzi with pinyin where replaced
};

/// Normalises the text and applies the dictionary, the rule for 地 and the 一/不 sandhi (the
/// tones of the next characters from `engine` with `voice`). Throws UserError when there is nothing
/// to say.
SpokenText prepare_text(std::string_view text, const Pronunciations& dictionary,
                        EspeakEngine& engine, const std::string& voice);

/// The sha256 (hex) of the settings version, the engine and its version, the voice, the rate,
/// the output format, loudness target and ceiling, the normalised text and the engine's input.
std::string spoken_clip_key(const SpokenText& text, const SpokenSettings& settings,
                            std::string_view engine_version);

/// One rendered clip.
struct SpokenClip {
    std::string key;          ///< spoken_clip_key
    std::string wav;          ///< the file's bytes
    std::int64_t frames = 0;  ///< at settings.format.sample_rate
    double engine_lufs = 0;   ///< integrated loudness of the engine's own output
    double gain_db = 0;       ///< the gain that brought it to the target
};

/// Renders the text with `engine`. Throws UserError when the engine says nothing or fails.
/// Any thread.
SpokenClip render_spoken_clip(const SpokenText& text, const SpokenSettings& settings,
                              Synthesiser& engine);
/// The same with espeak-ng's library.
SpokenClip render_spoken_clip(const SpokenText& text, const SpokenSettings& settings,
                              EspeakEngine& engine);

/// The station's spoken clips: one WAV per key in a folder of the library (clips/spoken/).
class SpokenClipStore {
  public:
    explicit SpokenClipStore(std::filesystem::path folder) : folder_(std::move(folder)) {}

    [[nodiscard]] std::filesystem::path file_for(const std::string& key) const {
        return folder_ / (key + ".wav");
    }
    /// The text a key's clip was first spoken from, as typed: a hidden file beside the clip
    /// (.KEY.txt), which the library's scan passes over.
    [[nodiscard]] std::filesystem::path text_file_for(const std::string& key) const {
        return folder_ / ("." + key + ".txt");
    }
    /// That text, or nullopt when it was not kept.
    [[nodiscard]] std::optional<std::string> text_of(const std::string& key) const;
    /// The library's id of a key's clip ("spoken/KEY" for clips/spoken/).
    [[nodiscard]] std::string id_for(const std::string& key) const {
        return folder_.filename().string() + "/" + key;
    }

    struct Stored {
        std::filesystem::path file;
        std::string key;
        bool cached = false;  ///< it was there already; nothing was rendered
    };
    /// The clip's file, rendered and written (atomically) unless it is there already, and its
    /// text beside it. Throws
    /// UserError like render_spoken_clip, or when the file cannot be written.
    Stored ensure(const SpokenText& text, const SpokenSettings& settings,
                  Synthesiser& engine) const;
    /// The same with espeak-ng's library.
    Stored ensure(const SpokenText& text, const SpokenSettings& settings,
                  EspeakEngine& engine) const;

  private:
    std::filesystem::path folder_;
};

}  // namespace vc::speech
