#pragma once
// An online copy of the as-run log (SQLite's backup API) that is checked before it is kept:
// `villagecast audit backup FILE`.

#include <filesystem>
#include <functional>

#include "asrun/log_store.hpp"
#include "asrun/verify.hpp"

namespace vc::asrun {

struct BackupOptions {
    /// Pages copied per step; between steps other connections may append.
    int pages_per_step = 256;
    /// Called after each step with the pages still to copy and the total (e.g. for progress).
    std::function<void(int remaining, int total)> on_step;
};

/// Copies the log to `destination` while others may keep appending: the copy is a consistent
/// snapshot (the backup restarts when the log changes between steps). The copy is written beside
/// `destination`, made a single self-contained file (journal_mode=DELETE), verified, and only
/// then renamed over `destination` (an older backup there stays until the new one verifies).
/// Returns the copy's verification. Same thread as `log`. Throws UserError with SQLite's text
/// when the copy cannot be written, when `destination` is the log itself, or when the copy does
/// not verify (the problem is named; nothing is left at `destination` then).
VerifyResult backup(const LogStore& log, const std::filesystem::path& destination,
                    const BackupOptions& options = {});

}  // namespace vc::asrun
