#pragma once
// Names for libsndfile's format codes, and whether a file's name matches what it holds.

#include <filesystem>
#include <string>

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

}  // namespace vc::audio
