#pragma once
// Expanding one broadcast's rule into instants, lazily: asking about next week never expands
// last year. The search jumps to the local date of the question and walks forward a day at a
// time (or straight through a `dates` list); on a matching day it binary-searches the day's
// times, so even an every-minute cron costs a handful of zone look-ups per answer.

#include <optional>
#include <vector>

#include <date/tz.h>

#include "core/instant.hpp"
#include "scheduler/broadcast.hpp"
#include "scheduler/calendar_set.hpp"

namespace vc::scheduler {

/// How far ahead a search looks: a rule that matches no day in this many days is taken never to
/// air again. 41 years covers the rarest combinations the fields can express (a 29 February that
/// falls on a given weekday).
inline constexpr int search_days = 366 * 41;

/// The first day d with first <= d <= last that `rule` airs on, or nullopt. A day that needs the
/// office calendar where no calendar covers it never airs: the expansion does not guess (and
/// load_schedule_file reports such days as errors ahead of time). Thread-safe.
std::optional<date::local_days> next_day(const Rule& rule, date::local_days first,
                                         date::local_days last, const CalendarSet& calendars);

/// The earliest instant strictly after `t` at which `rule` comes due in `zone`, or nullopt.
/// Thread-safe.
std::optional<Instant> next_after(const Rule& rule, Instant t, const date::time_zone& zone,
                                  const CalendarSet& calendars);

/// Appends to `out`, ascending and each once, every instant in [from, to) at which `rule` comes
/// due. Thread-safe.
void instants_between(const Rule& rule, Instant from, Instant to, const date::time_zone& zone,
                      const CalendarSet& calendars, std::vector<Instant>& out);

}  // namespace vc::scheduler
