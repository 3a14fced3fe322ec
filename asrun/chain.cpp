#include "asrun/chain.hpp"

#include <algorithm>

#include "core/sha256.hpp"

namespace vc::asrun {

std::string chain_hash(std::string_view prev_hash, std::string_view canonical_payload) {
    Sha256 h;
    h.update(prev_hash);
    h.update("\n");
    h.update(canonical_payload);
    return h.hex_digest();
}

bool is_hash_text(std::string_view text) {
    return text.size() == 64 && std::all_of(text.begin(), text.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

}  // namespace vc::asrun
