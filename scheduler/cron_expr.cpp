#include "scheduler/cron_expr.hpp"

#include <array>
#include <cctype>
#include <optional>

namespace vc::scheduler {

namespace {

constexpr std::array<std::string_view, 12> month_names{"jan", "feb", "mar", "apr", "may", "jun",
                                                       "jul", "aug", "sep", "oct", "nov", "dec"};
constexpr std::array<std::string_view, 7> day_names{"sun", "mon", "tue", "wed",
                                                    "thu", "fri", "sat"};

struct FieldSpec {
    std::string_view name;
    int low;
    int high;
    bool month_names;
    bool day_names;
};

constexpr std::array<FieldSpec, 5> fields{{
    {"minute", 0, 59, false, false},
    {"hour", 0, 23, false, false},
    {"day of month", 1, 31, false, false},
    {"month", 1, 12, true, false},
    {"day of week", 0, 7, false, true},
}};

std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

class FieldParser {
  public:
    FieldParser(std::string_view text, std::size_t base, std::size_t index)
        : text_(text), base_(base), index_(index), spec_(fields[index]) {}

    /// Sets the bits of every value the field names; returns whether it starts with '*'.
    template <std::size_t N>
    bool parse(std::bitset<N>& bits) {
        const bool star = !text_.empty() && text_[0] == '*';
        std::size_t start = 0;
        while (true) {
            const auto comma = text_.find(',', start);
            const auto item = text_.substr(
                start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
            parse_item(item, bits);
            if (comma == std::string_view::npos) {
                break;
            }
            start = comma + 1;
        }
        return star;
    }

  private:
    [[noreturn]] void fail(const std::string& message) const {
        throw CronError(base_, "cron field " + std::to_string(index_ + 1) + " (" +
                                   std::string(spec_.name) + ") \"" + std::string(text_) +
                                   "\": " + message);
    }

    std::string range_text() const {
        std::string out = std::to_string(spec_.low) + "-" + std::to_string(spec_.high);
        if (spec_.month_names) {
            out += " or jan-dec";
        }
        if (spec_.day_names) {
            out += " (0 and 7 are Sunday) or sun-sat";
        }
        return out;
    }

    int value(std::string_view v) const {
        if (v.empty()) {
            fail("a value is missing (expected " + range_text() + ")");
        }
        if (std::isdigit(static_cast<unsigned char>(v[0]))) {
            int n = 0;
            for (char c : v) {
                if (!std::isdigit(static_cast<unsigned char>(c))) {
                    fail("\"" + std::string(v) + "\" is not a number (expected " + range_text() +
                         ")");
                }
                n = n * 10 + (c - '0');
                if (n > 1000) {
                    break;
                }
            }
            if (n < spec_.low || n > spec_.high) {
                fail(std::to_string(n) + " is out of range (expected " + range_text() + ")");
            }
            return n;
        }
        const auto name = lower(v);
        if (spec_.month_names) {
            for (std::size_t i = 0; i < month_names.size(); ++i) {
                if (name == month_names[i]) {
                    return static_cast<int>(i) + 1;
                }
            }
        }
        if (spec_.day_names) {
            for (std::size_t i = 0; i < day_names.size(); ++i) {
                if (name == day_names[i]) {
                    return static_cast<int>(i);
                }
            }
        }
        fail("\"" + std::string(v) + "\" is not a value (expected " + range_text() + ")");
    }

    template <std::size_t N>
    void parse_item(std::string_view item, std::bitset<N>& bits) {
        if (item.empty()) {
            fail("an empty entry in the list");
        }
        std::string_view range = item;
        int step = 1;
        if (const auto slash = item.find('/'); slash != std::string_view::npos) {
            range = item.substr(0, slash);
            const auto step_text = item.substr(slash + 1);
            int s = 0;
            if (step_text.empty()) {
                fail("a step after '/' is missing");
            }
            for (char c : step_text) {
                if (!std::isdigit(static_cast<unsigned char>(c))) {
                    fail("the step \"" + std::string(step_text) + "\" is not a whole number");
                }
                s = s * 10 + (c - '0');
                if (s > 1000) {
                    break;
                }
            }
            if (s < 1 || s > spec_.high) {
                fail("the step " + std::string(step_text) + " is out of range");
            }
            step = s;
        }
        int lo = 0;
        int hi = 0;
        if (range == "*") {
            lo = spec_.low;
            hi = spec_.high;
        } else if (const auto dash = range.find('-'); dash != std::string_view::npos) {
            lo = value(range.substr(0, dash));
            hi = value(range.substr(dash + 1));
            if (hi < lo) {
                fail("the range " + std::string(range) +
                     " runs backwards (write the smaller first)");
            }
        } else {
            lo = value(range);
            if (step != 1 || item.find('/') != std::string_view::npos) {
                fail("a step needs a range or '*' before it, such as \"*/" + std::to_string(step) +
                     "\" or \"" + std::to_string(lo) + "-" + std::to_string(spec_.high) + "/" +
                     std::to_string(step) + "\"");
            }
            hi = lo;
        }
        for (int v = lo; v <= hi; v += step) {
            int bit = v;
            if (spec_.day_names && bit == 7) {
                bit = 0;
            }
            bits.set(static_cast<std::size_t>(bit));
        }
    }

    std::string_view text_;
    std::size_t base_;
    std::size_t index_;
    const FieldSpec& spec_;
};

}  // namespace

CronExpr CronExpr::parse(std::string_view text) {
    CronExpr e;
    e.text_ = std::string(text);
    std::vector<std::pair<std::string_view, std::size_t>> parts;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) {
            ++i;
        }
        if (i >= text.size()) {
            break;
        }
        const auto start = i;
        while (i < text.size() && text[i] != ' ' && text[i] != '\t') {
            ++i;
        }
        parts.emplace_back(text.substr(start, i - start), start);
    }
    if (parts.size() != 5) {
        throw CronError(parts.size() > 5 ? parts[5].second : 0,
                        "`cron` needs five fields \"minute hour day-of-month month day-of-week\" "
                        "(such as \"0 10 1 * *\"), found " +
                            std::to_string(parts.size()));
    }
    FieldParser(parts[0].first, parts[0].second, 0).parse(e.minutes_);
    FieldParser(parts[1].first, parts[1].second, 1).parse(e.hours_);
    e.dom_star_ = FieldParser(parts[2].first, parts[2].second, 2).parse(e.doms_);
    FieldParser(parts[3].first, parts[3].second, 3).parse(e.months_);
    e.dow_star_ = FieldParser(parts[4].first, parts[4].second, 4).parse(e.dows_);
    for (int h = 0; h < 24; ++h) {
        if (e.hours_.test(static_cast<std::size_t>(h))) {
            for (int m = 0; m < 60; ++m) {
                if (e.minutes_.test(static_cast<std::size_t>(m))) {
                    e.times_.push_back(std::chrono::hours(h) + std::chrono::minutes(m));
                }
            }
        }
    }
    return e;
}

bool CronExpr::matches_day(date::local_days day) const {
    const date::year_month_day ymd{day};
    if (!months_.test(static_cast<unsigned>(ymd.month()))) {
        return false;
    }
    const bool dom = doms_.test(static_cast<unsigned>(ymd.day()));
    const bool dow = dows_.test(date::weekday{day}.c_encoding());
    if (dom_star_ || dow_star_) {
        return dom && dow;
    }
    return dom || dow;
}

}  // namespace vc::scheduler
