#pragma once
// espeak-ng through its C library: synchronous synthesis into memory, and its phonemes.
//
// espeak-ng keeps global state (one voice, one callback, one set of parameters for the whole
// process), so there is one engine per process and every call into the library holds its mutex:
// any thread may call, calls run one at a time. Synthesis itself runs in a short-lived child
// process forked for each text (see synthesise), because espeak-ng carries state from one
// utterance to the next and the same text must always give the same samples.

#include <cstdint>
#include <filesystem>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace vc::speech {

/// The Mandarin voice that reads Hanzi with the right tones and Latin pinyin with tone digits.
/// Voice `cmn` reads tone numbers aloud in English in espeak-ng 1.51: never use it.
inline constexpr const char* default_voice = "cmn-latn-pinyin";
/// Words a minute (espeak-ng's unit); espeak-ng accepts 80-450.
inline constexpr int default_rate = 150;
inline constexpr int min_rate = 80;
inline constexpr int max_rate = 450;

/// Mono 16-bit samples at espeak-ng's own rate (22050 Hz).
struct SpeechPcm {
    int sample_rate = 0;
    std::vector<std::int16_t> samples;
};

/// Throws UserError when `voice` may not be used for Mandarin notices (`cmn`, `zh`: tone
/// numbers read in English) or `rate` is outside 80-450. Pure.
void check_voice_and_rate(const std::string& voice, int rate);

class EspeakEngine {
  public:
    /// The process's engine, initialised on first use. Throws UserError when espeak-ng cannot
    /// start (its data is missing: install espeak-ng-data).
    static EspeakEngine& instance();

    EspeakEngine(const EspeakEngine&) = delete;
    EspeakEngine& operator=(const EspeakEngine&) = delete;

    /// Synthesises UTF-8 text (Hanzi, and pinyin with tone digits) with `voice` at `rate` words
    /// a minute, in a process whose engine has never synthesised (the same text, voice and rate
    /// always give the same samples): a child forked for it, or the worker (use_worker). Throws
    /// UserError for an unknown voice, a rate out of range, or a failure of espeak-ng. Any
    /// thread (serialised).
    SpeechPcm synthesise(std::string_view utf8, const std::string& voice, int rate);

    /// From now on synthesise runs `argv` plus the path of a file to write the samples to,
    /// with the request on its standard input (serve_worker's side), instead of forking this
    /// process: for a process that runs threads (the daemon), where a fork may inherit a lock
    /// another thread held. Call before other threads use the engine.
    static void use_worker(std::vector<std::string> argv);

    /// The worker's side: reads a request (voice, rate and text) from standard input,
    /// synthesises it in this process (which must not have synthesised before) and writes the
    /// samples (16-bit, native order) to `out`. Returns the process's exit status; a failure
    /// is said on standard error.
    static int serve_worker(const std::filesystem::path& out);

    /// espeak-ng's phonemes for the text (its ASCII mnemonics with Mandarin tone numbers, e.g.
    /// "ts.h'ong35 tS;h'i51N" for chong2 qing4), clauses joined by " | ". Throws like
    /// synthesise. Any thread (serialised).
    std::string phonemes(std::string_view utf8, const std::string& voice);

    /// The tone (1-4, 5 neutral, 0 unknown) of one Hanzi as `voice` reads it alone. Cached.
    int tone_of(char32_t hanzi, const std::string& voice);

    /// "espeak-ng 1.51"
    [[nodiscard]] const std::string& version() const { return version_; }
    [[nodiscard]] int sample_rate() const { return sample_rate_; }

  private:
    EspeakEngine();
    void select_voice(const std::string& voice);  // mutex held
    /// In this process, whose engine then carries state: only in a fresh one. Mutex held.
    std::vector<std::int16_t> synthesise_here(const std::string& text, int rate);
    SpeechPcm synthesise_in_worker(const std::vector<std::string>& worker, const std::string& text,
                                   const std::string& voice, int rate);

    std::mutex mutex_;
    int sample_rate_ = 0;
    std::string version_;
    std::string voice_;                              ///< the voice espeak-ng has selected now
    std::unordered_map<std::u32string, int> tones_;  ///< voice name + hanzi → tone
};

/// The tone numbers in espeak-ng's Mandarin phonemes: the first tone of "ts.h'ong35" is 2
/// (55 → 1, 35 → 2, 214 or 21 → 3, 51 → 4, other → 5); 0 when there is none. Pure.
int first_tone_in_phonemes(std::string_view phonemes);

}  // namespace vc::speech
