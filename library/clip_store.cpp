// The clip store: checked names for new clips, storing an upload into clips/uploads/ and
// deleting a clip.
#include "library/clip_store.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <random>
#include <vector>

#include "audio/decode/file_format.hpp"
#include "core/atomic_file.hpp"
#include "core/clip_ref.hpp"
#include "library/library.hpp"

namespace vc::library {

UploadName parse_upload_name(const std::string& name) {
    auto bad = [&](const std::string& why) { return UserError("`name` \"" + name + "\": " + why); };
    if (name.empty()) throw UserError("`name` is missing: add ?name=FILE.wav to the URL");
    auto dot = name.rfind('.');
    if (dot == std::string::npos || dot == 0)
        throw bad("it needs an extension: " + library::Library::extensions_text());
    UploadName n;
    n.stem = name.substr(0, dot);
    n.extension = name.substr(dot);
    std::transform(n.extension.begin(), n.extension.end(), n.extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const auto& known = library::Library::extensions();
    if (n.extension == ".slk" || n.extension == ".silk") throw bad(audio::wechat_silk_advice());
    if (std::find(known.begin(), known.end(), n.extension) == known.end())
        throw bad("villagecast reads " + library::Library::extensions_text() + " files only");
    if (n.stem.size() > 100) throw bad("the name is longer than 100 bytes");
    if (n.stem.front() == '.' || n.stem.back() == '.' || n.stem.front() == ' ' ||
        n.stem.back() == ' ')
        throw bad("the name cannot begin or end with a dot or a space");
    for (unsigned char c : n.stem) {
        bool ok = c >= 0x80 || std::isalnum(c) || c == ' ' || c == '-' || c == '_' || c == '.';
        if (!ok)
            throw bad(
                "only letters, digits, spaces, '-', '_' and '.' are allowed (no '/', '\\' "
                "or other signs)");
    }
    if (n.stem.find("..") != std::string::npos) throw bad("the name cannot contain \"..\"");
    if (auto problem = validate_clip_ref(n.id())) throw bad(*problem);
    return n;
}

std::string upload_problem(const audio::ClipAnalysis& a) {
    if (!a.ok) return "not a clip villagecast can air: " + a.problem;
    if (a.frames <= 0) return "the file holds no audio";
    if (!std::isfinite(a.integrated_lufs) || a.integrated_lufs < library::silent_below_lufs)
        return "the recording is silent (below " +
               std::to_string(static_cast<int>(library::silent_below_lufs)) +
               " LUFS): check the microphone";
    return "";
}

namespace {

std::string random_hex() {
    std::random_device rd;
    std::uniform_int_distribution<unsigned> d(0, 0xffff);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04x%04x", d(rd), d(rd));
    return buf;
}

/// Writes `bytes` to a fresh hidden file in `folder`. Throws UserError when it cannot.
std::filesystem::path write_staged(const std::filesystem::path& folder, std::string_view bytes,
                                   const std::string& extension) {
    std::filesystem::create_directories(folder);
    auto file = folder / (".incoming-" + random_hex() + extension);
    // On disk before it is renamed into clips/: a power cut leaves the old clip or the whole
    // new one, never a short file under the clip's name.
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    bool ok = fd >= 0;
    for (std::size_t done = 0; ok && done < bytes.size();) {
        const auto n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        ok = n > 0;
        if (ok) done += static_cast<std::size_t>(n);
    }
    ok = ok && ::fsync(fd) == 0;
    if (fd >= 0) ok = ::close(fd) == 0 && ok;
    if (!ok) {
        std::error_code ec;
        std::filesystem::remove(file, ec);
        throw UserError("cannot store the upload under " + folder.string() +
                        " (is the disk full?)");
    }
    return file;
}

/// Moves `from` to `to`, copying when they are on different file systems.
void move_file(const std::filesystem::path& from, const std::filesystem::path& to) {
    std::error_code ec;
    std::filesystem::rename(from, to, ec);
    if (!ec) return;
    std::filesystem::copy_file(from, to, std::filesystem::copy_options::overwrite_existing);
    std::filesystem::remove(from);
}

}  // namespace

ClipStore::ClipStore(LibraryFolders folders, std::filesystem::path staging)
    : folders_(std::move(folders)), staging_(std::move(staging)) {}

StoredClip ClipStore::store(const UploadName& name, std::string_view bytes, bool may_replace,
                            bool trim) const {
    auto dir = folders_.clips / "uploads";
    // Any file that already has this id (another extension counts: the id is the same).
    std::vector<std::filesystem::path> existing;
    for (const auto& ext : Library::extensions()) {
        std::error_code ec;
        auto p = dir / (name.stem + ext);
        if (std::filesystem::exists(p, ec)) existing.push_back(p);
    }
    if (!existing.empty() && !may_replace)
        throw ClipExists("a clip `" + name.id() +
                         "` exists already; choose another name (replacing a clip needs the "
                         "admin role)");
    auto staged = write_staged(staging_, bytes, name.extension);
    auto analysis = audio::analyse_clip(staged);
    auto problem = upload_problem(analysis);
    if (!problem.empty()) {
        std::filesystem::remove(staged);
        throw UserError("`" + name.file_name() + "` " + problem);
    }
    std::filesystem::create_directories(dir);
    for (const auto& p : existing) {
        std::filesystem::remove(p);
        std::filesystem::remove(trim_mark_for(p));
    }
    const auto file = dir / name.file_name();
    if (trim) write_file_atomically(trim_mark_for(file), "");
    move_file(staged, file);
    fsync_directory(dir);
    StoredClip stored;
    stored.replaced = !existing.empty();
    stored.sha256 = analysis.sha256;
    // Analysed into the library's index here, so that a reload only reads it.
    auto library = Library::scan(folders_);
    if (const auto* c = library.find(name.id())) stored.clip = *c;
    return stored;
}

std::optional<std::filesystem::path> ClipStore::remove(const std::string& id) const {
    if (validate_clip_ref(id)) return std::nullopt;
    auto library = Library::scan(folders_);
    const auto* clip = library.find(id);
    if (!clip) return std::nullopt;
    auto file = clip->path;
    std::filesystem::remove(file);
    std::filesystem::remove(trim_mark_for(file));
    fsync_directory(file.parent_path());
    (void)Library::scan(folders_);
    return file;
}

}  // namespace vc::library
