#pragma once
// One daemon per station: an exclusive lock on state/villagecast.lock.

#include <filesystem>

namespace vc::os {

/// Holds the station's run lock for its lifetime. The kernel drops it when the process dies,
/// so a crash never leaves a stale lock behind.
class StateLock {
  public:
    /// Creates state/ if needed and takes the lock without waiting. Throws UserError naming the
    /// process that holds it when another `villagecast run` of this station is running.
    explicit StateLock(const std::filesystem::path& state_dir);
    ~StateLock();
    StateLock(const StateLock&) = delete;
    StateLock& operator=(const StateLock&) = delete;

  private:
    int fd_ = -1;
};

}  // namespace vc::os
