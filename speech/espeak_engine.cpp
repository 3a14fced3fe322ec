#include "speech/espeak_engine.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>

#include <espeak-ng/speak_lib.h>

#include "core/diagnostic.hpp"
#include "speech/child_program.hpp"
#include "speech/utf8.hpp"

namespace vc::speech {

namespace {

// Where the synthesis callback appends; set only while the engine's mutex is held.
std::vector<std::int16_t>* collecting = nullptr;

int on_samples(short* wav, int count, espeak_EVENT* /*events*/) {
    if (wav && count > 0 && collecting) collecting->insert(collecting->end(), wav, wav + count);
    return 0;
}

// The worker program (EspeakEngine::use_worker); empty: fork.
std::mutex worker_mutex;
std::vector<std::string> worker_argv;

/// Samples as the pipe or the worker's file carries them.
SpeechPcm pcm_of(const std::string& bytes, int sample_rate) {
    SpeechPcm pcm;
    pcm.sample_rate = sample_rate;
    pcm.samples.resize(bytes.size() / sizeof(std::int16_t));
    std::memcpy(pcm.samples.data(), bytes.data(), pcm.samples.size() * sizeof(std::int16_t));
    return pcm;
}

}  // namespace

void check_voice_and_rate(const std::string& voice, int rate) {
    if (voice == "cmn" || voice == "zh" || voice.rfind("cmn+", 0) == 0 ||
        voice.rfind("zh+", 0) == 0)
        throw UserError("voice `" + voice + "` reads the tone numbers aloud in English; use `" +
                        default_voice + "`");
    if (voice.empty())
        throw UserError("the voice is empty; use `" + std::string(default_voice) + "`");
    if (rate < min_rate || rate > max_rate)
        throw UserError("the rate " + std::to_string(rate) + " is outside " +
                        std::to_string(min_rate) + "-" + std::to_string(max_rate) +
                        " words a minute (" + std::to_string(default_rate) + " is the default)");
}

int first_tone_in_phonemes(std::string_view ph) {
    for (std::size_t i = 0; i < ph.size(); ++i) {
        if (ph[i] < '0' || ph[i] > '9') continue;
        std::size_t j = i;
        while (j < ph.size() && ph[j] >= '0' && ph[j] <= '9') ++j;
        const auto digits = ph.substr(i, j - i);
        if (digits == "55") return 1;
        if (digits == "35") return 2;
        if (digits == "214" || digits == "21") return 3;
        if (digits == "51") return 4;
        return 5;
    }
    return 0;
}

EspeakEngine& EspeakEngine::instance() {
    static EspeakEngine engine;
    return engine;
}

EspeakEngine::EspeakEngine() {
    sample_rate_ =
        espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, nullptr, espeakINITIALIZE_DONT_EXIT);
    if (sample_rate_ <= 0)
        throw UserError(
            "espeak-ng could not start: its voice data is missing (install the package "
            "espeak-ng-data)");
    espeak_SetSynthCallback(on_samples);
    const char* data = nullptr;
    version_ = std::string("espeak-ng ") + espeak_Info(&data);
}

void EspeakEngine::select_voice(const std::string& voice) {
    if (voice == voice_) return;
    if (espeak_SetVoiceByName(voice.c_str()) != EE_OK)
        throw UserError("espeak-ng has no voice `" + voice + "` (see `espeak-ng --voices`); use `" +
                        default_voice + "`");
    voice_ = voice;
}

std::vector<std::int16_t> EspeakEngine::synthesise_here(const std::string& text, int rate) {
    std::vector<std::int16_t> samples;
    collecting = &samples;
    espeak_SetParameter(espeakRATE, rate, 0);
    const auto err = espeak_Synth(text.c_str(), text.size() + 1, 0, POS_CHARACTER, 0,
                                  espeakCHARS_UTF8, nullptr, nullptr);
    collecting = nullptr;
    if (err != EE_OK) throw UserError("espeak-ng could not synthesise the text");
    return samples;
}

void EspeakEngine::use_worker(std::vector<std::string> argv) {
    std::lock_guard lock(worker_mutex);
    worker_argv = std::move(argv);
}

