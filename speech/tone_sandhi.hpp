#pragma once
// 一 and 不 tone sandhi, which espeak-ng 1.51 does not apply (it reads 一样 yi1 yang4 and 不是
// bu4 shi4): the changed syllables are written out as pinyin for voice cmn-latn-pinyin.

#include <functional>
#include <vector>

#include "speech/pronunciations.hpp"

namespace vc::speech {

/// A Hanzi's tone when read alone: 1-4, 5 for neutral, 0 when unknown.
using ToneOf = std::function<int(char32_t)>;

/// Rewrites 一 and 不 in the text segments (dictionary words are left alone) by the rules:
///   不 before a 4th tone → bu2;
///   一 before a 4th tone → yi2, before a 1st, 2nd or 3rd tone → yi4; but 一 stays yi1 as a
///   digit or an ordinal: after a numeral or 第 (十一, 第一, 二零一二), after 统 唯 之 其 逐 单 初
///   周 期 (统一, 之一, 初一, 星期一), before a numeral or 月 日 号 点 楼 (一二三, 一月,
///   一点三十分), and at the end of a phrase.
/// The next character's tone comes from a dictionary word's first syllable when one follows,
/// else from `tone_of`. Call from any thread that may call `tone_of`.
std::vector<Segment> apply_tone_sandhi(const std::vector<Segment>& segments, const ToneOf& tone_of);

}  // namespace vc::speech
