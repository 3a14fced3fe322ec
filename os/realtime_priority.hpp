#pragma once
// Real-time scheduling for the thread that feeds the sound card, as JACK and PulseAudio clients
// get it: SCHED_FIFO where the limits allow it (LimitRTPRIO= in the systemd unit, or root),
// otherwise through rtkit on the system bus.

#include <string>

namespace vc::os {

/// The priority of the thread that feeds the output: below JACK's default (70+) and
/// PulseAudio's (5..20 via rtkit), since an announcement feeder needs to beat ordinary
/// processes, not the sound server it feeds.
inline constexpr int feeder_priority = 10;

struct RealtimeResult {
    bool realtime = false;
    /// What the thread got, as a sentence for the log and the status: "SCHED_FIFO priority 20
    /// (rtkit)", or why it runs at normal priority and what would change that.
    std::string how;
};

/// Asks for SCHED_FIFO at `priority` for the calling thread (reset on fork), with a CPU-time
/// limit (RLIMIT_RTTIME) so that a runaway real-time thread is stopped by the kernel rather than
/// freezing the machine. Never throws.
RealtimeResult make_thread_realtime(int priority);

}  // namespace vc::os
