#include "engine/aircheck_recorder.hpp"

#include <algorithm>
#include <chrono>
#include <set>

#include "audio/outputs/file_output.hpp"
#include "core/atomic_file.hpp"
#include "core/sha256.hpp"

namespace vc::engine {

namespace {

/// How much audio may wait for the disk before record() drops (or waits).
constexpr std::int64_t max_queued_seconds = 30;
/// How long finish() waits for a recording the thread has not closed yet.
constexpr std::chrono::seconds finish_wait(5);

}  // namespace

struct AircheckRecorder::Recording {
    std::filesystem::path path;
    std::unique_ptr<audio::FileOutput> file;  ///< null when the file could not be created
    std::int64_t start = 0;
    std::int64_t end = 0;
    std::int64_t reached = 0;  ///< the output frames seen so far end here
    bool complete = true;      ///< no frame of it was dropped
};

struct AircheckRecorder::Job {
    enum class Kind { start, set_end, block, gap, finish } kind;
    audio::AiringId id = 0;
    std::string name;
    std::int64_t from = 0;  ///< start: the first frame; block, gap: the block's first frame
    std::int64_t to = 0;    ///< start, set_end: the end; block, gap: one past its last frame
    std::vector<float> samples;
};

AircheckRecorder::AircheckRecorder(std::filesystem::path folder, audio::AudioFormat format,
                                   WhenBehind when_behind)
    : folder_(std::move(folder)),
      format_(format),
      when_behind_(when_behind),
      max_queued_frames_(max_queued_seconds * format.sample_rate) {
    thread_ = std::thread([this] { run(); });
}

AircheckRecorder::~AircheckRecorder() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    wake_.notify_all();
    changed_.notify_all();
    thread_.join();
}

void AircheckRecorder::push(Job job) {
    {
        std::lock_guard lock(mutex_);
        jobs_.push_back(std::move(job));
    }
    wake_.notify_one();
}

void AircheckRecorder::start(audio::AiringId id, const std::string& name, std::int64_t start,
                             std::int64_t end) {
    if (paused_) return;
    ++recording_;
    push(Job{Job::Kind::start, id, name, start, end, {}});
}

void AircheckRecorder::set_end(audio::AiringId id, std::int64_t end) {
    push(Job{Job::Kind::set_end, id, {}, 0, end, {}});
}

void AircheckRecorder::record(std::int64_t first_frame, const float* interleaved,
                              std::int64_t frames) {
    if (recording_.load() == 0 || frames <= 0) return;
    const auto samples = static_cast<std::size_t>(frames * format_.channels);
    std::vector<float> buffer;
    {
        std::unique_lock lock(mutex_);
        if (queued_frames_ + frames > max_queued_frames_) {
            if (when_behind_ == WhenBehind::drop) {
                dropped_frames_ += frames;
                jobs_.push_back(Job{Job::Kind::gap, 0, {}, first_frame, first_frame + frames, {}});
                lock.unlock();
                wake_.notify_one();
                return;
            }
            changed_.wait(lock,
                          [&] { return stop_ || queued_frames_ + frames <= max_queued_frames_; });
        }
        if (!spare_.empty()) {
            buffer = std::move(spare_.back());
            spare_.pop_back();
        }
    }
    buffer.assign(interleaved, interleaved + samples);
    {
        std::lock_guard lock(mutex_);
        queued_frames_ += frames;
        jobs_.push_back(
            Job{Job::Kind::block, 0, {}, first_frame, first_frame + frames, std::move(buffer)});
    }
    wake_.notify_one();
}

std::optional<asrun::AirCheck> AircheckRecorder::finish(audio::AiringId id) {
    std::unique_lock lock(mutex_);
    if (!closed_.count(id)) {
        jobs_.push_back(Job{Job::Kind::finish, id, {}, 0, 0, {}});
        wake_.notify_one();
        if (!changed_.wait_for(lock, finish_wait, [&] { return closed_.count(id) != 0; }))
            return std::nullopt;  // the thread closes it later; the row names no air-check
    }
    auto result = std::move(closed_.at(id));
    closed_.erase(id);
    return result;
}

