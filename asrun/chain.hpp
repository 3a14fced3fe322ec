#pragma once
// The hash chain that makes the as-run log tamper-evident: each row's hash covers the previous
// row's hash and the row's canonical payload.

#include <string>
#include <string_view>

namespace vc::asrun {

/// What the first row chains on: 64 zeros.
inline constexpr std::string_view genesis_hash =
    "0000000000000000000000000000000000000000000000000000000000000000";

/// The hash of a row: lower-case hex SHA-256 of `prev_hash + "\n" + canonical_payload`.
/// Any thread.
std::string chain_hash(std::string_view prev_hash, std::string_view canonical_payload);

/// True when `text` looks like a row hash: 64 lower-case hex digits.
bool is_hash_text(std::string_view text);

}  // namespace vc::asrun
