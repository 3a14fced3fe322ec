#pragma once
// Five-field cron expressions as Vixie cron reads them: "minute hour day-of-month month
// day-of-week", each field a comma list of `*`, `N`, `A-B`, `*/S` or `A-B/S`; months may be
// named jan..dec and days sun..sat (any case, also in ranges); day-of-week 0 and 7 are both
// Sunday. When neither day field starts with `*`, a day matching either one fires (Vixie's
// rule: "0 10 1 * mon" fires on the 1st and on every Monday); when either starts with `*`
// (even `*/2`), both must match.

#include <bitset>
#include <chrono>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <date/date.h>

namespace vc::scheduler {

/// A cron text that does not parse: `offset` is where in the text the bad field starts.
class CronError : public std::runtime_error {
  public:
    CronError(std::size_t offset, const std::string& message)
        : std::runtime_error(message), offset_(offset) {}
    [[nodiscard]] std::size_t offset() const { return offset_; }

  private:
    std::size_t offset_;
};

/// A parsed cron expression. Plain data; thread-safe to read.
class CronExpr {
  public:
    /// Parses five fields. Throws CronError naming the field and what was expected.
    static CronExpr parse(std::string_view text);

    /// True when the expression fires on some minute of `day` (month, and the day fields
    /// under the rule above).
    [[nodiscard]] bool matches_day(date::local_days day) const;
    /// The times of day it fires on a matching day, ascending.
    [[nodiscard]] const std::vector<std::chrono::seconds>& times() const { return times_; }
    [[nodiscard]] const std::string& text() const { return text_; }

    [[nodiscard]] bool minute(int m) const { return minutes_.test(static_cast<std::size_t>(m)); }
    [[nodiscard]] bool hour(int h) const { return hours_.test(static_cast<std::size_t>(h)); }
    [[nodiscard]] bool day_of_month(int d) const { return doms_.test(static_cast<std::size_t>(d)); }
    [[nodiscard]] bool month(int m) const { return months_.test(static_cast<std::size_t>(m)); }
    /// 0 = Sunday .. 6 = Saturday.
    [[nodiscard]] bool day_of_week(int d) const { return dows_.test(static_cast<std::size_t>(d)); }
    [[nodiscard]] bool day_of_month_star() const { return dom_star_; }
    [[nodiscard]] bool day_of_week_star() const { return dow_star_; }

  private:
    std::string text_;
    std::bitset<60> minutes_;
    std::bitset<24> hours_;
    std::bitset<32> doms_;    ///< 1..31
    std::bitset<13> months_;  ///< 1..12
    std::bitset<8> dows_;     ///< 0..6 (7 folded into 0)
    bool dom_star_ = false;
    bool dow_star_ = false;
    std::vector<std::chrono::seconds> times_;
};

}  // namespace vc::scheduler
