#pragma once
// Notices typed as text, spoken into clips when the station loads: a playlist's text items
// (`text = "…"` in an [[item]]) and broadcasts that speak a text (`text = "…"` instead of
// `playlist` or `clip`). Each text is rendered once into the library's clips/spoken/KEY.wav (KEY
// the sha256 of the normalised text, the engine, the voice and the settings; see
// speech/spoken_clip.hpp), before the library is scanned; the item or broadcast then names that
// clip, so the library lists it, `plan` knows its exact length and the as-run log names it with
// its hash and its text.

#include <map>
#include <memory>
#include <optional>
#include <string>

#include "core/diagnostic.hpp"
#include "library/library.hpp"
#include "playlists/playlist.hpp"
#include "speech/spoken_clip.hpp"
#include "station/station.hpp"

namespace vc::station {

class StationVoice;

/// The folder of the library that spoken clips are kept in (clips/spoken/).
inline constexpr const char* spoken_folder = "spoken";

/// Spoken clips by their library id ("spoken/KEY"): the text each was spoken from.
using SpokenTexts = std::map<std::string, std::string>;

/// Speaks texts with the station's voice (StationVoice) into its clips/spoken/. Control thread;
/// one per thread.
class StationSpeaker {
  public:
    explicit StationSpeaker(const Station& station);
    ~StationSpeaker();
    StationSpeaker(const StationSpeaker&) = delete;
    StationSpeaker& operator=(const StationSpeaker&) = delete;

    /// The id of `text`'s clip ("spoken/KEY"), rendered unless the library has it already.
    /// `voice` "" and `rate` 0 are the defaults. Throws UserError when it cannot be spoken (an
    /// unknown voice, a rate out of range, nothing to say, the engine failing).
    std::string speak(const std::string& text, const std::string& voice, int rate);

  private:
    const Station& station_;
    /// Made at the first text, so that a station without any is not slowed.
    std::unique_ptr<StationVoice> voice_;
    speech::SpokenClipStore store_;
};

/// Speaks every text item of `playlists` and points each at its clip. A text that cannot be
/// spoken is an error at the item's `text` in `diags`, and its playlist is not ok.
SpokenTexts speak_playlist_texts(StationSpeaker& speaker,
                                 std::map<std::string, playlists::Playlist>& playlists,
                                 Diagnostics& diags);

/// Adds the text of every other spoken clip of `library` (said with `say` or in the console),
/// kept beside its clip, so that its airings name it too.
void add_kept_texts(const Station& station, const library::Library& library, SpokenTexts& texts);

/// Speaks the `text` of every broadcast in the station's schedule files (read here only for
/// their texts: their other problems are for the schedule's own loading, with its calendars and
/// library, to report). Returns what was spoken.
SpokenTexts speak_schedule_texts(StationSpeaker& speaker, const Station& station);

}  // namespace vc::station
