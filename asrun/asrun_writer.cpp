#include "asrun/asrun_writer.hpp"

#include <algorithm>
#include <set>

#include <date/date.h>

#include "core/log.hpp"

namespace vc::asrun {

namespace {

/// While rows wait (a locked log, a full disk), how often the writing thread tries again.
constexpr std::chrono::seconds retry_every(1);
/// How long one write waits for a lock another program holds before the rows are kept in the
/// spill file and retried: the time a power cut could still take them.
constexpr std::chrono::seconds lock_wait(1);

}  // namespace

AsrunWriter::AsrunWriter(const std::filesystem::path& file, const Clock& clock)
    : file_(file),
      clock_(clock),
      writer_store_(LogStore::open(file, Access::read_write, lock_wait)),
      spill_(SpillFile::path_for(file)) {
    recover_spill();
    thread_ = std::thread([this] { run(); });
}

void AsrunWriter::push_own_row(Event event) {
    waiting_.push(std::move(event));
    ++unwritten_;
    ++own_rows_ahead_;
}

void AsrunWriter::recover_spill() {
    waiting_.set_last_seq(writer_store_.head().seq);
    SpillContents kept;
    try {
        kept = spill_.read();
    } catch (const UserError& e) {
        log_line(clock_, Level::error, std::string("as-run log: ") + e.what());
        return;
    }
    spill_on_disk_ = spill_.exists();
    if (kept.events.empty() && kept.problems.empty()) {
        if (spill_on_disk_) update_spill();  // an empty file: nothing waits, remove it
        return;
    }
    // Events that reached the log before the daemon stopped are rows after the one each was
    // kept after, with the same payload: count those, put back the rest in their order.
    std::int64_t first_after = kept.events.empty() ? 0 : kept.events.front().after;
    for (const auto& e : kept.events) first_after = std::min(first_after, e.after);
    std::multiset<std::string> in_log;
    if (!kept.events.empty())
        writer_store_.scan([&](const RawRow& row) { in_log.insert(row.payload); }, first_after + 1);
    std::size_t back = 0;
    for (auto& e : kept.events) {
        if (auto it = in_log.find(e.event.canonical()); it != in_log.end()) {
            in_log.erase(it);
            continue;
        }
        push_own_row(std::move(e.event));
        ++back;
    }
    if (back == 0 && kept.problems.empty()) {
        update_spill();  // every kept event is in the log: the file is no longer needed
        return;
    }
    spilled_ = back;
    std::string detail = std::to_string(back) +
                         " event(s) that waited for the log when the daemon last stopped were "
                         "put back from " +
                         spill_.path().filename().string() + " above this row; " +
                         std::to_string(kept.events.size() - back) +
                         " of those it kept had reached the log already";
    if (!kept.problems.empty()) {
        detail += ". Lines that could not be read: ";
        for (std::size_t i = 0; i < kept.problems.size(); ++i)
            detail += (i ? "; " : "") + kept.problems[i];
        try {
            detail += ". The file is kept as " + spill_.set_aside(clock_.now()).string();
            spill_on_disk_ = false;
            spilled_ = 0;  // the events put back are in memory only until they are written
        } catch (const UserError& e) {
            detail += std::string(". ") + e.what();
        }
    }
    push_own_row(Event{clock_.now(),
                       EventBody(SystemAction{"spill-recovered", detail, kept.problems.empty()})});
    log_line(clock_, kept.problems.empty() ? Level::info : Level::error, "as-run log: " + detail);
    // Written now, before the daemon reads what its last run left open (airings to close,
    // requests to air again). A log still locked by another program takes them later.
    const std::size_t written = waiting_.retry(writer_store_);
    settle_written(written);  // all of them the writer's own: none counts for written()
    unwritten_ -= written;
    retry_now_ = !waiting_.empty();
}

std::size_t AsrunWriter::settle_written(std::size_t written) {
    const std::size_t own = std::min(written, own_rows_ahead_);
    own_rows_ahead_ -= own;
    spilled_ -= std::min(written, spilled_);
    update_spill();
    return written - own;
}

void AsrunWriter::update_spill() {
    if (waiting_.empty()) {
        spilled_ = 0;
        spill_note_.clear();
        if (!spill_on_disk_) return;
        try {
            spill_.remove();
            spill_on_disk_ = false;
        } catch (const UserError& e) {
            log_line(clock_, Level::error, std::string("as-run log: ") + e.what());
        }
        return;
    }
    if (spilled_ >= waiting_.size()) return;
    std::vector<const Event*> more;
    for (std::size_t i = spilled_; i < waiting_.size(); ++i) more.push_back(&waiting_.waiting()[i]);
    try {
        spill_.append(more, waiting_.last_seq());
        spill_on_disk_ = true;
        spilled_ = waiting_.size();
        spill_note_ = "; they are kept on disk in " + spill_.path().string() +
                      " until then, and a restart writes them";
    } catch (const UserError& e) {
        const bool first = spill_note_.rfind("; they cannot", 0) != 0;
        spill_note_ = std::string("; they cannot be kept on disk either (") + e.what() +
                      "): a power cut now loses them";
        if (first) log_line(clock_, Level::error, "as-run log" + spill_note_);
    }
}

AsrunWriter::~AsrunWriter() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

void AsrunWriter::write_event(Event event) {
    ++unwritten_;
    ++queued_;
    {
        std::lock_guard lock(mutex_);
        incoming_.push_back(std::move(event));
        ++asked_;
    }
    wake_.notify_one();
}

bool AsrunWriter::retry() {
    {
        std::lock_guard lock(mutex_);
        retry_now_ = true;
        ++asked_;
    }
    wake_.notify_one();
    return pending() == 0;
}

bool AsrunWriter::flush(std::chrono::milliseconds limit) {
    retry();
    std::unique_lock lock(mutex_);
    const std::uint64_t target = asked_;
    return drained_.wait_for(lock, limit,
                             [&] { return handled_ >= target && unwritten_.load() == 0; });
}

void AsrunWriter::check_file(Instant now) {
    {
        std::lock_guard lock(mutex_);
        check_at_ = now;
        ++asked_;
    }
    wake_.notify_one();
}

std::size_t AsrunWriter::pending() const {
    const std::size_t n = unwritten_.load();
    if (n == 0 || failing_.load()) return n;
    const auto since = busy_since_.load();
    const bool held_up = since != 0 && clock_.monotonic().time_since_epoch().count() - since >
                                           MonoTime::duration(std::chrono::seconds(1)).count();
    return held_up ? n : 0;
}

std::string AsrunWriter::lost_log_alarm() const {
    std::lock_guard lock(mutex_);
    return lost_alarm_;
}

std::string AsrunWriter::last_error() const {
    {
        std::lock_guard lock(mutex_);
        if (!last_error_.empty()) return last_error_;
    }
    return pending() > 0 ? "a write has been held up for over a second (the log locked by "
                           "another program, or a slow disk)"
                         : "";
}

LogStore& AsrunWriter::store() {
    flush();
    return reader();
}

LogStore& AsrunWriter::reader() {
    // After a lost log was replaced, the old connection would read the lost file.
    if (!reader_ || reader_generation_ != generation_.load()) {
        reader_generation_ = generation_.load();
        reader_.reset();
        reader_.emplace(LogStore::open(file_, Access::read_only, std::chrono::milliseconds(200)));
    }
    return *reader_;
}

void AsrunWriter::run() {
    std::unique_lock lock(mutex_);
    std::optional<MonoTime> give_up;  // once stopping: when to stop trying
    while (true) {
        const bool waiting = !waiting_.empty();
        auto ready = [&] { return stop_ || retry_now_ || check_at_ || !incoming_.empty(); };
        if (waiting) {
            wake_.wait_for(lock, retry_every, ready);
        } else {
            wake_.wait(lock, ready);
        }
        std::deque<Event> batch;
        batch.swap(incoming_);
        const std::optional<Instant> check_at = std::exchange(check_at_, std::nullopt);
        retry_now_ = false;
        const std::uint64_t taking = asked_;
        if (stop_ && !give_up) give_up = clock_.monotonic() + drain_limit_;
        lock.unlock();

        busy_since_ = clock_.monotonic().time_since_epoch().count();
        // Before every batch: is the open log still the file at its path?
        if (check_at || !batch.empty()) replace_lost_file(check_at ? *check_at : batch.front().at);
        const std::size_t written = write_batch(batch);
        written_ += settle_written(written);

        lock.lock();
        unwritten_ -= written;
        handled_ = taking;
        last_error_ = waiting_.empty() ? std::string() : waiting_.last_error() + spill_note_;
        failing_ = !waiting_.empty();
        busy_since_ = 0;
        drained_.notify_all();
        if (stop_ && incoming_.empty() && (waiting_.empty() || clock_.monotonic() >= *give_up))
            break;
    }
    lock.unlock();
    if (!waiting_.empty())
        log_line(
            clock_, Level::error,
            "as-run log: " + std::to_string(waiting_.size()) +
                " event(s) could not be written before the daemon stopped (" +
                waiting_.last_error() + "); the first happened at " +
                date::format("%F %T UTC", waiting_.waiting().front().at) +
                (spilled_ == waiting_.size() ? "; they are kept in " + spill_.path().string() +
                                                   " and the next start writes them"
                                             : "; they could not be kept on disk and are lost"));
}

std::size_t AsrunWriter::write_batch(std::deque<Event>& batch) {
    const bool was_failing = !waiting_.empty();
    for (auto& e : batch) waiting_.push(std::move(e));
    // The log already refuses rows: keep the new ones on disk before waiting on it again.
    if (was_failing) update_spill();
    const std::size_t written = waiting_.retry(writer_store_);
    if (!waiting_.empty() && (!was_failing || written > 0 || !batch.empty())) {
        log_line(clock_, Level::error,
                 "as-run log: cannot write (" + waiting_.last_error() + "); " +
                     std::to_string(waiting_.size()) +
                     " event(s) kept in order (in memory, and on disk in " +
                     spill_.path().filename().string() +
                     ") and retried every second; airings go on");
    } else if (was_failing && waiting_.empty()) {
        log_line(clock_, Level::info, "as-run log: every waiting event is written");
    }
    return written;
}

bool AsrunWriter::replace_lost_file(Instant now) {
    const auto why = writer_store_.file_lost();
    if (!why) return false;
    // The old connection still reads the lost file: its head is what the new log names.
    Head lost;
    try {
        lost = writer_store_.head();
    } catch (const std::exception&) {
        lost = Head{};  // unreadable too: the row says so by a zero count
    }
    writer_store_ = LogStore::open(file_, Access::read_write, lock_wait);
    ++generation_;
    const auto found = writer_store_.head().rows;
    const std::string goes_on =
        found == 0 ? "a new log there"
                   : "the file now there, which had " + std::to_string(found) + " rows";
    const std::string detail =
        file_.filename().string() + " was " + *why + " while the daemon ran; rows go on in " +
        goes_on + ". The log written until then had " + std::to_string(lost.rows) +
        " rows, its head row " + std::to_string(lost.seq) + " with hash " + lost.hash;
    const std::string alarm =
        "as-run log " + file_.string() + " was " + *why + " at " +
        date::format("%F %T UTC", std::chrono::floor<std::chrono::seconds>(now)) +
        "; rows go on in " + goes_on + ". The log written until then (" +
        std::to_string(lost.rows) + " rows, head hash " + lost.hash.substr(0, 16) +
        "…) is gone unless a backup holds it: find out who removed it and keep the latest "
        "`villagecast audit backup` beside the new log";
    {
        std::lock_guard lock(mutex_);
        lost_alarm_ = alarm;
    }
    log_line(clock_, Level::error, alarm);
    // The new log's first row, ahead of anything still waiting for the lost one.
    PendingQueue rest = std::move(waiting_);
    waiting_ = PendingQueue{};
    waiting_.set_last_seq(writer_store_.head().seq);
    push_own_row(Event{now, EventBody(SystemAction{"log-recreated", detail, false})});
    for (const auto& e : rest.waiting()) waiting_.push(e);
    // The spill file named rows of the lost log: keep the waiting events anew after this batch.
    spilled_ = 0;
    if (spill_on_disk_) {
        try {
            spill_.remove();
            spill_on_disk_ = false;
        } catch (const UserError& e) {
            log_line(clock_, Level::error, std::string("as-run log: ") + e.what());
        }
    }
    return true;
}

}  // namespace vc::asrun
