#include "speech/pronunciations.hpp"

#include <algorithm>

#include "core/toml_reader.hpp"
#include "speech/utf8.hpp"

namespace vc::speech {

void Pronunciations::add(std::u32string word, std::string pinyin, std::string source) {
    longest_ = std::max(longest_, word.size());
    auto key = word;
    entries_[std::move(key)] = {std::move(word), std::move(pinyin), std::move(source)};
}

const Pronunciation* Pronunciations::find(std::u32string_view word) const {
    auto it = entries_.find(std::u32string(word));
    return it == entries_.end() ? nullptr : &it->second;
}

std::vector<Segment> Pronunciations::apply(std::u32string_view text) const {
    std::vector<Segment> out;
    std::u32string plain;
    std::size_t i = 0;
    while (i < text.size()) {
        const Pronunciation* hit = nullptr;
        for (std::size_t n = std::min(longest_, text.size() - i); n >= 1 && !hit; --n)
            hit = find(text.substr(i, n));
        if (!hit) {
            plain += text[i++];
            continue;
        }
        if (!plain.empty()) out.push_back({std::move(plain), "", ""});
        plain.clear();
        out.push_back({hit->word, hit->pinyin, hit->source});
        i += hit->word.size();
    }
    if (!plain.empty()) out.push_back({std::move(plain), "", ""});
    return out;
}

std::string pinyin_problem(std::u32string_view word, std::string_view pinyin) {
    std::size_t hanzi = 0;
    for (char32_t c : word) {
        if (!is_hanzi(c))
            return "a word is written in Chinese characters only (`" + to_utf8(c) + "` is not one)";
        ++hanzi;
    }
    if (hanzi == 0) return "the word is empty";
    std::size_t syllables = 0;
    const std::u32string p = to_u32(pinyin);
    std::size_t i = 0;
    while (i < p.size()) {
        if (p[i] == U' ') {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < p.size() && ((p[j] >= U'a' && p[j] <= U'z') || p[j] == U'ü')) ++j;
        const std::string syllable = to_utf8(p.substr(i, j - i));
        if (j == i)
            return "`" + to_utf8(p.substr(i, 1)) +
                   "` is not pinyin: write lower-case letters and a tone digit, e.g. \"chong2 "
                   "qing4\"";
        if (j == p.size() || p[j] == U' ')
            return "the syllable `" + syllable +
                   "` has no tone: put its tone digit (1-4, or 5 for the neutral tone) after it";
        if (p[j] < U'1' || p[j] > U'5')
            return "the syllable `" + syllable + to_utf8(p[j]) +
                   "` must end in a tone digit 1-5, with a space before the next syllable";
        if (j + 1 < p.size() && p[j + 1] != U' ')
            return "put a space after `" + syllable + to_utf8(p[j]) + "`, before the next syllable";
        ++syllables;
        i = j + 1;
    }
    if (syllables != hanzi)
        return "`" + to_utf8(word) + "` has " + std::to_string(hanzi) + " characters but \"" +
               std::string(pinyin) + "\" has " + std::to_string(syllables) +
               " syllables: write one syllable for each character";
    return "";
}

std::filesystem::path station_pronunciations_file(const std::filesystem::path& station_root) {
    return station_root / "tts" / "pronunciations.toml";
}

std::size_t read_station_pronunciations(const std::filesystem::path& station_root,
                                        Pronunciations& into, Diagnostics& diags) {
    const auto path = station_pronunciations_file(station_root);
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return 0;
    const std::string file = path.string();
    auto parsed = parse_toml_file(path, file, diags);
    if (!parsed) return 0;
    TomlTable top(*parsed, file, diags);
    auto words = top.get_table("words");
    top.report_unknown_keys();
    if (!words) {
        if (!top.has("words"))
            diags.warning(file, 0, 0,
                          "no [words] table: write each word under [words] as "
                          "\"重庆\" = \"chong2 qing4\"");
        return 0;
    }
    std::size_t read = 0;
    for (const auto& [key, node] : words->table()) {
        const auto& src = key.source();
        SourcePos at{static_cast<int>(src.begin.line), static_cast<int>(src.begin.column)};
        const std::u32string word = to_u32(key.str());
        const auto* value = node.as_string();
        if (!value) {
            SourcePos vp = pos_of(node);
            diags.error(file, vp.line, vp.column,
                        "[words] `" + std::string(key.str()) + "` must be a string of pinyin, " +
                            "e.g. \"chong2 qing4\", not " + std::string(toml_type_name(node)));
            continue;
        }
        std::string pinyin = value->get();
        if (auto problem = pinyin_problem(word, pinyin); !problem.empty()) {
            SourcePos vp = pos_of(node);
            const bool word_fault =
                problem.rfind("a word", 0) == 0 || problem.rfind("the word", 0) == 0;
            const SourcePos p = word_fault ? at : vp;
            diags.error(file, p.line, p.column,
                        "[words] \"" + std::string(key.str()) + "\": " + problem);
            continue;
        }
        // One space between syllables, whatever was written.
        std::string tidy;
        for (char c : pinyin) {
            if (c == ' ' && (tidy.empty() || tidy.back() == ' ')) continue;
            tidy += c;
        }
        while (!tidy.empty() && tidy.back() == ' ') tidy.pop_back();
        into.add(word, tidy, "tts/pronunciations.toml:" + std::to_string(at.line));
        ++read;
    }
    return read;
}

}  // namespace vc::speech
