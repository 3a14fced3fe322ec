#include "engine/aircheck_recorder.hpp"

#include <algorithm>

#include "audio/outputs/file_output.hpp"
#include "core/atomic_file.hpp"
#include "core/sha256.hpp"

namespace vc::engine {

struct AircheckRecorder::Recording {
    std::filesystem::path path;
    std::unique_ptr<audio::FileOutput> file;  ///< null when the file could not be created
    std::int64_t start = 0;
    std::int64_t end = 0;
    bool closed = false;
    void write(const float* interleaved, std::int64_t frames) {
        try {
            file->write(interleaved, frames);
        } catch (const std::exception&) {
            file.reset();  // a full disk: the recording stops here, the airing goes on
        }
    }
    void close() {
        if (file) {
            file->drain();
            file->close();
            file.reset();
        }
        closed = true;
    }
};

AircheckRecorder::AircheckRecorder(std::filesystem::path folder, audio::AudioFormat format)
    : folder_(std::move(folder)), format_(format) {}

AircheckRecorder::~AircheckRecorder() {
    for (auto& [id, r] : recordings_) r->close();
}

void AircheckRecorder::start(audio::AiringId id, const std::string& name, std::int64_t start,
                             std::int64_t end) {
    if (paused_) return;
    auto r = std::make_unique<Recording>();
    std::string safe;
    for (char c : name) safe += (c == '/' || c == ':' || c == '\\') ? '_' : c;
    std::error_code ec;
    std::filesystem::create_directories(folder_, ec);
    r->path = folder_ / (safe + ".flac");
    r->start = start;
    r->end = end;
    r->file = std::make_unique<audio::FileOutput>(r->path, audio::FileOutput::Kind::flac);
    try {
        r->file->open(format_);
    } catch (const std::exception&) {
        r->file.reset();  // not writable: finish() reports no air-check
    }
    std::lock_guard lock(mutex_);
    recordings_[id] = std::move(r);
}

void AircheckRecorder::set_end(audio::AiringId id, std::int64_t end) {
    std::lock_guard lock(mutex_);
    if (auto it = recordings_.find(id); it != recordings_.end())
        it->second->end = std::min(it->second->end, end);
}

void AircheckRecorder::record(std::int64_t first_frame, const float* interleaved,
                              std::int64_t frames) {
    std::lock_guard lock(mutex_);
    for (auto& [id, r] : recordings_) {
        if (r->closed || !r->file) continue;
        std::int64_t from = std::max(first_frame, r->start);
        std::int64_t to = std::min(first_frame + frames, r->end);
        if (to > from) r->write(interleaved + (from - first_frame) * format_.channels, to - from);
        if (first_frame + frames >= r->end) r->close();
    }
}

std::optional<asrun::AirCheck> AircheckRecorder::finish(audio::AiringId id) {
    std::unique_ptr<Recording> r;
    {
        std::lock_guard lock(mutex_);
        auto it = recordings_.find(id);
        if (it == recordings_.end()) return std::nullopt;
        r = std::move(it->second);
        recordings_.erase(it);
        r->close();
    }
    if (!std::filesystem::exists(r->path)) return std::nullopt;
    try {
        fsync_directory(r->path.parent_path());
        return asrun::AirCheck{r->path.string(), sha256_file(r->path)};
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

}  // namespace vc::engine
