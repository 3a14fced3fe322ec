#pragma once
// Names for libsndfile's format codes, which library reads a file, and whether a file's name
// matches what it holds.

#include <filesystem>
#include <string>
#include <vector>

namespace vc::audio {

/// A short name for a libsndfile format code: "WAV PCM-16", "FLAC PCM-24", "Ogg Vorbis", "Opus",
/// "MP3", "AIFF PCM-16", "RF64 PCM-24". Any thread.
std::string describe_format(int sf_format);

/// The extension a file holding `sf_format` should carry (".wav", ".flac", ".ogg", ".opus",
/// ".mp3", ".aiff", ...). Any thread.
std::string usual_extension(int sf_format);

/// False when the file's extension names a different kind of audio than libsndfile found in it
/// (FLAC data named .wav, say). Extensions it does not know are taken as matching. Any thread.
bool extension_matches(const std::filesystem::path& file, int sf_format);

/// The file's extension in lower case (".m4a"). Any thread.
std::string lower_extension(const std::filesystem::path& file);

/// The extensions FFmpeg reads for us, what phones record: ".m4a", ".mp4", ".aac", ".amr", ".awb",
/// ".wma", ".3gp". Everything else goes to libsndfile. Any thread.
const std::vector<std::string>& ffmpeg_extensions();

/// True when FFmpeg, not libsndfile, reads `file` (by its extension). Any thread.
bool read_by_ffmpeg(const std::filesystem::path& file);

/// True when the file starts as a WeChat voice message does ("#!SILK_V3", sometimes after one
/// byte): SILK audio, often named .amr or .slk, which is not AMR. Any thread.
bool holds_wechat_silk(const std::filesystem::path& file);

/// What to tell a clerk about a WeChat voice message: what it is and what to do instead.
std::string wechat_silk_advice();

}  // namespace vc::audio
