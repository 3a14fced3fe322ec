#pragma once
// What a station speaks with: the pronunciation dictionary (built in, and the station's
// tts/pronunciations.toml), the voice ([tts] `command` when station.toml names one, else
// espeak-ng's library) and the settings a spoken clip is rendered with (the station's rate,
// channels, loudness target and ceiling). `say` and the playlists' text items share it, so a
// text said by hand and the same text in a playlist are one clip.

#include <optional>
#include <string>

#include "core/diagnostic.hpp"
#include "speech/espeak_engine.hpp"
#include "speech/external_engine.hpp"
#include "speech/pronunciations.hpp"
#include "speech/spoken_clip.hpp"
#include "station/station.hpp"

namespace vc::station {

class StationVoice {
  public:
    /// `station` may be null: the built-in dictionary, espeak-ng, 48 kHz stereo at -16 LUFS.
    /// Problems of the station's dictionary go to `diags` (its good words are kept).
    StationVoice(const Station* station, Diagnostics& diags);

    /// The settings for `voice` and `rate` (empty / 0: the defaults). Throws UserError for a voice
    /// espeak-ng does not have or a rate outside 80-450.
    [[nodiscard]] speech::SpokenSettings settings(const std::string& voice, int rate) const;

    /// The text normalised, with the dictionary's pinyin and the tone sandhi. Throws UserError
    /// when there is nothing to say.
    [[nodiscard]] speech::SpokenText prepare(const std::string& text,
                                             const speech::SpokenSettings& settings);

    /// The station's [tts] command, or espeak-ng.
    [[nodiscard]] speech::Synthesiser& synthesiser() {
        return external_ ? static_cast<speech::Synthesiser&>(*external_) : espeak_;
    }
    [[nodiscard]] const speech::ExternalEngine* external() const {
        return external_ ? &*external_ : nullptr;
    }
    [[nodiscard]] speech::EspeakEngine& engine() { return engine_; }

  private:
    speech::Pronunciations dictionary_;
    speech::EspeakEngine& engine_;
    speech::EspeakSynthesiser espeak_;
    std::optional<speech::ExternalEngine> external_;
    speech::SpokenSettings base_;
};

}  // namespace vc::station
