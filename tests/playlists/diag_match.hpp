#pragma once
// Helpers for asserting diagnostics by exact line:col in the playlists tests.

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/diagnostic.hpp"

namespace vc::test {

/// Every diagnostic, one per line, for failure messages.
inline std::string list_diagnostics(const std::vector<Diagnostic>& ds) {
    std::string out;
    for (const auto& d : ds) out += d.str() + "\n";
    return out;
}

/// True when some error sits at line:col and its message contains `fragment`.
inline bool has_error_at(const std::vector<Diagnostic>& ds, int line, int column,
                         const std::string& fragment) {
    for (const auto& d : ds)
        if (d.severity == Diagnostic::Severity::error && d.line == line && d.column == column &&
            d.message.find(fragment) != std::string::npos)
            return true;
    return false;
}

/// An error expected at line:col whose message contains `fragment`.
struct ErrorAt {
    int line;
    int column;
    std::string fragment;
};

/// CHECKs that each expected error is among `ds`.
inline void check_errors_at(const std::vector<Diagnostic>& ds,
                            const std::vector<ErrorAt>& expected) {
    for (const auto& e : expected) {
        INFO(e.line << ":" << e.column << ": " << e.fragment);
        CHECK(has_error_at(ds, e.line, e.column, e.fragment));
    }
}

inline std::size_t error_count(const std::vector<Diagnostic>& ds) {
    std::size_t n = 0;
    for (const auto& d : ds) n += d.severity == Diagnostic::Severity::error ? 1 : 0;
    return n;
}

}  // namespace vc::test
