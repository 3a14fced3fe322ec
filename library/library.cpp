#include "library/library.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <thread>

#include "audio/decode/file_format.hpp"
#include "library/library_index.hpp"

namespace vc::library {
namespace {

constexpr unsigned analysis_threads = 2;

std::string ascii_lower(std::string s) {
    for (auto& c : s) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return s;
}

bool is_valid_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const auto lead = static_cast<unsigned char>(s[i]);
        std::size_t extra = 0;
        if (lead < 0x80) {
            extra = 0;
        } else if (lead >= 0xC2 && lead <= 0xDF) {
            extra = 1;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            extra = 2;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            extra = 3;
        } else {
            return false;
        }
        if (s.size() - i <= extra) {
            return false;
        }
        for (std::size_t k = 1; k <= extra; ++k) {
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) {
                return false;
            }
        }
        i += extra + 1;
    }
    return true;
}

/// EBU R128 integrated loudness needs one 400 ms block: a shorter clip with sound in it measures
/// as -inf, which is not silence.
bool too_short_to_measure(const audio::ClipAnalysis& a) {
    return a.frames * 10 < static_cast<std::int64_t>(a.sample_rate) * 4 &&
           a.true_peak_dbtp >= silent_below_lufs;
}

bool is_hidden(const std::filesystem::path& p) {
    auto name = p.filename().string();
    return !name.empty() && name.front() == '.';
}

bool clip_order(const ClipInfo& a, const ClipInfo& b) {
    if (a.id != b.id) {
        return a.id < b.id;
    }
    if (a.audio_file != b.audio_file) {
        return a.audio_file;
    }
    return a.relative_path < b.relative_path;
}

/// Lists the files under `dir` (hidden ones skipped) with their size and mtime; no file is opened.
std::vector<ClipInfo> list_files(const std::filesystem::path& dir,
                                 std::vector<std::string>& warnings) {
    namespace fs = std::filesystem;
    std::vector<ClipInfo> out;
    std::error_code ec;
    fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
    if (ec) {
        warnings.push_back("cannot read the folder " + dir.string() + ": " + ec.message());
        return out;
    }
    for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec) {
            warnings.push_back("cannot read everything under " + dir.string() + ": " +
                               ec.message());
            break;
        }
        const auto& entry = *it;
        if (is_hidden(entry.path())) {
            if (entry.is_directory(ec)) {
                it.disable_recursion_pending();
            }
            continue;
        }
        if (!entry.is_regular_file(ec)) {
            continue;
        }
        ClipInfo c;
        c.path = entry.path();
        c.relative_path = entry.path().lexically_relative(dir).generic_string();
        const std::string ext = entry.path().extension().string();
        c.id = c.relative_path.substr(0, c.relative_path.size() - ext.size());
        const auto& known = Library::extensions();
        c.audio_file = std::find(known.begin(), known.end(), ascii_lower(ext)) != known.end();
        c.size = entry.file_size(ec);
        if (ec) {
            c.size = 0;
        }
        auto mtime = entry.last_write_time(ec);
        c.mtime_ns =
            ec ? 0
               : std::chrono::duration_cast<std::chrono::nanoseconds>(mtime.time_since_epoch())
                     .count();
        if (c.audio_file) c.trim = std::filesystem::exists(trim_mark_for(c.path), ec);
        if (!c.audio_file) {
            const std::string lower = ascii_lower(ext);
            c.problem = lower == ".slk" || lower == ".silk"
                            ? audio::wechat_silk_advice()
                            : "not an audio file villagecast reads (" +
                                  (ext.empty() ? "no extension" : ext) +
                                  "); clips must be WAV, FLAC, Ogg Vorbis, Opus, MP3 or a phone "
                                  "recording (M4A, AAC, AMR, WMA, MP4)";
        } else if (!is_valid_utf8(c.relative_path)) {
            c.problem =
                "the file name is not valid UTF-8 (it was probably copied from a computer "
                "using another encoding); rename it";
        }
        out.push_back(std::move(c));
    }
    return out;
}

void mark_duplicates(std::vector<ClipInfo>& clips) {
    for (std::size_t i = 0; i < clips.size();) {
        std::size_t j = i;
        std::string names;
        while (j < clips.size() && clips[j].id == clips[i].id) {
            if (clips[j].audio_file) {
                names += (names.empty() ? "clips/" : " and clips/") + clips[j].relative_path;
            }
            ++j;
        }
        std::size_t audio = 0;
        for (std::size_t k = i; k < j; ++k) {
            audio += clips[k].audio_file ? 1 : 0;
        }
        if (audio > 1) {
            for (std::size_t k = i; k < j; ++k) {
                if (clips[k].audio_file && clips[k].problem.empty()) {
                    clips[k].problem = std::to_string(audio) + " files have the id `" +
                                       clips[k].id + "`: " + names + "; keep only one of them";
                }
            }
        }
        i = j;
    }
}

