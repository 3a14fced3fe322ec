#pragma once
// Checking the as-run log's hash chain, and proving that it still holds a chain whose head hash
// was printed earlier.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "asrun/chain.hpp"
#include "asrun/log_store.hpp"

namespace vc::asrun {

/// What verify() found.
struct VerifyResult {
    bool ok = true;             ///< the whole chain holds (and contains expected_head when given)
    std::int64_t rows = 0;      ///< rows read
    std::int64_t head_seq = 0;  ///< seq of the newest row
    std::string head_hash{genesis_hash};            ///< its hash
    std::optional<std::int64_t> first_bad_seq;      ///< the first row that does not match
    std::string problem;                            ///< what is wrong, in words; empty when ok
    std::optional<std::string> expected_head;       ///< the head hash asked about, if any
    std::optional<std::int64_t> expected_head_seq;  ///< the row whose hash it is, if found

    /// One line for people: "ok: 42 rows, head 9f2c… (row 42)" or "FAILED at row 7: …".
    [[nodiscard]] std::string summary() const;
};

/// Checks every row: seq runs 1, 2, 3 with no gap; each prev_hash is the previous row's hash
/// (64 zeros for row 1); each hash is chain_hash(prev_hash, payload); each payload is canonical
/// JSON of a readable event. Stops checking at the first bad row (but counts all rows).
/// With `expected_head`, also requires a row whose hash equals it, reached while the chain
/// still held. Any thread with its own LogStore. Throws UserError when `expected_head` is not
/// 64 hex digits or the log cannot be read.
VerifyResult verify(const LogStore& log, std::optional<std::string_view> expected_head = {});

}  // namespace vc::asrun
