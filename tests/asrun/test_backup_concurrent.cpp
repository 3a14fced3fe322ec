// `audit backup` of a log that another thread keeps appending to, as the daemon does while an
// office clerk copies the log to a USB stick.

#include <catch2/catch.hpp>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "asrun/backup.hpp"
#include "tests/asrun/asrun_samples.hpp"
#include "tests/support/fixtures.hpp"

using namespace vc;
using namespace vc::asrun;
using namespace std::chrono_literals;

namespace {

/// Appends rows on its own thread and connection until told to stop (or `limit` rows), and
/// lets another thread wait until it has appended a number of rows.
class Appender {
  public:
    Appender(std::filesystem::path file, Instant t0, int limit)
        : file_(std::move(file)), t0_(t0), limit_(limit), thread_([this] { run(); }) {}
    ~Appender() { stop(); }

    /// Rows appended so far.
    int appended() {
        std::lock_guard lock(mutex_);
        return appended_;
    }
    /// Blocks until at least `n` rows have been appended (or the appender has finished).
    void wait_for(int n) {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return appended_ >= n || finished_; });
    }
    void stop() {
        stop_ = true;
        if (thread_.joinable()) thread_.join();
    }
    /// What the appender thread threw, if it did.
    std::string error() {
        std::lock_guard lock(mutex_);
        return error_;
    }

  private:
    void run() {
        try {
            LogStore log = LogStore::open(file_);
            for (int i = 0; i < limit_ && !stop_; ++i) {
                log.append(t0_ + std::chrono::seconds(i),
                           Progress{"a" + std::to_string(i), std::chrono::minutes(i), t0_});
                std::lock_guard lock(mutex_);
                ++appended_;
                changed_.notify_all();
            }
        } catch (const std::exception& e) {
            std::lock_guard lock(mutex_);
            error_ = e.what();
        }
        std::lock_guard lock(mutex_);
        finished_ = true;
        changed_.notify_all();
    }

    std::filesystem::path file_;
    Instant t0_;
    int limit_;
    std::atomic<bool> stop_{false};
    std::mutex mutex_;
    std::condition_variable changed_;
    int appended_ = 0;
    bool finished_ = false;
    std::string error_;
    std::thread thread_;  // last: starts once the members above exist
};

}  // namespace

TEST_CASE("a backup taken while another thread keeps appending verifies and is a prefix") {
    vc::test::TempDir dir;
    auto file = dir / "state" / "audit.db";
    LogStore log = LogStore::open(file);
    Instant t0 = samples::utc(2026, 12, 1, 0, 0);
    // About 80 pages, so that the copy takes many steps of 4 pages.
    constexpr int initial = 200;
    samples::append_filler(log, t0, initial);

    constexpr int limit = 5000;
    Appender appender(file, t0 + 1h, limit);
    appender.wait_for(1);
    const int before = appender.appended();

    int steps = 0;
    BackupOptions options;
    options.pages_per_step = 4;
    options.on_step = [&](int remaining, int total) {
        CHECK(remaining <= total);
        // The first step leaves pages to copy; let two rows land before the next step, so the
        // copy certainly runs while the log changes under it.
        if (++steps == 1) appender.wait_for(appender.appended() + 2);
    };
    auto dest = dir / "usb" / "audit-2026-12.db";
    VerifyResult r = backup(log, dest, options);
    const int after = appender.appended();
    appender.stop();
    REQUIRE(appender.error().empty());
    INFO("steps " << steps << ", appended " << before << " before the copy, " << after
                  << " when it returned, copy " << r.rows << " rows");

    CHECK(after >= before + 2);
    CHECK(steps > 1);
    CHECK(r.ok);
    // The copy holds every row that was there when the copy began, and none that came after it
    // returned (the appender counts a row just after its append returns: one more may be in).
    CHECK(r.rows >= initial + before);
    CHECK(r.rows <= initial + after + 1);
    CHECK(r.head_seq == r.rows);
    CHECK_FALSE(std::filesystem::exists(dest.string() + ".part"));
    CHECK_FALSE(std::filesystem::exists(dest.string() + "-wal"));

    // A consistent prefix: row for row what the live log holds under the same seq.
    LogStore copy = LogStore::open(dest, Access::read_only);
    VerifyResult again = verify(copy);
    CHECK(again.ok);
    CHECK(again.head_hash == r.head_hash);
    std::vector<RawRow> copied, live;
    copy.scan([&](const RawRow& row) { copied.push_back(row); });
    log.scan([&](const RawRow& row) { live.push_back(row); }, 1, r.head_seq);
    REQUIRE(copied.size() == static_cast<std::size_t>(r.rows));
    REQUIRE(live.size() == copied.size());
    for (std::size_t i = 0; i < copied.size(); ++i) {
        INFO("row " << copied[i].seq);
        CHECK(copied[i].seq == live[i].seq);
        CHECK(copied[i].payload == live[i].payload);
        CHECK(copied[i].hash == live[i].hash);
    }
    // The live log went on: every row the appender wrote is in it, and its chain holds past the
    // copy's head, which `verify --head` finds.
    VerifyResult whole = verify(log, std::string_view(r.head_hash));
    CHECK(whole.ok);
    CHECK(whole.rows == initial + appender.appended());
    CHECK(whole.expected_head_seq == r.head_seq);
}
