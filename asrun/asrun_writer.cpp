#include "asrun/asrun_writer.hpp"

#include "core/log.hpp"

namespace vc::asrun {

AsrunWriter::AsrunWriter(const std::filesystem::path& file, const Clock& clock)
    : store_(asrun::LogStore::open(file)), clock_(clock) {}

void AsrunWriter::write_event(asrun::Event event) {
    bool was_failing = !queue_.empty();
    if (!queue_.append(store_, std::move(event))) {
        log_line(clock_, Level::error,
                 "as-run log: cannot write (" + queue_.last_error() + "); " +
                     std::to_string(queue_.size()) +
                     " event(s) kept in memory and retried; free disk space under state/");
    } else if (was_failing) {
        log_line(clock_, Level::info, "as-run log: every waiting event is written again");
    }
}

bool AsrunWriter::retry() {
    if (queue_.empty()) return true;
    queue_.retry(store_);
    if (queue_.empty()) log_line(clock_, Level::info, "as-run log: every waiting event is written");
    return queue_.empty();
}

}  // namespace vc::asrun
