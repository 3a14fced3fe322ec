// The normalisation rules, in the order they are tried at each digit (docs/spoken-notices.md):
//   1. after a phone word (电话, 拨打, 热线, 手机, 号码, 致电) with an optional colon: the digits
//      and hyphens that follow, digit by digit with 1 read 幺, a hyphen as a word break;
//   2. an 11-digit mobile number (1[3-9] and nine digits) and a landline with its area code
//      (0 and 2-3 digits, a hyphen, 7-8 digits): the same;
//   3. an ISO date 2026-12-03 (or with / or .): 二零二六年十二月三日;
//   4. a time H:MM or H:MM:SS (full-width colon too), hour 0-24: the hour as a number with 2 as
//      两, then 点; minutes 00 are left out, 01-09 read 零X分, 10-59 as a number with 分;
//      seconds the same with 秒; a range of two times joins them with 到;
//   5. four digits before 年: a year, digit by digit (二零二六年);
//   6. any other number: optional sign (- → 负, or 零下 with a temperature) or ¥/￥ in front,
//      digits with optional thousands commas and decimals; a leading 0 or more than 12 digits
//      is read digit by digit; then what follows: % → 百分之X, ℃/°C → X摄氏度, 度 with a
//      minus → 零下X度, ¥ → X元, km kg cm mm m² ㎡ km/h → their Chinese units; the number 2 alone
//      before a measure word (个 天 次 年 点 元 万 …, not after 第) is 两; two numbers joined by
//      - ~ ～ — read A到B, the unit of the second read for both (10-20% → 百分之十到百分之二十).
#include "speech/text_normaliser.hpp"

#include <array>
#include <optional>
#include <vector>

#include "speech/utf8.hpp"

