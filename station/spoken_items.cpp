#include "station/spoken_items.hpp"

#include <optional>

#include "station/station_voice.hpp"

namespace vc::station {

SpokenTexts speak_playlist_texts(const Station& station,
                                 std::map<std::string, playlists::Playlist>& playlists,
                                 Diagnostics& diags) {
    SpokenTexts texts;
    std::optional<StationVoice>
        voice;  // made at the first text: a station without any is not slowed
    const speech::SpokenClipStore store(station.clips_dir() / spoken_folder);
    for (auto& [name, playlist] : playlists) {
        for (auto& item : playlist.items) {
            if (!item.text || item.clip) continue;
            const auto& spoken = *item.text;
            if (!voice) {
                // The dictionary's own problems are `check`'s to report (with file:line:col);
                // the words it could read are used.
                Diagnostics dictionary_diags;
                voice.emplace(&station, dictionary_diags);
            }
            try {
                const auto settings = voice->settings(spoken.voice, spoken.rate);
                const auto prepared = voice->prepare(spoken.text, settings);
                const auto stored = store.ensure(prepared, settings, voice->synthesiser());
                const auto id = store.id_for(stored.key);
                item.clip = playlists::ClipRef{id, spoken.pos};
                texts.emplace(id, spoken.text);
            } catch (const UserError& e) {
                diags.error(playlist.file.string(), spoken.pos.line, spoken.pos.column,
                            "[[item]] #" + std::to_string(item.number) +
                                ": the text cannot be spoken: " + e.what());
                playlist.ok = false;
            }
        }
    }
    return texts;
}

}  // namespace vc::station
