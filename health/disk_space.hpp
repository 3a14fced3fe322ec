#pragma once
// Free disk space under the station's state/ folder (the as-run log and the air-checks live
// there), and the alarm that goes off when it runs low.

#include <cstdint>
#include <filesystem>
#include <string>

namespace vc::health {

/// Space on the file system that holds a folder, in bytes.
struct DiskSpace {
    std::uint64_t available = 0;  ///< what this process may still write (statvfs f_bavail)
    std::uint64_t capacity = 0;   ///< the file system's size
};

/// The space where `folder` lives; a folder not made yet is measured at its nearest existing
/// parent. Any thread. Throws UserError naming the folder and the system's reason.
DiskSpace disk_space(const std::filesystem::path& folder);

/// 1'950'000'000 -> "1.95 GB" (powers of 1000, as station.toml's "2GB" means).
std::string format_bytes(std::uint64_t bytes);

/// The disk alarm with hysteresis: raised when free space falls below the threshold, cleared
/// only once it is back above the threshold plus a tenth, so a disk hovering at the line does
/// not raise and clear it every minute. Pure; use from one thread.
class DiskAlarm {
  public:
    enum class Change { none, raised, cleared };

    /// `threshold` in bytes; 0 turns the alarm off.
    explicit DiskAlarm(std::uint64_t threshold) : threshold_(threshold) {}

    /// Takes a new measurement; says whether the alarm was raised or cleared by it.
    Change update(std::uint64_t available);
    /// A new threshold (station.toml reloaded); the next update() applies it.
    void set_threshold(std::uint64_t threshold) { threshold_ = threshold; }

    [[nodiscard]] bool raised() const { return raised_; }
    [[nodiscard]] std::uint64_t threshold() const { return threshold_; }
    /// Free space must rise above this to clear a raised alarm: threshold + threshold / 10.
    [[nodiscard]] std::uint64_t clear_above() const { return threshold_ + threshold_ / 10; }

  private:
    std::uint64_t threshold_;
    bool raised_ = false;
};

}  // namespace vc::health