SpeechPcm EspeakEngine::synthesise(std::string_view utf8, const std::string& voice, int rate) {
    check_voice_and_rate(voice, rate);
    const std::string text(utf8);
    std::lock_guard lock(mutex_);
    select_voice(voice);
    const auto worker = [] {
        std::lock_guard worker_lock(worker_mutex);
        return worker_argv;
    }();
    if (!worker.empty()) return synthesise_in_worker(worker, text, voice, rate);
    // espeak-ng 1.51 keeps synthesis state between utterances (pitch flutter, cycle counters,
    // gain control, the echo buffer), so the second rendering of a text in one process differs
    // from the first. Each text is therefore synthesised in a child forked from this process,
    // whose engine has never synthesised: the same text gives the same samples every time. The
    // child only calls espeak-ng, writes the samples to a pipe and leaves with _exit. A process
    // that runs threads uses a worker instead (use_worker).
    int fds[2];
    if (::pipe(fds) != 0)
        throw UserError(std::string("cannot start speech synthesis: ") + std::strerror(errno));
    const pid_t pid = ::fork();
    if (pid < 0) {
        ::close(fds[0]);
        ::close(fds[1]);
        throw UserError(std::string("cannot start speech synthesis: ") + std::strerror(errno));
    }
    if (pid == 0) {
        ::close(fds[0]);
        std::vector<std::int16_t> samples;
        try {
            samples = synthesise_here(text, rate);
        } catch (const UserError&) {
            ::_exit(3);
        }
        const char* p = reinterpret_cast<const char*>(samples.data());
        std::size_t left = samples.size() * sizeof(std::int16_t);
        while (left > 0) {
            const auto n = ::write(fds[1], p, left);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) ::_exit(4);
            p += n;
            left -= static_cast<std::size_t>(n);
        }
        ::_exit(0);
    }
    ::close(fds[1]);
    std::string bytes;
    char buf[65536];
    for (;;) {
        const auto n = ::read(fds[0], buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        bytes.append(buf, static_cast<std::size_t>(n));
    }
    ::close(fds[0]);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        throw UserError("espeak-ng could not synthesise the text (its process ended with " +
                        (WIFEXITED(status) ? "status " + std::to_string(WEXITSTATUS(status))
                                           : "signal " + std::to_string(WTERMSIG(status))) +
                        ")");
    return pcm_of(bytes, sample_rate_);
}

SpeechPcm EspeakEngine::synthesise_in_worker(const std::vector<std::string>& worker,
                                             const std::string& text, const std::string& voice,
                                             int rate) {
    ScratchFolder scratch("espeak-ng's worker");
    const auto in = scratch.path() / "request.txt";
    const auto out = scratch.path() / "samples.raw";
    {
        std::ofstream f(in, std::ios::binary);
        f << voice << '\n' << rate << '\n' << text;
        if (!f) throw UserError("cannot write the text for espeak-ng's worker to " + in.string());
    }
    auto argv = worker;
    argv.push_back(out.string());
    std::string shown;
    for (const auto& a : argv) shown += (shown.empty() ? "" : " ") + a;
    run_program({argv, in, scratch.path() / "output.txt", std::chrono::minutes(2),
                 "espeak-ng's worker", shown, ""});
    std::ifstream f(out, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    return pcm_of(bytes, sample_rate_);
}

int EspeakEngine::serve_worker(const std::filesystem::path& out) {
    try {
        std::string voice, rate_text;
        if (!std::getline(std::cin, voice) || !std::getline(std::cin, rate_text)) {
            std::cerr << "espeak-ng's worker: the request needs a voice line and a rate line\n";
            return 2;
        }
        const std::string text((std::istreambuf_iterator<char>(std::cin)),
                               std::istreambuf_iterator<char>());
        const int rate = std::stoi(rate_text);
        check_voice_and_rate(voice, rate);
        auto& engine = instance();
        std::lock_guard lock(engine.mutex_);
        engine.select_voice(voice);
        const auto samples = engine.synthesise_here(text, rate);
        std::ofstream f(out, std::ios::binary | std::ios::trunc);
        f.write(reinterpret_cast<const char*>(samples.data()),
                static_cast<std::streamsize>(samples.size() * sizeof(std::int16_t)));
        if (!f) {
            std::cerr << "espeak-ng's worker: cannot write " << out.string() << '\n';
            return 4;
        }
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "espeak-ng's worker: " << e.what() << '\n';
        return 3;
    }
}

std::string EspeakEngine::phonemes(std::string_view utf8, const std::string& voice) {
    const std::string text(utf8);
    std::lock_guard lock(mutex_);
    select_voice(voice);
    std::string out;
    const void* p = text.c_str();
    while (p) {
        const char* ph = espeak_TextToPhonemes(&p, espeakCHARS_UTF8, 0);
        std::string clause = ph ? ph : "";
        while (!clause.empty() && clause.front() == ' ') clause.erase(0, 1);
        while (!clause.empty() && clause.back() == ' ') clause.pop_back();
        if (clause.empty()) continue;
        if (!out.empty()) out += " | ";
        out += clause;
    }
    return out;
}

int EspeakEngine::tone_of(char32_t hanzi, const std::string& voice) {
    if (!is_hanzi(hanzi)) return 0;
    std::u32string key = to_u32(voice);
    key += U'\n';
    key += hanzi;
    {
        std::lock_guard lock(mutex_);
        if (auto it = tones_.find(key); it != tones_.end()) return it->second;
    }
    const int tone = first_tone_in_phonemes(phonemes(to_utf8(hanzi), voice));
    std::lock_guard lock(mutex_);
    tones_[key] = tone;
    return tone;
}

}  // namespace vc::speech
