#pragma once
// Whether the kernel says the system clock is synchronised. NTP daemons (chrony, ntpd,
// systemd-timesyncd) tell the kernel through adjtimex(2) when they have the time; every
// scheduled instant depends on the wall clock, so an unsynchronised clock is an alarm.

#include <chrono>
#include <string>

#include <sys/timex.h>

namespace vc::health {

/// What the kernel says of the system clock. Plain value.
struct ClockSync {
    bool synchronised = false;                     ///< false: TIME_ERROR or STA_UNSYNC
    std::chrono::microseconds estimated_error{0};  ///< the kernel's esterror
    std::chrono::microseconds max_error{0};        ///< the kernel's maxerror
    bool operator==(const ClockSync&) const = default;
};

/// Reads a timex filled by adjtimex() and the state it returned: not synchronised when the
/// state is TIME_ERROR or the status has STA_UNSYNC. Pure; any thread.
ClockSync clock_sync_from(int state, const timex& tx);

/// Asks the kernel (adjtimex with no changes: needs no privilege). Any thread. Throws
/// std::system_error when the kernel refuses.
ClockSync read_clock_sync();

/// "synchronised, estimated error 1.2 ms, at most 35 ms" or "not synchronised (...)", for
/// the daemon's log, `status` and the as-run log's `system` events.
std::string describe(const ClockSync& sync);

}  // namespace vc::health
