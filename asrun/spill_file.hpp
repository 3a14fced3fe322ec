#pragma once
// Events the as-run log could not take yet (locked by another program, a broken database file),
// kept on disk beside it so that a power cut while they wait loses none. One line of JSON per
// event, appended and synced before the writer goes on; removed once every waiting event is in
// the log. At the next start the writer puts back what the log does not hold yet.
//
//   {"after":41,"event":{...the event's canonical payload...}}
//
// `after` is the newest row the writer had put in the log when the event was kept: the event,
// when it reached the log before the power went, is a row after that one. A disk that is full
// takes no spill either; then events wait in memory only, as status says.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "asrun/event.hpp"

namespace vc::asrun {

/// One kept event.
struct SpilledEvent {
    std::int64_t after = 0;  ///< the log's newest row seq when it was kept
    Event event;
};

/// What a spill file held.
struct SpillContents {
    std::vector<SpilledEvent> events;  ///< in the order they happened
    /// Lines that could not be read, each as "FILE:LINE: what is wrong" (an unfinished last line
    /// is an event the power cut caught before it was synced: it was never kept).
    std::vector<std::string> problems;
};

/// The spill file of one log. The as-run writer's thread only.
class SpillFile {
  public:
    /// Where the log at `log_file` keeps its spill: "<log_file>.spill".
    static std::filesystem::path path_for(const std::filesystem::path& log_file);

    explicit SpillFile(std::filesystem::path path) : path_(std::move(path)) {}

    /// Reads what the file holds; an absent file holds nothing. Throws UserError when it exists
    /// and cannot be read at all.
    [[nodiscard]] SpillContents read() const;
    /// Appends `events` (each kept after row `after`) and syncs the file and its folder. Throws
    /// UserError naming the file and the system's reason (a full disk) when they are not on
    /// disk.
    void append(const std::vector<const Event*>& events, std::int64_t after);
    /// Removes the file (nothing waits any more) and syncs its folder. Throws UserError.
    void remove();
    /// Moves the file aside to "<path>.unreadable-<UTC time>" (it held a line that is not an
    /// event), so that it is kept for a person and not read again. Returns the new path.
    std::filesystem::path set_aside(Instant now);
    [[nodiscard]] bool exists() const;
    [[nodiscard]] const std::filesystem::path& path() const { return path_; }

  private:
    std::filesystem::path path_;
};

}  // namespace vc::asrun
