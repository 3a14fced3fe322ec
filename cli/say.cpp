// villagecast say: typed Mandarin text spoken by espeak-ng into a clip, or explained.

#include <iostream>

#include "cli/commands.hpp"
#include "cli/daemon_client.hpp"
#include "cli/format.hpp"
#include "core/atomic_file.hpp"
#include "speech/spoken_clip.hpp"
#include "speech/utf8.hpp"
#include "station/spoken_items.hpp"
#include "station/station_voice.hpp"

namespace vc::cli {

namespace {

/// Each dictionary word and sandhi syllable of the text, and every other Hanzi with the tone
/// espeak-ng gives it alone: "今1 天1 在4 重庆=chong2 qing4 ...".
std::string readings(const speech::SpokenText& t, speech::EspeakEngine& engine,
                     const std::string& voice) {
    std::string out;
    for (const auto& s : t.segments) {
        if (!s.pinyin.empty()) {
            out += (out.empty() ? "" : " ") + speech::to_utf8(s.text) + "=" + s.pinyin;
            continue;
        }
        for (char32_t c : s.text) {
            if (!speech::is_hanzi(c)) continue;
            const int tone = engine.tone_of(c, voice);
            out += (out.empty() ? "" : " ") + speech::to_utf8(c) +
                   (tone > 0 ? std::to_string(tone) : "?");
        }
    }
    return out;
}

/// Has the running daemon read the library again (it now holds the new clip) and air the clip
/// now, as `broadcast --clip ID` does.
void air_now(const Parsed& parsed, const std::string& clip_id) {
    namespace http = boost::beast::http;
    auto client = daemon_client(parsed);
    client.call(http::verb::post, "/api/reload");
    nlohmann::json body{{"clip", clip_id},
                        {"priority", parsed.values["priority"].as<std::string>()}};
    const auto r = client.call(http::verb::post, "/api/broadcast", body);
    print_airing_now(r);
}

}  // namespace

int run_say(const Args& args) {
    CommandLine line{
        "say", "\"TEXT\" [-o FILE | --now [--priority P]] [--explain] [--voice V] [--rate N]",
        "Speaks Mandarin text with espeak-ng (voice cmn-latn-pinyin) into a clip at the\n"
        "station's rate and channels and loudness target. Numbers, dates, times, phone\n"
        "numbers, money, percentages and temperatures are first written out as they are\n"
        "said, and words from the pronunciation dictionary (built in, and the station's\n"
        "tts/pronunciations.toml) are replaced by their pinyin. Without -o the clip goes\n"
        "into the library as clips/spoken/KEY.wav, KEY the sha256 of the text and the\n"
        "settings, and is reused when the same text is said again. --now then airs it at\n"
        "once through the station's running daemon, as `broadcast --clip` does (an\n"
        "operator's token in --token or $VILLAGECAST_TOKEN). --explain prints each\n"
        "step, so that a word that sounds wrong can be fixed in the dictionary\n"
        "(docs/spoken-notices.md). A station whose station.toml names a program in\n"
        "[tts] `command` (a neural voice installed by hand) is spoken by that program\n"
        "instead, the normalised text on its standard input."};
    line.options.add_options()("text", po::value<std::string>(), "the text to say")(
        "output,o", po::value<std::string>()->value_name("FILE"),
        "write the clip to FILE (.wav) instead of the library")(
        "explain", "print the normalised text, the readings and espeak-ng's phonemes")(
        "now", "air the clip at once through the running daemon")(
        "priority", po::value<std::string>()->default_value("notice"),
        "with --now: emergency, urgent, notice, routine or background")(
        "token", po::value<std::string>()->value_name("TOKEN"), "with --now: an operator's token")(
        "voice", po::value<std::string>()->value_name("V")->default_value(speech::default_voice),
        "espeak-ng voice")("rate",
                           po::value<int>()->value_name("N")->default_value(speech::default_rate),
                           "words a minute, 80-450");
    line.positional.add("text", 1);
    line.examples =
        "  villagecast say \"今晚19:30在村委会开院坝会\" --explain\n"
        "  villagecast say \"明天停水，请提前储水\" -o 停水.wav\n"
        "  villagecast say \"请村民到村委会领取补贴\" --now --priority urgent\n";
    auto parsed = parse(line, args);
    if (parsed.help) return exit_ok;
    if (parsed.values.count("text") == 0) throw UsageError("say: give the text to say");
    const auto text = parsed.values["text"].as<std::string>();
    const bool explain = parsed.values.count("explain") != 0;
    const bool to_file = parsed.values.count("output") != 0;
    std::filesystem::path out_file = to_file ? parsed.values["output"].as<std::string>() : "";
    if (to_file && out_file.extension() != ".wav")
        throw UsageError("say: -o writes a WAV file; name it FILE.wav");
    const bool now = parsed.values.count("now") != 0;
    if (now && to_file) throw UsageError("say: --now airs the clip from the library; leave out -o");

    // The station gives the output format, the loudness, the dictionary and the voice; a text
    // can be said into a file without one (48 kHz stereo, -16 LUFS, the built-in dictionary).
    std::optional<station::Station> st;
    if (std::filesystem::exists(parsed.station / "station.toml")) {
        st = station::load_station(parsed.station);
    } else if (!to_file && (!explain || now)) {
        throw UsageError("say: no station.toml in " + parsed.station.string() +
                         ": name the station with -s DIR, or write the clip with -o FILE.wav");
    }
    Diagnostics diags;
    station::StationVoice station_voice(st ? &*st : nullptr, diags);
    for (const auto& d : diags.items())
        if (d.severity == Diagnostic::Severity::warning) std::cerr << d.str() << '\n';
    diags.throw_if_errors();
    speech::SpokenSettings settings;
    try {
        settings = station_voice.settings(parsed.values["voice"].as<std::string>(),
                                          parsed.values["rate"].as<int>());
    } catch (const UserError& e) {
        throw UsageError(std::string("say: ") + e.what());
    }

    auto& engine = station_voice.engine();
    const auto spoken = station_voice.prepare(text, settings);
    const auto* external = station_voice.external();
    speech::Synthesiser& voice = station_voice.synthesiser();
    if (explain) {
        std::cout << "text:        " << spoken.text << '\n'
                  << "normalised:  " << spoken.normalised << '\n'
                  << "espeak-ng:   " << spoken.synthesis_input << '\n'
                  << "readings:    " << readings(spoken, engine, settings.voice) << '\n'
                  << "phonemes:    " << engine.phonemes(spoken.synthesis_input, settings.voice)
                  << '\n';
        for (const auto& s : spoken.segments)
            if (!s.pinyin.empty())
                std::cout << "  " << speech::to_utf8(s.text) << " → " << s.pinyin << "  ("
                          << s.source << ")\n";
        if (external)
            std::cout << "spoken by the station's [tts] command (the normalised text on its "
                         "standard input): "
                      << external->version().substr(std::string("command: ").size()) << '\n';
        else
            std::cout << "voice " << settings.voice << ", rate " << settings.rate << ", "
                      << engine.version() << '\n';
    }
    if (to_file) {
        const auto clip = speech::render_spoken_clip(spoken, settings, voice);
        if (out_file.has_parent_path()) std::filesystem::create_directories(out_file.parent_path());
        write_file_atomically(out_file, clip.wav);
        std::cout << "said into " << out_file.string() << " ("
                  << format_frames_as_time(clip.frames, settings.format.sample_rate) << ", "
                  << clip.frames << " frames at " << settings.format.sample_rate << " Hz, "
                  << settings.format.channels << " channels)\n";
    } else if (!explain || now) {
        const speech::SpokenClipStore store(st->clips_dir() / station::spoken_folder);
        const auto stored = store.ensure(spoken, settings, voice);
        std::cout << (stored.cached ? "already in the library: " : "said into the library: ")
                  << store.id_for(stored.key) << " (" << stored.file.string() << ")\n";
        if (now) air_now(parsed, store.id_for(stored.key));
    }
    return exit_ok;
}

}  // namespace vc::cli
