#pragma once
// UTF-8 to code points and back, for the text rules that work a character at a time.

#include <string>
#include <string_view>

namespace vc::speech {

/// Decodes UTF-8; an invalid byte becomes U+FFFD. Pure; any thread.
std::u32string to_u32(std::string_view utf8);
/// Encodes code points as UTF-8. Pure; any thread.
std::string to_utf8(std::u32string_view text);
std::string to_utf8(char32_t c);

/// A CJK unified ideograph (a Hanzi), basic block or extension A.
constexpr bool is_hanzi(char32_t c) {
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF);
}

}  // namespace vc::speech
