#pragma once
// A station.toml written into a fresh folder and loaded, or its errors, for the zones tests.

#include <catch2/catch.hpp>

#include "station/station.hpp"
#include "tests/playlists/diag_match.hpp"
#include "tests/support/fixtures.hpp"

namespace vc::test {

/// Loads a station whose station.toml is `text`.
inline station::Station load_text(const std::string& text) {
    TempDir dir;
    write_bytes(dir / "station.toml", text);
    return station::load_station(dir.path());
}

/// The diagnostics of a station.toml that must not load.
inline std::vector<Diagnostic> errors_of(const std::string& text) {
    TempDir dir;
    write_bytes(dir / "station.toml", text);
    try {
        (void)station::load_station(dir.path());
    } catch (const DiagnosticError& e) {
        return e.diagnostics();
    }
    FAIL("load_station did not throw");
    return {};
}

}  // namespace vc::test
