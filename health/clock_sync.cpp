#include "health/clock_sync.hpp"

#include <cerrno>
#include <cstdio>
#include <system_error>

namespace vc::health {
namespace {

/// 1500 us -> "1.5 ms"; 16000000 us -> "16 s".
std::string micros_text(std::chrono::microseconds us) {
    char buf[32];
    auto v = static_cast<double>(us.count());
    if (us.count() < 1000)
        std::snprintf(buf, sizeof buf, "%lld us", static_cast<long long>(us.count()));
    else if (us.count() < 1'000'000)
        std::snprintf(buf, sizeof buf, "%.3g ms", v / 1e3);
    else
        std::snprintf(buf, sizeof buf, "%.3g s", v / 1e6);
    return buf;
}

}  // namespace

ClockSync clock_sync_from(int state, const timex& tx) {
    ClockSync s;
    s.synchronised = state != TIME_ERROR && (tx.status & STA_UNSYNC) == 0;
    s.estimated_error = std::chrono::microseconds(tx.esterror);
    s.max_error = std::chrono::microseconds(tx.maxerror);
    return s;
}

ClockSync read_clock_sync() {
    timex tx{};
    tx.modes = 0;  // read only
    int state = ::adjtimex(&tx);
    if (state == -1)
        throw std::system_error(errno, std::generic_category(),
                                "cannot ask the kernel whether the clock is synchronised "
                                "(adjtimex)");
    return clock_sync_from(state, tx);
}

std::string describe(const ClockSync& sync) {
    std::string errors = "estimated error " + micros_text(sync.estimated_error) + ", at most " +
                         micros_text(sync.max_error);
    if (sync.synchronised) return "synchronised, " + errors;
    return "not synchronised (" + errors +
           "): check that chrony, ntpd or systemd-timesyncd runs and reaches a time server";
}

}  // namespace vc::health
