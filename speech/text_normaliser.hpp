#pragma once
// Chinese text normalisation before synthesis: numbers, dates, times, phone numbers, money,
// percentages, temperatures and ranges become the Hanzi a reader would say, because espeak-ng
// reads digits its own way (and drops "-" and "℃"). The rules are listed, with examples, in
// docs/spoken-notices.md; tests/speech/test_text_normaliser.cpp holds one case per rule.

#include <cstdint>
#include <string>
#include <string_view>

namespace vc::speech {

/// The text with every number written as spoken Mandarin (1234 → 一千二百三十四, 2026年 →
/// 二零二六年, 19:30 → 十九点三十分, 10% → 百分之十, -5℃ → 零下五摄氏度, 13812345678 → 幺三八…).
/// Everything else, punctuation included (it makes the pauses), passes through unchanged; full-
/// width digits and signs are read like ASCII ones. Pure; any thread; throws only bad_alloc.
std::string normalise_text(std::string_view utf8);

/// An integer as a Mandarin numeral, e.g. 105 → 一百零五, 10010 → 一万零一十, 2000 → 两千
/// (a leading 2 before 千, 万 or 亿 is 两). At most 12 digits (below 10^12). Pure.
std::u32string read_integer(std::uint64_t n);

}  // namespace vc::speech
