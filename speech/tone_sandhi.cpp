#include "speech/tone_sandhi.hpp"

#include <string_view>

#include "speech/utf8.hpp"

namespace vc::speech {

namespace {

bool in(std::u32string_view set, char32_t c) {
    return c != 0 && set.find(c) != set.npos;
}

constexpr std::u32string_view numerals = U"零〇一二三四五六七八九十百千万亿两";
constexpr std::u32string_view keep_after = U"第统唯之其逐单初周期";
constexpr std::u32string_view keep_before = U"零〇一二三四五六七八九十两月日号点楼";

/// The tone of the first syllable of a pinyin string ("chong2 qing4" → 2).
int first_tone(const std::string& pinyin) {
    for (char c : pinyin) {
        if (c >= '1' && c <= '5') return c - '0';
        if (c == ' ') break;
    }
    return 0;
}

}  // namespace

std::vector<Segment> apply_tone_sandhi(const std::vector<Segment>& segments,
                                       const ToneOf& tone_of) {
    std::vector<Segment> out;
    for (std::size_t s = 0; s < segments.size(); ++s) {
        const Segment& seg = segments[s];
        if (!seg.pinyin.empty()) {
            out.push_back(seg);
            continue;
        }
        const std::u32string& t = seg.text;
        const Segment* next_seg = s + 1 < segments.size() ? &segments[s + 1] : nullptr;
        const Segment* prev_seg = s > 0 ? &segments[s - 1] : nullptr;
        std::u32string plain;
        for (std::size_t i = 0; i < t.size(); ++i) {
            const char32_t c = t[i];
            if (c != U'一' && c != U'不') {
                plain += c;
                continue;
            }
            // The neighbours, across segment edges (a dictionary word's own characters).
            const char32_t prev = i > 0 ? t[i - 1] : prev_seg ? prev_seg->text.back() : 0;
            char32_t next = 0;
            int next_tone = 0;
            if (i + 1 < t.size()) {
                next = t[i + 1];
            } else if (next_seg && !next_seg->text.empty()) {
                next = next_seg->text.front();
                next_tone = first_tone(next_seg->pinyin);
            }
            if (next_tone == 0 && is_hanzi(next)) next_tone = tone_of(next);
            // espeak-ng reads 个 alone in the neutral tone; under 一 and 不 it counts as ge4.
            if (next == U'个') next_tone = 4;
            std::string pinyin;
            if (c == U'不') {
                if (next_tone == 4) pinyin = "bu2";
            } else if (!is_hanzi(next) || in(numerals, prev) || in(keep_after, prev) ||
                       in(keep_before, next)) {
                // a digit, an ordinal or the end of a phrase: yi1 as espeak-ng says it
            } else if (next_tone == 4) {
                pinyin = "yi2";
            } else if (next_tone >= 1 && next_tone <= 3) {
                pinyin = "yi4";
            }
            if (pinyin.empty()) {
                plain += c;
                continue;
            }
            if (!plain.empty()) out.push_back({std::move(plain), "", ""});
            plain.clear();
            out.push_back({std::u32string(1, c), pinyin, "tone sandhi"});
        }
        if (!plain.empty()) out.push_back({std::move(plain), "", ""});
    }
    return out;
}

}  // namespace vc::speech
