#include "speech/spoken_clip.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <vector>

#include "audio/decode/loudness_meter.hpp"
#include "audio/dsp/channel_map.hpp"
#include "audio/dsp/limiter.hpp"
#include "audio/dsp/resampler.hpp"
#include "core/atomic_file.hpp"
#include "core/diagnostic.hpp"
#include "core/sha256.hpp"
#include "speech/di_rule.hpp"
#include "speech/text_normaliser.hpp"
#include "speech/tone_sandhi.hpp"
#include "speech/utf8.hpp"
#include "speech/wav_bytes.hpp"

namespace vc::speech {

namespace {

/// The most a quiet voice is raised to reach the target, as for every clip (timeline builder).
constexpr double max_gain_db = 20.0;

std::string join_for_engine(const std::vector<Segment>& segments) {
    std::string out;
    for (const auto& s : segments) {
        if (s.pinyin.empty()) {
            out += to_utf8(s.text);
            continue;
        }
        if (!out.empty() && out.back() != ' ') out += ' ';
        out += s.pinyin;
        out += ' ';
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

/// The integrated loudness of the engine's output, measured as every clip is.
double measure_lufs(const SpeechAudio& audio) {
    audio::LoudnessMeter meter(1, audio.sample_rate);
    meter.add(audio.samples.data(), static_cast<std::int64_t>(audio.samples.size()));
    return meter.integrated_lufs();
}

}  // namespace

SpokenText prepare_text(std::string_view text, const Pronunciations& dictionary,
                        EspeakEngine& engine, const std::string& voice) {
    SpokenText t;
    t.text = std::string(text);
    t.normalised = normalise_text(text);
    t.segments = apply_tone_sandhi(apply_di_rule(dictionary.apply(to_u32(t.normalised))),
                                   [&](char32_t c) { return engine.tone_of(c, voice); });
    t.synthesis_input = join_for_engine(t.segments);
    const auto input = to_u32(t.synthesis_input);
    const bool anything = std::any_of(input.begin(), input.end(), [](char32_t c) {
        return is_hanzi(c) || (c < 0x80 && std::isalnum(static_cast<int>(c)));
    });
    if (!anything) throw UserError("there is nothing to say: the text has no words");
    return t;
}

std::string spoken_clip_key(const SpokenText& text, const SpokenSettings& s,
                            std::string_view engine_version) {
    char numbers[96];
    std::snprintf(numbers, sizeof numbers, "rate=%d\nformat=%d/%d\nloudness=%.2f\nceiling=%.2f\n",
                  s.rate, s.format.sample_rate, s.format.channels, s.loudness_target, s.ceiling);
    Sha256 h;
    h.update("villagecast spoken clip, settings version " +
             std::to_string(spoken_settings_version) + "\n");
    h.update("engine=" + std::string(engine_version) + "\nvoice=" + s.voice + "\n");
    h.update(numbers);
    h.update("normalised=" + text.normalised + "\n");
    h.update("input=" + text.synthesis_input + "\n");
    return h.hex_digest();
}

SpeechAudio EspeakSynthesiser::synthesise(const SpokenText& text, const SpokenSettings& s) {
    const SpeechPcm pcm = engine_.synthesise(text.synthesis_input, s.voice, s.rate);
    SpeechAudio audio{pcm.sample_rate, std::vector<float>(pcm.samples.size())};
    for (std::size_t i = 0; i < pcm.samples.size(); ++i)
        audio.samples[i] = static_cast<float>(pcm.samples[i]) / 32768.0f;
    return audio;
}

SpokenClip render_spoken_clip(const SpokenText& text, const SpokenSettings& s,
                              EspeakEngine& engine) {
    EspeakSynthesiser espeak(engine);
    return render_spoken_clip(text, s, espeak);
}

SpokenClip render_spoken_clip(const SpokenText& text, const SpokenSettings& s,
                              Synthesiser& engine) {
    SpokenClip clip;
    clip.key = spoken_clip_key(text, s, engine.version());
    const SpeechAudio pcm = engine.synthesise(text, s);
    if (pcm.samples.empty() || pcm.sample_rate <= 0)
        throw UserError(engine.name() + " said nothing for this text");
    clip.engine_lufs = measure_lufs(pcm);
    if (!std::isfinite(clip.engine_lufs) || clip.engine_lufs < -70)
        throw UserError(engine.name() + "'s output is silent for this text");
    clip.gain_db = std::min(s.loudness_target - clip.engine_lufs, max_gain_db);
    const auto gain = static_cast<float>(std::pow(10.0, clip.gain_db / 20.0));

    // The engine's rate to the station's, through the library's resampler.
    std::size_t pos = 0;
    audio::Resampler resampler(1, pcm.sample_rate, s.format.sample_rate,
                               [&](float* out, std::int64_t max) -> std::int64_t {
                                   std::int64_t n = 0;
                                   for (; n < max && pos < pcm.samples.size(); ++n, ++pos)
                                       out[n] = pcm.samples[pos] * gain;
                                   return n;
                               });
    const std::int64_t frames = audio::output_frames_for(
        static_cast<std::int64_t>(pcm.samples.size()), pcm.sample_rate, s.format.sample_rate);
    std::vector<float> mono(static_cast<std::size_t>(frames));
    std::int64_t got = 0;
    while (got < frames) {
        const auto n = resampler.read(mono.data() + got, frames - got);
        if (n == 0) break;
        got += n;
    }
    mono.resize(static_cast<std::size_t>(got));

    // Mono to the station's channels, then its limiter (flushed, its delay taken off).
    const int channels = s.format.channels;
    audio::ChannelMap map(1, channels);
    audio::Limiter limiter(channels, s.format.sample_rate, s.ceiling);
    const auto latency = static_cast<std::size_t>(limiter.latency());
    std::vector<float> out((mono.size() + latency) * static_cast<std::size_t>(channels), 0.0f);
    map.apply(mono.data(), out.data(), got);
    limiter.process(out.data(), static_cast<std::int64_t>(mono.size() + latency));
    out.erase(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(latency * channels));

    std::vector<std::int16_t> samples(out.size());
    for (std::size_t i = 0; i < out.size(); ++i) {
        const float v = std::clamp(out[i], -1.0f, 1.0f) * 32767.0f;
        samples[i] = static_cast<std::int16_t>(std::lround(v));
    }
    clip.frames = got;
    clip.wav = wav_bytes(samples, s.format.sample_rate, channels);
    return clip;
}

SpokenClipStore::Stored SpokenClipStore::ensure(const SpokenText& text, const SpokenSettings& s,
                                                EspeakEngine& engine) const {
    EspeakSynthesiser espeak(engine);
    return ensure(text, s, espeak);
}

SpokenClipStore::Stored SpokenClipStore::ensure(const SpokenText& text, const SpokenSettings& s,
                                                Synthesiser& engine) const {
    Stored stored;
    stored.key = spoken_clip_key(text, s, engine.version());
    stored.file = file_for(stored.key);
    std::error_code ec;
    if (std::filesystem::is_regular_file(stored.file, ec) &&
        std::filesystem::file_size(stored.file, ec) > 44) {
        stored.cached = true;
    } else {
        const auto clip = render_spoken_clip(text, s, engine);
        std::filesystem::create_directories(folder_);
        write_file_atomically(stored.file, clip.wav);
    }
    // The text beside it (a clip kept from before the texts were kept gets it now).
    if (!std::filesystem::exists(text_file_for(stored.key), ec))
        write_file_atomically(text_file_for(stored.key), text.text);
    return stored;
}

std::optional<std::string> SpokenClipStore::text_of(const std::string& key) const {
    std::ifstream in(text_file_for(key), std::ios::binary);
    if (!in) return std::nullopt;
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

}  // namespace vc::speech
