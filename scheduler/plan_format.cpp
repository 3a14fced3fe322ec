#include "scheduler/plan_format.hpp"

#include "core/csv.hpp"

#include <date/tz.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "core/duration.hpp"
#include "core/text_width.hpp"

namespace vc::scheduler {

/// A local calendar time, broken down.
struct LocalParts {
    int year = 0;
    unsigned month = 0;
    unsigned day = 0;
    int hour = 0;
    int minute = 0;
    int second = 0;
    int millis = 0;
    long offset_seconds = 0;
};

/// Local time in one zone, remembering the last offset period (a plan's rows mostly share it).
class LocalClock {
  public:
    explicit LocalClock(const date::time_zone* zone) : zone_(zone) {}

    LocalParts parts(Instant t) {
        const auto secs = date::floor<std::chrono::seconds>(t);
        if (!(secs >= begin_ && secs < end_)) {
            const date::sys_info info = zone_->get_info(t);
            begin_ = info.begin;
            end_ = info.end;
            offset_ = info.offset;
        }
        const auto local = t.time_since_epoch() + offset_;
        const auto days = date::floor<date::days>(local);
        const date::year_month_day ymd{date::sys_days{days}};
        const auto ms = (local - days).count();  // milliseconds into the day
        return LocalParts{static_cast<int>(ymd.year()),       static_cast<unsigned>(ymd.month()),
                          static_cast<unsigned>(ymd.day()),   static_cast<int>(ms / 3'600'000),
                          static_cast<int>(ms / 60'000 % 60), static_cast<int>(ms / 1000 % 60),
                          static_cast<int>(ms % 1000),        static_cast<long>(offset_.count())};
    }

  private:
    const date::time_zone* zone_;
    date::sys_seconds begin_{};
    date::sys_seconds end_{};
    std::chrono::seconds offset_{0};
};

namespace {

/// Writes `value` (0 <= value < 10^width) as `width` digits at `p`; returns the end.
char* fixed_digits(char* p, long value, int width) {
    for (int i = width - 1; i >= 0; --i) {
        p[i] = static_cast<char>('0' + value % 10);
        value /= 10;
    }
    return p + width;
}

/// Appends `value` (not negative) in decimal, zero-padded to `width` digits.
void put_digits(std::string& out, long value, int width) {
    char buf[24];
    char* const end = buf + sizeof buf;
    char* p = end;
    do {
        *--p = static_cast<char>('0' + value % 10);
        value /= 10;
    } while (value > 0 && p > buf + 4);
    while (end - p < width && p > buf) *--p = '0';
    out.append(p, end);
}

bool same_date(const LocalParts& a, const LocalParts& b) {
    return a.year == b.year && a.month == b.month && a.day == b.day;
}

char* date_at(char* p, const LocalParts& lp) {
    p = fixed_digits(p, lp.year, 4);
    *p++ = '-';
    p = fixed_digits(p, lp.month, 2);
    *p++ = '-';
    return fixed_digits(p, lp.day, 2);
}

char* clock_at(char* p, const LocalParts& lp, bool with_millis) {
    p = fixed_digits(p, lp.hour, 2);
    *p++ = ':';
    p = fixed_digits(p, lp.minute, 2);
    *p++ = ':';
    p = fixed_digits(p, lp.second, 2);
    if (with_millis) {
        *p++ = '.';
        p = fixed_digits(p, lp.millis, 3);
    }
    return p;
}

/// "2026-12-03"
void put_date(std::string& out, const LocalParts& lp) {
    char buf[16];
    out.append(buf, date_at(buf, lp));
}

/// "10:00:35.000", or "10:00:35" without the milliseconds
void put_clock(std::string& out, const LocalParts& lp, bool with_millis) {
    char buf[16];
    out.append(buf, clock_at(buf, lp, with_millis));
}

/// "2026-12-03T10:00:35.000+08:00"
void put_iso(std::string& out, const LocalParts& lp) {
    char buf[40];
    char* p = date_at(buf, lp);
    *p++ = 'T';
    p = clock_at(p, lp, true);
    const long off = lp.offset_seconds < 0 ? -lp.offset_seconds : lp.offset_seconds;
    *p++ = lp.offset_seconds < 0 ? '-' : '+';
    p = fixed_digits(p, off / 3600 % 100, 2);
    *p++ = ':';
    p = fixed_digits(p, off / 60 % 60, 2);
    out.append(buf, p);
}

/// The time of `t`, with its date in front when that is not the scheduled date.
std::string time_near(Instant t, Instant scheduled, LocalClock& clock) {
    const LocalParts p = clock.parts(t);
    std::string out;
    if (!same_date(p, clock.parts(scheduled))) {
        put_date(out, p);
        out += ' ';
    }
    put_clock(out, p, true);
    return out;
}

const std::string& what_airs(const Occurrence& o) {
    return o.playlist.empty() ? o.clip : o.playlist;
}

void put_csv(std::string& out, std::string_view s) {
    out += csv_cell(s);
}

void put_number(std::string& out, std::int64_t v) {
    if (v < 0) {
        out += '-';
        v = -v;
    }
    put_digits(out, static_cast<long>(v), 1);
}

std::string note(const PlanRow& row, LocalClock& clock) {
    switch (row.outcome) {
        case Outcome::aired:
            if (row.attempts > 1 && row.start) {
                return (row.interrupted_by.empty() ? std::string("interrupted")
                                                   : "interrupted by " + row.interrupted_by) +
                       ", aired again at " + time_near(*row.start, row.occurrence.scheduled, clock);
            }
            if (row.delay > Millis{0})
                return "delayed " + format_duration(row.delay) +
                       (row.waited_for.empty() ? "" : " by " + row.waited_for);
            return "";
        case Outcome::interrupted:
            if (row.attempts > 1)
                return row.reason + ", after " + std::to_string(row.attempts) + " airings";
            return row.reason;
        case Outcome::missed:
        case Outcome::failed:
            return row.reason;
    }
    return row.reason;
}

}  // namespace

std::optional<PlanFormat> parse_plan_format(std::string_view text) {
    if (text == "table") return PlanFormat::table;
    if (text == "csv") return PlanFormat::csv;
    if (text == "json") return PlanFormat::json;
    return std::nullopt;
}

std::string local_time_text(Instant t, const date::time_zone* zone) {
    const LocalParts p = LocalClock(zone).parts(t);
    std::string out;
    put_date(out, p);
    out += ' ';
    put_clock(out, p, true);
    return out;
}

std::string iso_local_time(Instant t, const date::time_zone* zone) {
    std::string out;
    put_iso(out, LocalClock(zone).parts(t));
    return out;
}

std::string plan_note(const PlanRow& row, const date::time_zone* zone) {
    LocalClock clock(zone);
    return note(row, clock);
}

PlanWriter::PlanWriter(std::ostream& out, PlanFormat format, const date::time_zone* zone,
                       JsonFields more)
    : out_(out),
      format_(format),
      clock_(std::make_unique<LocalClock>(zone)),
      more_(std::move(more)) {
    if (format_ == PlanFormat::csv)
        out_ << utf8_bom
             << "scheduled,scheduled_utc_ms,start,start_utc_ms,end,end_utc_ms,broadcast,zone,"
                "playlist,clip,priority,outcome,attempts,delay_ms,note\n";
    else if (format_ == PlanFormat::json)
        out_ << "[";
}

PlanWriter::~PlanWriter() {
    try {
        flush();
    } catch (...) {  // a destructor must not throw; finish() reports write errors
    }
}

void PlanWriter::flush() {
    if (line_.empty()) return;
    out_.write(line_.data(), static_cast<std::streamsize>(line_.size()));
    line_.clear();
}

void PlanWriter::write(const PlanRow& row) {
    const Occurrence& o = row.occurrence;
    LocalClock& clock = *clock_;
    switch (format_) {
        case PlanFormat::table: {
            const LocalParts s = clock.parts(o.scheduled);
            std::string scheduled;
            put_date(scheduled, s);
            scheduled += ' ';
            put_clock(scheduled, s, s.millis != 0);
            auto when = [&](const std::optional<Instant>& t) {
                return t ? time_near(*t, o.scheduled, clock) : std::string("-");
            };
            if (!o.zone.empty()) zoned_ = true;
            table_.push_back({std::move(scheduled), when(row.start), when(row.end), o.broadcast_id,
                              o.zone, what_airs(o), std::string(to_string(o.priority)),
                              std::string(to_string(row.outcome)), note(row, clock)});
            break;
        }
        case PlanFormat::csv: {
            std::string& line = line_;
            auto put_time = [&](const std::optional<Instant>& t) {
                if (t) {
                    put_iso(line, clock.parts(*t));
                    line += ',';
                    put_number(line, t->time_since_epoch().count());
                } else {
                    line += ',';
                }
                line += ',';
            };
            put_time(o.scheduled);
            put_time(row.start);
            put_time(row.end);
            put_csv(line, o.broadcast_id);
            line += ',';
            put_csv(line, o.zone);
            line += ',';
            put_csv(line, o.playlist);
            line += ',';
            put_csv(line, o.clip);
            line += ',';
            line += to_string(o.priority);
            line += ',';
            line += to_string(row.outcome);
            line += ',';
            put_number(line, row.attempts);
            line += ',';
            put_number(line, row.delay.count());
            line += ',';
            put_csv(line, note(row, clock));
            line += '\n';
            break;
        }
        case PlanFormat::json: {
            nlohmann::ordered_json j;
            auto put_time = [&](const char* name, const std::optional<Instant>& t) {
                const std::string ms_name = std::string(name) + "_utc_ms";
                if (t) {
                    std::string text;
                    put_iso(text, clock.parts(*t));
                    j[name] = std::move(text);
                    j[ms_name] = t->time_since_epoch().count();
                } else {
                    j[name] = nullptr;
                    j[ms_name] = nullptr;
                }
            };
            j["broadcast"] = o.broadcast_id;
            j["zone"] = o.zone;
            j["playlist"] = o.playlist;
            j["clip"] = o.clip;
            j["priority"] = to_string(o.priority);
            put_time("scheduled", o.scheduled);
            put_time("start", row.start);
            put_time("end", row.end);
            j["outcome"] = to_string(row.outcome);
            j["attempts"] = row.attempts;
            j["delay_ms"] = row.delay.count();
            j["waited_for"] = row.waited_for;
            j["interrupted_by"] = row.interrupted_by;
            j["reason"] = row.reason;
            j["note"] = note(row, clock);
            if (more_) more_(row, j);
            line_ += count_ == 0 ? "\n" : ",\n";
            line_ += j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
            break;
        }
    }
    ++count_;
    if (line_.size() >= 64 * 1024) flush();
}

void PlanWriter::finish() {
    flush();
    switch (format_) {
        case PlanFormat::table:
            if (!zoned_)  // a station without zones: no zone column
                for (auto& r : table_) r.erase(r.begin() + 4);
            out_ << format_table(
                zoned_ ? std::vector<std::string>{"scheduled", "start", "end", "broadcast", "zone",
                                                  "playlist", "priority", "outcome", "note"}
                       : std::vector<std::string>{"scheduled", "start", "end", "broadcast",
                                                  "playlist", "priority", "outcome", "note"},
                table_);
            table_.clear();
            break;
        case PlanFormat::csv:
            break;
        case PlanFormat::json:
            out_ << (count_ == 0 ? "]\n" : "\n]\n");
            break;
    }
}

std::string format_plan(const std::vector<PlanRow>& rows, PlanFormat format,
                        const date::time_zone* zone) {
    std::ostringstream out;
    PlanWriter w(out, format, zone);
    for (const auto& r : rows) w.write(r);
    w.finish();
    return out.str();
}

}  // namespace vc::scheduler