void AircheckRecorder::run() {
    std::unique_lock lock(mutex_);
    for (;;) {
        wake_.wait(lock, [&] { return stop_ || !jobs_.empty(); });
        if (jobs_.empty()) break;  // stopping, and everything is written
        Job job = std::move(jobs_.front());
        jobs_.pop_front();
        lock.unlock();
        handle(job);
        lock.lock();
        if (job.kind == Job::Kind::block) {
            queued_frames_ -= job.to - job.from;
            if (spare_.size() < 8) spare_.push_back(std::move(job.samples));
            changed_.notify_all();
        }
    }
    lock.unlock();
    for (auto& [id, r] : recordings_) close(id, *r);
    recordings_.clear();
}

void AircheckRecorder::handle(Job& job) {
    switch (job.kind) {
        case Job::Kind::start: {
            auto r = std::make_unique<Recording>();
            std::string safe;
            for (char c : job.name) safe += (c == '/' || c == ':' || c == '\\') ? '_' : c;
            std::error_code ec;
            std::filesystem::create_directories(folder_, ec);
            r->path = folder_ / (safe + ".flac");
            r->start = job.from;
            r->end = job.to;
            r->reached = job.from;
            r->file = std::make_unique<audio::FileOutput>(r->path, audio::FileOutput::Kind::flac);
            try {
                r->file->open(format_);
            } catch (const std::exception&) {
                r->file.reset();  // not writable: finish() reports no air-check
            }
            recordings_[job.id] = std::move(r);
            break;
        }
        case Job::Kind::set_end:
            if (auto it = recordings_.find(job.id); it != recordings_.end()) {
                it->second->end = std::min(it->second->end, job.to);
                if (it->second->reached >= it->second->end) {
                    close(job.id, *it->second);
                    recordings_.erase(it);
                }
            }
            break;
        case Job::Kind::block:
        case Job::Kind::gap:
            write_block(job.from, job.to - job.from,
                        job.kind == Job::Kind::block ? job.samples.data() : nullptr);
            break;
        case Job::Kind::finish:
            if (auto it = recordings_.find(job.id); it != recordings_.end()) {
                close(job.id, *it->second);
                recordings_.erase(it);
            } else {
                std::lock_guard lock(mutex_);
                closed_.emplace(job.id, std::nullopt);  // never started (paused), or closed
                changed_.notify_all();
            }
            break;
    }
}

void AircheckRecorder::write_block(std::int64_t first_frame, std::int64_t frames,
                                   const float* samples) {
    for (auto it = recordings_.begin(); it != recordings_.end();) {
        Recording& r = *it->second;
        const std::int64_t from = std::max(first_frame, r.start);
        const std::int64_t to = std::min(first_frame + frames, r.end);
        if (to > from && !samples) {
            r.complete = false;  // these frames were dropped: the file would not be what aired
            r.file.reset();
        } else if (to > from && r.file) {
            try {
                r.file->write(samples + (from - first_frame) * format_.channels, to - from);
            } catch (const std::exception&) {
                r.file.reset();  // a full disk: the recording stops here, the airing goes on
            }
        }
        r.reached = std::max(r.reached, first_frame + frames);
        if (r.reached >= r.end) {
            close(it->first, r);
            it = recordings_.erase(it);
        } else {
            ++it;
        }
    }
}

void AircheckRecorder::close(audio::AiringId id, Recording& r) {
    std::optional<asrun::AirCheck> result;
    const bool written = r.file != nullptr;
    if (r.file) {
        try {
            r.file->drain();
            r.file->close();
        } catch (const std::exception&) {
            r.complete = false;
        }
        r.file.reset();
    }
    std::error_code ec;
    if (!r.complete) {
        std::filesystem::remove(r.path, ec);  // frames are missing: not what aired
    } else if (written && std::filesystem::exists(r.path, ec)) {
        try {
            fsync_directory(r.path.parent_path());
            result = asrun::AirCheck{r.path.string(), sha256_file(r.path)};
        } catch (const std::exception&) {
            result.reset();
        }
    }
    --recording_;
    std::lock_guard lock(mutex_);
    closed_[id] = std::move(result);
    changed_.notify_all();
}

}  // namespace vc::engine
