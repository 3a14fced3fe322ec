#pragma once
// 地: espeak-ng 1.51 reads it as the particle de5 almost everywhere (土地, 地区, 当地, 地点,
// 地震 all come out with de), while in a township's notices it is nearly always the noun di4.

#include <vector>

#include "speech/pronunciations.hpp"

namespace vc::speech {

/// Writes 地 in the text segments (dictionary words are left alone) as di4, except where it is
/// the adverbial particle de5: after a doubled character (慢慢地, 好好地) or after a word that
/// makes adverbs (认真地, 积极地, 主动地, 及时地 …; the list is in di_rule.cpp). Pure.
std::vector<Segment> apply_di_rule(const std::vector<Segment>& segments);

}  // namespace vc::speech