/// Analyses clips[todo[k]] on worker threads; reports progress on the calling thread.
void analyse(std::vector<ClipInfo>& clips, const std::vector<std::size_t>& todo,
             const Library::Progress& progress) {
    if (todo.empty()) {
        return;
    }
    std::vector<audio::ClipAnalysis> results(todo.size());
    std::atomic<std::size_t> next{0};
    std::mutex mutex;
    std::condition_variable cv;
    std::deque<std::size_t> finished;
    auto work = [&] {
        for (std::size_t k = next++; k < todo.size(); k = next++) {
            audio::ClipAnalysis a;
            try {
                a = audio::analyse_clip(clips[todo[k]].path);
            } catch (const std::exception& e) {
                a = {};
                a.problem = std::string("could not be analysed: ") + e.what();
            }
            results[k] = std::move(a);
            {
                std::lock_guard lock(mutex);
                finished.push_back(k);
            }
            cv.notify_one();
        }
    };
    {
        std::vector<std::jthread> workers;
        const auto n = std::min<std::size_t>(analysis_threads, todo.size());
        for (std::size_t t = 0; t < n; ++t) {
            workers.emplace_back(work);
        }
        for (std::size_t done = 0; done < todo.size();) {
            std::size_t k = 0;
            {
                std::unique_lock lock(mutex);
                cv.wait(lock, [&] { return !finished.empty(); });
                k = finished.front();
                finished.pop_front();
            }
            ++done;
            if (progress) {
                progress(done, todo.size(), clips[todo[k]].id);
            }
        }
    }
    for (std::size_t k = 0; k < todo.size(); ++k) {
        clips[todo[k]].analysis = std::move(results[k]);
    }
}

}  // namespace

const std::vector<std::string>& Library::extensions() {
    static const std::vector<std::string> exts = [] {
        std::vector<std::string> v = {".wav", ".flac", ".ogg", ".oga", ".opus", ".mp3"};
        const auto& phone = audio::ffmpeg_extensions();
        v.insert(v.end(), phone.begin(), phone.end());
        return v;
    }();
    return exts;
}

std::string Library::extensions_text() {
    const auto& exts = extensions();
    std::string out;
    for (std::size_t i = 0; i < exts.size(); ++i)
        out += (i == 0 ? "" : i + 1 == exts.size() ? " or " : ", ") + exts[i];
    return out;
}

Library Library::scan(const LibraryFolders& folders, const Progress& progress) {
    return scan_folder(folders.clips, folders.index, progress);
}

Library Library::scan_folder(const std::filesystem::path& clips_dir_in,
                             const std::filesystem::path& index_file, const Progress& progress) {
    std::error_code ec;
    auto clips_dir = std::filesystem::absolute(clips_dir_in, ec).lexically_normal();
    if (ec) {
        clips_dir = clips_dir_in;
    }
    if (!clips_dir.has_filename() && clips_dir.has_parent_path()) {
        clips_dir = clips_dir.parent_path();
    }

    std::vector<std::string> warnings;
    std::vector<ClipInfo> clips;
    if (!std::filesystem::is_directory(clips_dir, ec)) {
        warnings.push_back("there is no clips folder " + clips_dir.string() +
                           "; create it and put the station's audio files in it");
    } else {
        clips = list_files(clips_dir, warnings);
    }
    std::sort(clips.begin(), clips.end(), clip_order);
    mark_duplicates(clips);

    std::string index_warning;
    const LibraryIndex old_index = LibraryIndex::load(index_file, index_warning);
    if (!index_warning.empty()) {
        warnings.push_back(index_warning);
    }

    ScanStats stats;
    stats.files = clips.size();
    std::vector<std::size_t> todo;
    for (std::size_t i = 0; i < clips.size(); ++i) {
        auto& c = clips[i];
        if (!c.audio_file || !c.problem.empty()) {
            continue;
        }
        if (const auto* cached = old_index.find(c.relative_path, c.size, c.mtime_ns)) {
            c.analysis = *cached;
            ++stats.from_index;
        } else {
            todo.push_back(i);
        }
    }
    stats.analysed = todo.size();
    analyse(clips, todo, progress);

    LibraryIndex index;
    for (auto& c : clips) {
        if (!c.audio_file || !c.problem.empty()) {
            continue;
        }
        index.put(c.relative_path, c.size, c.mtime_ns, c.analysis);
        if (!c.analysis.ok) {
            c.problem = c.analysis.problem.empty() ? "cannot be read as audio" : c.analysis.problem;
        } else if (!(c.analysis.integrated_lufs >= silent_below_lufs)) {
            c.problem = too_short_to_measure(c.analysis)
                            ? "too short to measure its loudness (under 0.4 s); add silence "
                              "to its end to make it at least 0.4 s long"
                            : "silent: its loudness is below -70 LUFS (is the recording empty?)";
        }
        c.ok = c.problem.empty();
    }
    if (stats.analysed > 0 || index.size() != old_index.size() || !index_warning.empty()) {
        try {
            index.save(index_file);
            stats.index_written = true;
        } catch (const std::exception& e) {
            warnings.push_back(std::string("the library index was not saved: ") + e.what());
        }
    }

    Library lib(clips_dir, std::move(clips));
    lib.warnings_ = std::move(warnings);
    lib.stats_ = stats;
    return lib;
}

Library::Library(std::filesystem::path clips_dir, std::vector<ClipInfo> clips)
    : clips_dir_(std::move(clips_dir)), clips_(std::move(clips)) {
    std::sort(clips_.begin(), clips_.end(), clip_order);
}

const ClipInfo* Library::find(std::string_view id) const {
    auto it = std::lower_bound(clips_.begin(), clips_.end(), id,
                               [](const ClipInfo& c, std::string_view key) { return c.id < key; });
    if (it == clips_.end() || it->id != id) {
        return nullptr;
    }
    return &*it;
}

}  // namespace vc::library
