#include "asrun/asrun_writer.hpp"

#include <date/date.h>

#include "core/log.hpp"

namespace vc::asrun {

AsrunWriter::AsrunWriter(const std::filesystem::path& file, const Clock& clock)
    : store_(asrun::LogStore::open(file)), clock_(clock) {}

bool AsrunWriter::check_file(Instant now) {
    const auto why = store_.file_lost();
    if (!why) return false;
    const auto path = store_.path();
    // The old connection still reads the lost file: its head is what the new log names.
    Head lost;
    try {
        lost = store_.head();
    } catch (const std::exception&) {
        lost = Head{};  // unreadable too: the row says so by a zero count
    }
    store_ = LogStore::open(path);
    const auto found = store_.head().rows;
    const std::string goes_on =
        found == 0 ? "a new log there"
                   : "the file now there, which had " + std::to_string(found) + " rows";
    const std::string detail =
        path.filename().string() + " was " + *why + " while the daemon ran; rows go on in " +
        goes_on + ". The log written until then had " + std::to_string(lost.rows) +
        " rows, its head row " + std::to_string(lost.seq) + " with hash " + lost.hash;
    lost_alarm_ = "as-run log " + path.string() + " was " + *why + " at " +
                  date::format("%F %T UTC", std::chrono::floor<std::chrono::seconds>(now)) +
                  "; rows go on in " + goes_on + ". The log written until then (" +
                  std::to_string(lost.rows) + " rows, head hash " + lost.hash.substr(0, 16) +
                  "…) is gone unless a backup holds it: find out who removed it and keep the "
                  "latest `villagecast audit backup` beside the new log";
    log_line(clock_, Level::error, lost_alarm_);
    if (!queue_.append(store_, Event{now, EventBody(SystemAction{"log-recreated", detail, false})}))
        log_line(clock_, Level::error, "as-run log: cannot write (" + queue_.last_error() + ")");
    return true;
}

void AsrunWriter::write_event(asrun::Event event) {
    check_file(event.at);
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