namespace vc::speech {

namespace {

using U = std::u32string;
using UV = std::u32string_view;

constexpr UV digit_names = U"零一二三四五六七八九";

bool is_digit(char32_t c) {
    return c >= U'0' && c <= U'9';
}
bool is_latin(char32_t c) {
    return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z');
}
char32_t at(const U& s, std::size_t i) {
    return i < s.size() ? s[i] : 0;
}
bool starts_with(const U& s, std::size_t i, UV word) {
    return i <= s.size() && UV(s).substr(i).starts_with(word);
}
std::size_t digit_run(const U& s, std::size_t i) {
    std::size_t j = i;
    while (j < s.size() && is_digit(s[j])) ++j;
    return j - i;
}
unsigned value_of(const U& s, std::size_t i, std::size_t n) {
    unsigned v = 0;
    for (std::size_t k = 0; k < n; ++k) v = v * 10 + static_cast<unsigned>(s[i + k] - U'0');
    return v;
}

/// Digits one by one; `yao`: 1 is 幺 (phone numbers).
U read_digits(UV digits, bool yao) {
    U out;
    for (char32_t c : digits) {
        if (c == U'1' && yao) {
            out += U'幺';
        } else if (is_digit(c)) {
            out += digit_names[c - U'0'];
        }
    }
    return out;
}

U read_section(unsigned n) {  // 0 < n < 10000
    static constexpr std::array<UV, 4> units{U"千", U"百", U"十", U""};
    U out;
    bool zero = false;
    unsigned div = 1000;
    for (const auto& unit : units) {
        const unsigned d = n / div % 10;
        if (d == 0) {
            if (!out.empty()) zero = true;
        } else {
            if (zero) out += U'零';
            zero = false;
            out += digit_names[d];
            out += unit;
        }
        div /= 10;
    }
    return out;
}

// Measure words before which the number 2 is read 两 (and not after 第).
constexpr UV measure_words[] = {
    U"个", U"位",   U"名",   U"人",   U"天", U"次",   U"年",   U"周", U"岁",   U"元", U"块", U"角",
    U"点", U"小时", U"分钟", U"秒钟", U"斤", U"公斤", U"千克", U"吨", U"亩",   U"户", U"间", U"件",
    U"本", U"张",   U"条",   U"辆",   U"台", U"头",   U"只",   U"米", U"公里", U"里", U"层", U"栋",
    U"所", U"家",   U"种",   U"项",   U"批", U"份",   U"套",   U"组", U"队",   U"班", U"场", U"节",
    U"瓶", U"袋",   U"箱",   U"杯",   U"包", U"双",   U"万",   U"千", U"亿",   U"倍"};

bool measure_word_at(const U& s, std::size_t i) {
    for (auto w : measure_words)
        if (starts_with(s, i, w)) return true;
    return false;
}

// Latin units after a number, longest first.
struct Unit {
    UV latin;
    UV chinese;
};
constexpr Unit units[] = {{U"km/h", U"公里每小时"}, {U"km", U"公里"},   {U"kg", U"公斤"},
                          {U"cm", U"厘米"},         {U"mm", U"毫米"},   {U"m²", U"平方米"},
                          {U"m2", U"平方米"},       {U"㎡", U"平方米"}, {U"m", U"米"}};

constexpr UV phone_words[] = {U"电话", U"拨打", U"热线", U"手机", U"号码", U"致电", U"呼叫"};

bool after_phone_word(const U& s, std::size_t i) {
    std::size_t j = i;
    while (j > 0 && (s[j - 1] == U':' || s[j - 1] == U'：' || s[j - 1] == U' ' ||
                     s[j - 1] == U'是' || s[j - 1] == U'为'))
        --j;
    for (auto w : phone_words)
        if (j >= w.size() && UV(s).substr(j - w.size(), w.size()) == w) return true;
    return false;
}

/// A number as written: sign or currency, digits, decimals, and what follows it.
struct Number {
    std::size_t begin = 0;
    std::size_t end = 0;  ///< after the number and its suffix
    bool negative = false;
    bool currency = false;
    U digits;    ///< integer part without commas
    U decimals;  ///< after the point; empty when none
    enum class Suffix { none, percent, celsius, degree } suffix = Suffix::none;
    UV unit;  ///< a Latin unit's Chinese name, or empty
};

std::optional<Number> parse_number(const U& s, std::size_t i, bool allow_sign) {
    Number n;
    n.begin = i;
    std::size_t j = i;
    if (s[j] == U'¥' || s[j] == U'￥') {
        n.currency = true;
        ++j;
    } else if (allow_sign && s[j] == U'-') {
        n.negative = true;
        ++j;
    }
    const std::size_t first = digit_run(s, j);
    if (first == 0) return std::nullopt;
    n.digits = s.substr(j, first);
    j += first;
    // Thousands separators: 1,234,567 (only after a first group of 1-3 digits).
    if (first <= 3) {
        while (at(s, j) == U',' && digit_run(s, j + 1) == 3) {
            n.digits += s.substr(j + 1, 3);
            j += 4;
        }
    }
    if (at(s, j) == U'.' && is_digit(at(s, j + 1))) {
        const std::size_t d = digit_run(s, j + 1);
        n.decimals = s.substr(j + 1, d);
        j += 1 + d;
    }
    if (at(s, j) == U'%') {
        n.suffix = Number::Suffix::percent;
        ++j;
    } else if (at(s, j) == U'℃') {
        n.suffix = Number::Suffix::celsius;
        ++j;
    } else if (at(s, j) == U'°' && (at(s, j + 1) == U'C' || at(s, j + 1) == U'c')) {
        n.suffix = Number::Suffix::celsius;
        j += 2;
    } else if (at(s, j) == U'度') {
        n.suffix = Number::Suffix::degree;  // the 度 itself stays in the text
    } else {
        for (const auto& u : units) {
            if (starts_with(s, j, u.latin) && !is_latin(at(s, j + u.latin.size()))) {
                n.unit = u.chinese;
                j += u.latin.size();
                break;
            }
        }
    }
    n.end = j;
    return n;
}

/// The numeral of a number's digits and decimals, without sign or unit.
U read_value(const Number& n) {
    U out;
    if ((n.digits.size() > 1 && n.digits[0] == U'0') || n.digits.size() > 12) {
        out = read_digits(n.digits, false);
    } else {
        std::uint64_t v = 0;
        for (char32_t c : n.digits) v = v * 10 + static_cast<std::uint64_t>(c - U'0');
        out = read_integer(v);
    }
    if (!n.decimals.empty()) out += U'点' + read_digits(n.decimals, false);
    return out;
}

/// How a number is said, `as` giving the suffix to read it with (a range reads both numbers
/// with the second one's suffix). `liang`: the value 2 is 两.
U say_number(const Number& n, Number::Suffix as, bool liang) {
    U value = read_value(n);
    if (liang && !n.negative && n.decimals.empty() && n.digits == U"2") value = U"两";
    switch (as) {
        case Number::Suffix::percent:
            return U(n.negative ? U"负" : U"") + U"百分之" + value;
        case Number::Suffix::celsius:
        case Number::Suffix::degree:
            return U(n.negative ? U"零下" : U"") + value;
        case Number::Suffix::none:
            break;
    }
    return U(n.negative ? U"负" : U"") + value;
}

U suffix_text(const Number& n) {
    if (n.suffix == Number::Suffix::celsius) return U"摄氏度";
    U out(n.unit);
    if (n.currency) out += U'元';
    return out;
}

/// Rewrites full-width digits and the signs that belong to numbers as ASCII.
U fold_width(const U& in) {
    U s = in;
    for (char32_t& c : s) {
        if (c >= U'０' && c <= U'９') c = U'0' + (c - U'０');
        if (c == U'％') c = U'%';
        if (c == U'－' || c == U'−') c = U'-';
        if (c == U'～') c = U'~';
    }
    for (std::size_t i = 1; i + 1 < s.size(); ++i) {
        if ((s[i] == U'：' || s[i] == U'．') && is_digit(s[i - 1]) && is_digit(s[i + 1]))
            s[i] = s[i] == U'：' ? U':' : U'.';
    }
    return s;
}

/// A time H:MM[:SS] at i: its reading and end, or nullopt.
std::optional<std::pair<U, std::size_t>> parse_time(const U& s, std::size_t i) {
    const std::size_t h = digit_run(s, i);
    if (h < 1 || h > 2 || at(s, i + h) != U':' || digit_run(s, i + h + 1) != 2) return std::nullopt;
    const unsigned hour = value_of(s, i, h);
    const unsigned minute = value_of(s, i + h + 1, 2);
    std::size_t end = i + h + 3;
    std::optional<unsigned> second;
    if (at(s, end) == U':' && digit_run(s, end + 1) == 2) {
        second = value_of(s, end + 1, 2);
        end += 3;
    }
    if (hour > 24 || minute > 59 || (second && *second > 59) || is_digit(at(s, end)))
        return std::nullopt;
    U out = hour == 2 ? U"两" : read_integer(hour);
    out += U'点';
    auto part = [&](unsigned v, char32_t unit) {
        if (v == 0) return;
        if (v < 10) out += U'零';
        out += read_integer(v);
        out += unit;
    };
    part(minute, U'分');
    if (second) {
        part(*second, U'秒');
    }
    return std::make_pair(out, end);
}

bool is_range_sign(char32_t c) {
    return c == U'-' || c == U'~' || c == U'—';
}

}  // namespace

std::u32string read_integer(std::uint64_t n) {
    if (n == 0) return U"零";
    const std::array<std::pair<unsigned, UV>, 3> parts{
        {{static_cast<unsigned>(n / 100000000 % 10000), U"亿"},
         {static_cast<unsigned>(n / 10000 % 10000), U"万"},
         {static_cast<unsigned>(n % 10000), U""}}};
    U out;
    bool zero = false;
    for (const auto& [value, unit] : parts) {
        if (value == 0) {
            if (!out.empty()) zero = true;
            continue;
        }
        if (!out.empty() && (zero || value < 1000)) out += U'零';
        out += read_section(value);
        out += unit;
        zero = false;
    }
    if (out.starts_with(U"一十")) out.erase(0, 1);  // 10 → 十, 150000 → 十五万
    if (out.size() > 1 && out[0] == U'二' &&
        (out[1] == U'千' || out[1] == U'万' || out[1] == U'亿'))
        out[0] = U'两';
    return out;
}

std::string normalise_text(std::string_view utf8) {
    const U s = fold_width(to_u32(utf8));
    U out;
    out.reserve(s.size() * 2);
    std::size_t i = 0;
    while (i < s.size()) {
        const char32_t c = s[i];
        const char32_t prev = i > 0 ? s[i - 1] : 0;
        const bool sign_here = c == U'-' && is_digit(at(s, i + 1)) && !is_digit(prev) &&
                               !is_latin(prev) && prev != U'-';
        const bool starts_number = (is_digit(c) && !is_digit(prev)) || sign_here ||
                                   ((c == U'¥' || c == U'￥') && is_digit(at(s, i + 1)));
        if (!starts_number) {
            out += c;
            ++i;
            continue;
        }
        const std::size_t run = digit_run(s, i);
        // 1. Digits after a phone word, with their hyphens.
        if (is_digit(c) && after_phone_word(s, i)) {
            std::size_t j = i;
            while (j < s.size() && (is_digit(s[j]) || (s[j] == U'-' && is_digit(at(s, j + 1))))) {
                out += s[j] == U'-' ? U" " : read_digits(UV(&s[j], 1), true);
                ++j;
            }
            i = j;
            continue;
        }
        // 2. Mobile and landline numbers.
        if (is_digit(c) && run == 11 && c == U'1' && s[i + 1] >= U'3' && at(s, i + 11) != U'.') {
            out += read_digits(UV(s).substr(i, 11), true);
            i += 11;
            continue;
        }
        if (c == U'0' && (run == 3 || run == 4) && at(s, i + run) == U'-') {
            const std::size_t local = digit_run(s, i + run + 1);
            if (local == 7 || local == 8) {
                out += read_digits(UV(s).substr(i, run), true) + U" " +
                       read_digits(UV(s).substr(i + run + 1, local), true);
                i += run + 1 + local;
                continue;
            }
        }
        // 3. ISO dates.
        if (run == 4) {
            const char32_t sep = at(s, i + 4);
            const std::size_t m = digit_run(s, i + 5);
            if ((sep == U'-' || sep == U'/' || sep == U'.') && (m == 1 || m == 2) &&
                at(s, i + 5 + m) == sep) {
                const std::size_t d = digit_run(s, i + 6 + m);
                const unsigned month = value_of(s, i + 5, m);
                const unsigned day = d >= 1 && d <= 2 ? value_of(s, i + 6 + m, d) : 0;
                if (month >= 1 && month <= 12 && day >= 1 && day <= 31) {
                    out += read_digits(UV(s).substr(i, 4), false) + U"年" + read_integer(month) +
                           U"月" + read_integer(day) + U"日";
                    i += 6 + m + d;
                    continue;
                }
            }
        }
        // 4. Times, and ranges of times.
        if (auto t = parse_time(s, i)) {
            out += t->first;
            i = t->second;
            if (is_range_sign(at(s, i))) {
                if (auto t2 = parse_time(s, i + 1)) {
                    out += U"到" + t2->first;
                    i = t2->second;
                }
            }
            continue;
        }
        // 5. Years.
        if (run == 4 && at(s, i + 4) == U'年') {
            out += read_digits(UV(s).substr(i, 4), false);
            i += 4;
            continue;
        }
        // 6. Numbers with their signs, units and ranges.
        auto a = parse_number(s, i, sign_here);
        if (!a) {
            out += c;
            ++i;
            continue;
        }
        std::optional<Number> b;
        if (is_range_sign(at(s, a->end)) && a->suffix != Number::Suffix::degree) {
            const std::size_t j = a->end + 1;
            b = parse_number(s, j, at(s, a->end) != U'-');
            if (b && (b->currency || is_digit(at(s, b->end)))) b.reset();
        }
        const Number& last = b ? *b : *a;
        const bool liang = prev != U'第' && (measure_word_at(s, last.end) || !last.unit.empty());
        if (!b) {
            out += say_number(*a, a->suffix, liang) + suffix_text(*a);
            i = a->end;
            continue;
        }
        const auto as = a->suffix != Number::Suffix::none ? a->suffix : b->suffix;
        out += say_number(*a, as, liang);
        if (a->suffix != Number::Suffix::none || !a->unit.empty() || a->currency)
            out += suffix_text(*a);
        out += U"到" + say_number(*b, b->suffix != Number::Suffix::none ? b->suffix : as, liang) +
               suffix_text(*b);
        i = b->end;
    }
    return to_utf8(out);
}

}  // namespace vc::speech
