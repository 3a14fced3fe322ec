#include "asrun/verify.hpp"

#include <algorithm>
#include <cctype>

#include <nlohmann/json.hpp>

namespace vc::asrun {

namespace {

std::string row_name(std::int64_t seq) {
    return "row " + std::to_string(seq);
}

// What is wrong with one row's own contents (not its links), or empty.
std::string payload_problem(const RawRow& row) {
    nlohmann::json parsed = nlohmann::json::parse(row.payload, nullptr, false);
    if (parsed.is_discarded()) {
        return row_name(row.seq) + ": the payload is not valid JSON";
    }
    if (canonical_json(parsed) != row.payload) {
        return row_name(row.seq) + ": the payload is not in canonical form";
    }
    try {
        (void)Event::from_json(parsed);
    } catch (const std::exception& e) {
        return row_name(row.seq) + ": the payload is not a readable event: " + e.what();
    }
    return {};
}

}  // namespace

std::string VerifyResult::summary() const {
    std::string out;
    if (ok) {
        out = "ok: " + std::to_string(rows) + " rows, head hash " + head_hash;
        if (expected_head_seq) {
            out += "; the log still contains the chain that ended at " + *expected_head + " (row " +
                   std::to_string(*expected_head_seq) + ")";
        }
        return out;
    }
    out = "FAILED";
    if (first_bad_seq) {
        out += " at row " + std::to_string(*first_bad_seq);
    }
    out += ": " + problem + " (" + std::to_string(rows) + " rows, head hash " + head_hash + ")";
    return out;
}

VerifyResult verify(const LogStore& log, std::optional<std::string_view> expected_head) {
    VerifyResult result;
    std::string wanted;
    if (expected_head) {
        wanted = std::string(*expected_head);
        std::transform(wanted.begin(), wanted.end(), wanted.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (!is_hash_text(wanted)) {
            throw UserError("\"" + std::string(*expected_head) +
                            "\" is not a head hash: expected 64 hexadecimal digits as printed "
                            "under a listing");
        }
        result.expected_head = wanted;
        if (wanted == genesis_hash) {
            result.expected_head_seq = 0;  // the head of an empty log: every log contains it
        }
    }

    std::int64_t last_seq = 0;
    std::string last_hash(genesis_hash);
    auto bad = [&](std::int64_t seq, std::string what) {
        if (result.first_bad_seq) {
            return;
        }
        result.first_bad_seq = seq;
        result.problem = std::move(what);
    };

    log.scan([&](const RawRow& row) {
        ++result.rows;
        result.head_seq = row.seq;
        result.head_hash = row.hash;
        if (!result.first_bad_seq) {
            std::int64_t expected_seq = last_seq + 1;
            if (row.seq != expected_seq) {
                if (row.seq == expected_seq + 1) {
                    bad(expected_seq, row_name(expected_seq) + " is missing (the rows jump from " +
                                          std::to_string(last_seq) + " to " +
                                          std::to_string(row.seq) + ")");
                } else {
                    bad(expected_seq,
                        "rows " + std::to_string(expected_seq) + " to " +
                            std::to_string(row.seq - 1) + " are missing (the rows jump from " +
                            std::to_string(last_seq) + " to " + std::to_string(row.seq) + ")");
                }
            } else if (row.prev_hash != last_hash) {
                bad(row.seq, row.seq == 1
                                 ? row_name(1) +
                                       " does not start the chain: its previous hash should be "
                                       "64 zeros, it is " +
                                       row.prev_hash
                                 : row_name(row.seq) + " does not follow " + row_name(last_seq) +
                                       ": its previous hash is " + row.prev_hash + ", " +
                                       row_name(last_seq) + "'s hash is " + last_hash);
            } else if (chain_hash(row.prev_hash, row.payload) != row.hash) {
                bad(row.seq, row_name(row.seq) +
                                 " was changed: its hash does not match its contents (stored " +
                                 row.hash + ", computed " + chain_hash(row.prev_hash, row.payload) +
                                 ")");
            } else if (std::string p = payload_problem(row); !p.empty()) {
                bad(row.seq, std::move(p));
            } else if (!wanted.empty() && !result.expected_head_seq && row.hash == wanted) {
                result.expected_head_seq = row.seq;
            }
        }
        last_seq = row.seq;
        last_hash = row.hash;
    });

    result.ok = !result.first_bad_seq.has_value();
    if (result.ok && !wanted.empty() && !result.expected_head_seq) {
        result.ok = false;
        result.problem = "no row of the log has the hash " + wanted +
                         ": rows were cut off or the log was replaced since that head was printed";
    }
    return result;
}

}  // namespace vc::asrun
