#include "station/station_voice.hpp"

namespace vc::station {

StationVoice::StationVoice(const Station* station, Diagnostics& diags)
    : dictionary_(speech::Pronunciations::builtin()),
      engine_(speech::EspeakEngine::instance()),
      espeak_(engine_) {
    if (station == nullptr) return;
    base_.format = station->output_format();
    base_.loudness_target = station->loudness_target;
    base_.ceiling = station->ceiling;
    speech::read_station_pronunciations(station->root, dictionary_, diags);
    if (!station->tts.command.empty())
        external_.emplace(station->tts.command, station->tts.timeout);
}

speech::SpokenSettings StationVoice::settings(const std::string& voice, int rate) const {
    auto s = base_;
    if (!voice.empty()) s.voice = voice;
    if (rate != 0) s.rate = rate;
    speech::check_voice_and_rate(s.voice, s.rate);
    return s;
}

speech::SpokenText StationVoice::prepare(const std::string& text,
                                         const speech::SpokenSettings& settings) {
    return speech::prepare_text(text, dictionary_, engine_, settings.voice);
}

}  // namespace vc::station
