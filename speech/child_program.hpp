#pragma once
// A helper program run to its end for one text: the station's [tts] command, or espeak-ng's
// worker (a fresh villagecast process, for a process that runs threads and so must not fork
// itself). Started with posix_spawn, its input and output through files in a scratch folder,
// stopped when it runs past its time.

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace vc::speech {

/// A folder of its own under $TMPDIR (villagecast-tts.XXXXXX), removed with everything in it.
/// Throws UserError naming `for_whom` when it cannot be made.
class ScratchFolder {
  public:
    explicit ScratchFolder(const std::string& for_whom);
    ~ScratchFolder();
    ScratchFolder(const ScratchFolder&) = delete;
    ScratchFolder& operator=(const ScratchFolder&) = delete;
    [[nodiscard]] const std::filesystem::path& path() const { return path_; }

  private:
    std::filesystem::path path_;
};

/// One run of a helper program.
struct ProgramRun {
    std::vector<std::string> argv;   ///< the program (looked up in PATH) and its arguments
    std::filesystem::path input;     ///< its standard input
    std::filesystem::path messages;  ///< its standard output and error
    std::chrono::milliseconds timeout{60000};
    std::string what;          ///< "the [tts] command", in messages
    std::string shown;         ///< the command as messages show it
    std::string timeout_note;  ///< after "ran longer than N s", e.g. " (its `timeout` in [tts])"
};

/// Runs it to its end. Throws UserError when it cannot start, runs past its timeout (it is
/// killed), or ends other than with status 0 (with the end of what it wrote).
void run_program(const ProgramRun& run);

/// The last `most` bytes of a file, trimmed, or "" when it cannot be read.
std::string tail_of(const std::filesystem::path& file, std::size_t most);

}  // namespace vc::speech
