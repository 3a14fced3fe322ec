#include "scheduler/local_time.hpp"

#include "core/diagnostic.hpp"

namespace vc::scheduler {

Instant to_instant(const date::time_zone& zone, date::local_seconds local) {
    const auto info = zone.get_info(local);
    date::sys_seconds s;
    switch (info.result) {
        case date::local_info::nonexistent:
            s = info.second.begin;  // the instant the gap ends
            break;
        case date::local_info::ambiguous:
        case date::local_info::unique:
        default:
            s = date::sys_seconds{local.time_since_epoch()} - info.first.offset;
            break;
    }
    return std::chrono::time_point_cast<std::chrono::milliseconds>(s);
}

date::local_time<std::chrono::milliseconds> to_local(const date::time_zone& zone, Instant t) {
    return zone.to_local(t);
}

date::local_days local_date_of(const date::time_zone& zone, Instant t) {
    return date::floor<date::days>(zone.to_local(t));
}

const date::time_zone& find_zone(const std::string& name) {
    try {
        return *date::locate_zone(name);
    } catch (const std::exception&) {
        throw UserError("the time zone \"" + name +
                        "\" is not known; write an IANA name such as \"Asia/Shanghai\"");
    }
}

}  // namespace vc::scheduler
