#include "station/spoken_items.hpp"

#include "scheduler/schedule_file.hpp"
#include "station/station_voice.hpp"

namespace vc::station {

StationSpeaker::StationSpeaker(const Station& station)
    : station_(station), store_(station.clips_dir() / spoken_folder) {}

StationSpeaker::~StationSpeaker() = default;

std::string StationSpeaker::speak(const std::string& text, const std::string& voice, int rate) {
    if (!voice_) {
        // The dictionary's own problems are `check`'s to report (with file:line:col); the words
        // it could read are used.
        Diagnostics dictionary_diags;
        voice_ = std::make_unique<StationVoice>(&station_, dictionary_diags);
    }
    const auto settings = voice_->settings(voice, rate);
    const auto prepared = voice_->prepare(text, settings);
    return store_.id_for(store_.ensure(prepared, settings, voice_->synthesiser()).key);
}

SpokenTexts speak_playlist_texts(StationSpeaker& speaker,
                                 std::map<std::string, playlists::Playlist>& playlists,
                                 Diagnostics& diags) {
    SpokenTexts texts;
    for (auto& [name, playlist] : playlists) {
        for (auto& item : playlist.items) {
            if (!item.text || item.clip) continue;
            const auto& spoken = *item.text;
            try {
                const auto id = speaker.speak(spoken.text, spoken.voice, spoken.rate);
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

void add_kept_texts(const Station& station, const library::Library& library, SpokenTexts& texts) {
    const speech::SpokenClipStore store(station.clips_dir() / spoken_folder);
    const std::string prefix = std::string(spoken_folder) + "/";
    for (const auto& clip : library.clips()) {
        if (clip.id.rfind(prefix, 0) != 0 || texts.count(clip.id) != 0) continue;
        if (auto text = store.text_of(clip.id.substr(prefix.size())))
            texts.emplace(clip.id, std::move(*text));
    }
}

SpokenTexts speak_schedule_texts(StationSpeaker& speaker, const Station& station) {
    SpokenTexts texts;
    scheduler::ScheduleContext ctx;
    ctx.timezone = station.timezone;
    ctx.warnings = false;
    ctx.speak = [&](const std::string& text, const std::string& voice, int rate) {
        auto id = speaker.speak(text, voice, rate);
        texts.emplace(id, text);
        return id;
    };
    (void)scheduler::load_schedule(station.root, ctx);
    return texts;
}

}  // namespace vc::station
