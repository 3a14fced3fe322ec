#include "library/library_index.hpp"

#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/atomic_file.hpp"

namespace vc::library {
namespace {

using nlohmann::json;

/// JSON has no infinity: a silent clip's loudness (-inf) is stored as null.
json number_or_null(double v) {
    return std::isfinite(v) ? json(v) : json(nullptr);
}

double number_or_minus_inf(const json& j) {
    return j.is_number() ? j.get<double>() : -std::numeric_limits<double>::infinity();
}

json analysis_to_json(const audio::ClipAnalysis& a) {
    return json{{"ok", a.ok},
                {"problem", a.problem},
                {"format", a.format},
                {"decoder", a.decoder},
                {"sample_rate", a.sample_rate},
                {"channels", a.channels},
                {"frames", a.frames},
                {"integrated_lufs", number_or_null(a.integrated_lufs)},
                {"true_peak_dbtp", number_or_null(a.true_peak_dbtp)},
                {"sha256", a.sha256},
                {"quiet_start", a.quiet_start},
                {"quiet_end", a.quiet_end}};
}

audio::ClipAnalysis analysis_from_json(const json& j) {
    audio::ClipAnalysis a;
    a.ok = j.at("ok").get<bool>();
    a.problem = j.at("problem").get<std::string>();
    a.format = j.at("format").get<std::string>();
    a.decoder = j.at("decoder").get<std::string>();
    a.sample_rate = j.at("sample_rate").get<int>();
    a.channels = j.at("channels").get<int>();
    a.frames = j.at("frames").get<std::int64_t>();
    a.integrated_lufs = number_or_minus_inf(j.at("integrated_lufs"));
    a.true_peak_dbtp = number_or_minus_inf(j.at("true_peak_dbtp"));
    a.sha256 = j.at("sha256").get<std::string>();
    a.quiet_start = j.at("quiet_start").get<std::int64_t>();
    a.quiet_end = j.at("quiet_end").get<std::int64_t>();
    return a;
}

}  // namespace

LibraryIndex LibraryIndex::load(const std::filesystem::path& file, std::string& warning) {
    LibraryIndex index;
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) {
        return index;
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        warning = "cannot read " + file.string() + "; every clip will be analysed again";
        return index;
    }
    std::ostringstream text;
    text << in.rdbuf();
    try {
        json j = json::parse(text.str());
        if (j.at("version").get<int>() != version) {
            warning = file.string() +
                      " was written by another version of villagecast; every clip "
                      "will be analysed again";
            return index;
        }
        for (const auto& [rel, entry] : j.at("clips").items()) {
            Entry e;
            e.size = entry.at("size").get<std::uintmax_t>();
            e.mtime_ns = entry.at("mtime_ns").get<std::int64_t>();
            e.analysis = analysis_from_json(entry.at("analysis"));
            index.entries_.emplace(rel, std::move(e));
        }
    } catch (const json::exception&) {
        index.entries_.clear();
        warning = file.string() + " is damaged; every clip will be analysed again";
    }
    return index;
}

const audio::ClipAnalysis* LibraryIndex::find(const std::string& relative_path, std::uintmax_t size,
                                              std::int64_t mtime_ns) const {
    auto it = entries_.find(relative_path);
    if (it == entries_.end() || it->second.size != size || it->second.mtime_ns != mtime_ns) {
        return nullptr;
    }
    return &it->second.analysis;
}

void LibraryIndex::put(const std::string& relative_path, std::uintmax_t size, std::int64_t mtime_ns,
                       const audio::ClipAnalysis& analysis) {
    entries_[relative_path] = Entry{size, mtime_ns, analysis};
}

std::string LibraryIndex::to_json() const {
    json clips = json::object();
    for (const auto& [rel, e] : entries_) {
        clips[rel] = json{
            {"size", e.size}, {"mtime_ns", e.mtime_ns}, {"analysis", analysis_to_json(e.analysis)}};
    }
    json j{{"version", version}, {"clips", std::move(clips)}};
    // Names are checked to be UTF-8 before they enter the index; replace guards the rest.
    return j.dump(1, '\t', false, json::error_handler_t::replace) + "\n";
}

void LibraryIndex::save(const std::filesystem::path& file) const {
    std::error_code ec;
    std::filesystem::create_directories(file.parent_path(), ec);
    write_file_atomically(file, to_json());
}

}  // namespace vc::library
