#include "health/aircheck_pruner.hpp"

#include <algorithm>

#include <date/date.h>

namespace vc::health {
namespace {

/// The number in text[from, from + n), all digits, or -1.
int digits(std::string_view text, std::size_t from, std::size_t n) {
    if (from + n > text.size()) return -1;
    int v = 0;
    for (std::size_t i = from; i < from + n; ++i) {
        if (text[i] < '0' || text[i] > '9') return -1;
        v = v * 10 + (text[i] - '0');
    }
    return v;
}

}  // namespace

std::optional<Instant> aircheck_aired_at(std::string_view name) {
    constexpr std::string_view ext = ".flac";
    if (name.size() <= ext.size() || name.substr(name.size() - ext.size()) != ext)
        return std::nullopt;
    name.remove_suffix(ext.size());
    auto at = name.rfind('@');
    if (at == std::string_view::npos || at == 0) return std::nullopt;
    std::string_view t = name.substr(at + 1);  // 20261201T073000[.000]Z
    if (t.size() != 16 && t.size() != 20) return std::nullopt;
    if (t[8] != 'T' || t.back() != 'Z') return std::nullopt;
    int y = digits(t, 0, 4), mo = digits(t, 4, 2), d = digits(t, 6, 2);
    int h = digits(t, 9, 2), mi = digits(t, 11, 2), s = digits(t, 13, 2);
    int ms = 0;
    if (t.size() == 20) {
        if (t[15] != '.') return std::nullopt;
        ms = digits(t, 16, 3);
    }
    if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || s < 0 || ms < 0) return std::nullopt;
    if (h > 23 || mi > 59 || s > 59) return std::nullopt;
    date::year_month_day ymd{date::year(y), date::month(static_cast<unsigned>(mo)),
                             date::day(static_cast<unsigned>(d))};
    if (!ymd.ok()) return std::nullopt;
    return Instant(date::sys_days(ymd)) + std::chrono::hours(h) + std::chrono::minutes(mi) +
           std::chrono::seconds(s) + std::chrono::milliseconds(ms);
}

PruneResult prune_airchecks(const std::filesystem::path& folder, Millis keep, Instant now) {
    namespace fs = std::filesystem;
    PruneResult result;
    std::error_code ec;
    if (!fs::is_directory(folder, ec)) return result;
    std::vector<DeletedAircheck> old;
    fs::directory_iterator it(folder, ec), end;
    if (ec) {
        result.problems.push_back("cannot read " + folder.string() + ": " + ec.message());
        return result;
    }
    for (; it != end; it.increment(ec)) {
        if (ec) {
            result.problems.push_back("cannot read " + folder.string() + ": " + ec.message());
            break;
        }
        // symlink_status: a link is a link, whatever it points to; only plain files count.
        auto st = it->symlink_status(ec);
        if (ec || st.type() != fs::file_type::regular) continue;
        // A page's recording is what was said live: it is kept whatever the retention.
        if (it->path().filename().string().rfind("page-", 0) == 0) continue;
        auto aired = aircheck_aired_at(it->path().filename().string());
        if (!aired || now - *aired <= keep) continue;
        auto size = it->file_size(ec);
        old.push_back({it->path(), *aired, ec ? 0 : static_cast<std::uint64_t>(size)});
    }
    std::sort(old.begin(), old.end(), [](const DeletedAircheck& a, const DeletedAircheck& b) {
        return a.aired != b.aired ? a.aired < b.aired : a.file < b.file;
    });
    for (auto& f : old) {
        // Looked at once more right before deleting: still a plain file, not a link put there.
        auto st = fs::symlink_status(f.file, ec);
        if (ec || st.type() != fs::file_type::regular) continue;
        if (fs::remove(f.file, ec) && !ec) {
            result.deleted.push_back(std::move(f));
        } else if (ec) {
            result.problems.push_back("cannot delete the air-check " + f.file.string() + ": " +
                                      ec.message());
        }
    }
    return result;
}

}  // namespace vc::health
