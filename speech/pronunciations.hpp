#pragma once
// The pronunciation dictionary: words espeak-ng reads wrong (polyphones such as 重庆, 银行, 长大,
// place names), each with its pinyin and tone digits. A built-in list, then the station's own
// tts/pronunciations.toml on top. Before synthesis, dictionary words in the text are replaced by
// their pinyin, longest match first; voice cmn-latn-pinyin reads the pinyin with its tones.

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/diagnostic.hpp"

namespace vc::speech {

/// One word and how to say it.
struct Pronunciation {
    std::u32string word;  ///< "重庆"
    std::string pinyin;   ///< "chong2 qing4": syllables with tone digits 1-5, one per Hanzi
    std::string source;   ///< "built-in", or "tts/pronunciations.toml:3" where it was written
};

/// A stretch of text after the dictionary: either text as written, or a word's pinyin.
struct Segment {
    std::u32string text;  ///< the text as written (for a replaced word, the word)
    std::string pinyin;   ///< empty: say `text` as it is; else the pinyin to say instead
    std::string source;   ///< where the pinyin comes from ("built-in", a file and line, a rule)
};

/// Word → pinyin, looked up longest match first. Plain value; const use from any thread.
class Pronunciations {
  public:
    /// The built-in list (speech/builtin_pronunciations.cpp).
    static Pronunciations builtin();

    /// Adds a word or replaces its entry. The caller checked it (pinyin_problem).
    void add(std::u32string word, std::string pinyin, std::string source);
    [[nodiscard]] const Pronunciation* find(std::u32string_view word) const;
    [[nodiscard]] std::size_t size() const { return entries_.size(); }

    /// Splits `text` into segments, replacing each dictionary word by its pinyin; at each
    /// position the longest word that starts there wins.
    [[nodiscard]] std::vector<Segment> apply(std::u32string_view text) const;

  private:
    std::unordered_map<std::u32string, Pronunciation> entries_;
    std::size_t longest_ = 0;
};

/// Why `pinyin` is not a reading of `word` ("" when it is): each syllable is letters (a-z, ü or
/// v) and a tone digit 1-5, separated by spaces, and there are as many syllables as the word has
/// Hanzi. Pure.
std::string pinyin_problem(std::u32string_view word, std::string_view pinyin);

/// The station's own dictionary file: ROOT/tts/pronunciations.toml.
std::filesystem::path station_pronunciations_file(const std::filesystem::path& station_root);

/// Reads ROOT/tts/pronunciations.toml, when it exists, into `into` (its words override the
/// built-in ones), every problem into `diags` as file:line:col (the file named by its path).
/// The format: a table [words] of "word" = "pin1 yin1". Returns the number of words read.
/// Throws nothing but bad_alloc. Control thread (it reads a file).
std::size_t read_station_pronunciations(const std::filesystem::path& station_root,
                                        Pronunciations& into, Diagnostics& diags);

}  // namespace vc::speech
