#include "health/disk_space.hpp"

#include <cstdio>
#include <system_error>

#include "core/diagnostic.hpp"

namespace vc::health {

DiskSpace disk_space(const std::filesystem::path& folder) {
    std::error_code ec;
    std::filesystem::path at = folder;
    // state/ may not be made yet on a new station: measure where it will be.
    while (!std::filesystem::exists(at, ec) && at.has_parent_path() && at != at.parent_path())
        at = at.parent_path();
    auto info = std::filesystem::space(at, ec);
    if (ec)
        throw UserError("cannot read the free disk space under " + folder.string() + ": " +
                        ec.message());
    return {static_cast<std::uint64_t>(info.available), static_cast<std::uint64_t>(info.capacity)};
}

std::string format_bytes(std::uint64_t bytes) {
    static constexpr const char* units[] = {"kB", "MB", "GB", "TB", "PB"};
    if (bytes < 1000) return std::to_string(bytes) + " B";
    auto v = static_cast<double>(bytes) / 1000.0;
    std::size_t u = 0;
    while (v >= 999.995 && u + 1 < std::size(units)) {
        v /= 1000.0;
        ++u;
    }
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f %s", v, units[u]);
    return buf;
}

DiskAlarm::Change DiskAlarm::update(std::uint64_t available) {
    if (!raised_ && available < threshold_) {
        raised_ = true;
        return Change::raised;
    }
    if (raised_ && available > clear_above()) {
        raised_ = false;
        return Change::cleared;
    }
    return Change::none;
}

}  // namespace vc::health
