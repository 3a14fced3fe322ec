#include "audio/sources/read_ahead.hpp"

#include <algorithm>
#include <string>

#include <boost/lockfree/spsc_queue.hpp>

#include "core/diagnostic.hpp"

namespace vc::audio {

/// What the read-ahead thread and the readers share.
struct ReadAhead::Shared {
    std::mutex mutex;
    std::condition_variable wake;                 ///< the thread: room, a new feed, or stop
    std::vector<std::shared_ptr<Feed>> incoming;  ///< feeds wrapped since the thread last looked
    std::uint64_t asked = 0;                      ///< bumped by a reader that made room
    bool stop = false;
    std::atomic<std::int64_t> waits{0};
    void ask() {
        {
            std::lock_guard lock(mutex);
            ++asked;
        }
        wake.notify_one();
    }
};

/// One source's ring and state.
struct ReadAhead::Feed {
    Feed(std::unique_ptr<Source> s, std::int64_t lead)
        : source(std::move(s)),
          format(source->format()),
          length(source->length()),
          max_block(source->max_block()),
          ring(static_cast<std::size_t>(lead * format.channels)) {}
    std::unique_ptr<Source> source;  ///< the read-ahead thread's own
    const AudioFormat format;
    const std::optional<std::int64_t> length;
    const std::int64_t max_block;
    boost::lockfree::spsc_queue<float> ring;
    std::atomic<std::uint32_t> progress{0};  ///< bumped (and notified) after each chunk
    std::atomic<bool> ended{false};          ///< the source gave its last frame (or failed)
    std::string error;                       ///< why it failed; written before `ended`
    std::atomic<bool> abandoned{false};      ///< the reader is gone: close the source
};

namespace {

class ReadAheadSource final : public Source {
  public:
    ReadAheadSource(std::shared_ptr<ReadAhead::Feed> feed,
                    std::shared_ptr<ReadAhead::Shared> shared)
        : feed_(std::move(feed)), shared_(std::move(shared)) {}
    ~ReadAheadSource() override {
        feed_->abandoned = true;
        shared_->ask();
    }
    ReadAheadSource(const ReadAheadSource&) = delete;
    ReadAheadSource& operator=(const ReadAheadSource&) = delete;

    [[nodiscard]] AudioFormat format() const override { return feed_->format; }
    [[nodiscard]] std::optional<std::int64_t> length() const override { return feed_->length; }
    [[nodiscard]] std::int64_t max_block() const override { return feed_->max_block; }

    std::int64_t render(float* interleaved, std::int64_t frames) override {
        const auto channels = static_cast<std::size_t>(feed_->format.channels);
        const std::size_t want = static_cast<std::size_t>(frames) * channels;
        std::size_t got = 0;
        bool waited = false;
        while (got < want) {
            const std::uint32_t seen = feed_->progress.load(std::memory_order_acquire);
            const bool ended = feed_->ended.load(std::memory_order_acquire);
            got += feed_->ring.pop(interleaved + got, want - got);
            if (got == want) break;
            if (ended) {
                // Everything the source gave was in the ring before `ended` was set. A failure
                // ends the airing at this call's first frame, as the source's own throw would.
                if (!feed_->error.empty()) throw UserError(feed_->error);
                break;
            }
            if (!waited) shared_->waits.fetch_add(1, std::memory_order_relaxed);
            waited = true;
            shared_->ask();
            feed_->progress.wait(seen, std::memory_order_acquire);
        }
        if (got > 0) shared_->ask();  // room for the read-ahead thread
        return static_cast<std::int64_t>(got / channels);
    }

  private:
    std::shared_ptr<ReadAhead::Feed> feed_;
    std::shared_ptr<ReadAhead::Shared> shared_;
};

}  // namespace

ReadAhead::ReadAhead(std::int64_t lead)
    : shared_(std::make_shared<Shared>()), lead_(std::max<std::int64_t>(lead, 1)) {
    thread_ = std::thread([this] { run(); });
}

ReadAhead::~ReadAhead() {
    {
        std::lock_guard lock(shared_->mutex);
        shared_->stop = true;
    }
    shared_->wake.notify_all();
    thread_.join();
    // A reader still waiting is told the source is gone rather than left waiting.
    for (auto& f : shared_->incoming) feeds_.push_back(std::move(f));
    shared_->incoming.clear();
    for (auto& f : feeds_) {
        f->source.reset();
        if (!f->ended.load()) {
            f->error = "the read-ahead stopped";
            f->ended.store(true, std::memory_order_release);
            f->progress.fetch_add(1, std::memory_order_release);
            f->progress.notify_all();
        }
    }
}

std::unique_ptr<Source> ReadAhead::wrap(std::unique_ptr<Source> source) {
    auto feed = std::make_shared<Feed>(std::move(source), lead_);
    {
        std::lock_guard lock(shared_->mutex);
        shared_->incoming.push_back(feed);
        ++shared_->asked;
    }
    shared_->wake.notify_one();
    return std::make_unique<ReadAheadSource>(std::move(feed), shared_);
}

std::int64_t ReadAhead::waits() const {
    return shared_->waits.load(std::memory_order_relaxed);
}

bool ReadAhead::fill_one() {
    // Let go of sources whose airing is over (closing their files here, not on the mixer's
    // thread), and of those that gave everything.
    std::erase_if(feeds_, [](const std::shared_ptr<Feed>& f) {
        if (f->abandoned.load(std::memory_order_acquire)) {
            f->source.reset();
            return true;
        }
        return f->ended.load(std::memory_order_relaxed);
    });
    // The feed with the most room, once it has room for a whole block or a quarter of its
    // lead, so that a nearly full ring does not cost a call per few frames.
    Feed* best = nullptr;
    std::int64_t best_room = 0;
    for (auto& f : feeds_) {
        const auto room = static_cast<std::int64_t>(f->ring.write_available()) / f->format.channels;
        if (room >= std::min(f->max_block, lead_ / 4) && room > best_room) {
            best = f.get();
            best_room = room;
        }
    }
    if (!best || best_room == 0) return false;
    const auto channels = static_cast<std::size_t>(best->format.channels);
    const std::int64_t n = std::min(best_room, best->max_block);
    chunk_.resize(static_cast<std::size_t>(n) * channels);
    std::int64_t got = 0;
    try {
        got = best->source->render(chunk_.data(), n);
    } catch (const std::exception& e) {
        best->error = e.what();
        got = -1;
    }
    if (got > 0) best->ring.push(chunk_.data(), static_cast<std::size_t>(got) * channels);
    if (got < n) {
        best->source.reset();  // its end (or its failure): close its clips now
        best->ended.store(true, std::memory_order_release);
    }
    best->progress.fetch_add(1, std::memory_order_release);
    best->progress.notify_all();
    return true;
}

void ReadAhead::run() {
    std::uint64_t seen = 0;
    for (;;) {
        {
            std::unique_lock lock(shared_->mutex);
            shared_->wake.wait(lock, [&] { return shared_->stop || shared_->asked != seen; });
            if (shared_->stop) return;
            seen = shared_->asked;
            for (auto& f : shared_->incoming) feeds_.push_back(std::move(f));
            shared_->incoming.clear();
        }
        while (fill_one()) {
            std::lock_guard lock(shared_->mutex);
            if (shared_->stop) return;
            for (auto& f : shared_->incoming) feeds_.push_back(std::move(f));
            shared_->incoming.clear();
        }
    }
}

}  // namespace vc::audio
