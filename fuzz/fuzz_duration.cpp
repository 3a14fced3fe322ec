// Durations as station files write them (core/duration), and the byte sizes of station.toml
// (disk_alarm): whatever parses formats back to text that parses to the same value.

#include <cstddef>
#include <cstdint>

#include "core/duration.hpp"
#include "fuzz/fuzz_support.hpp"
#include "station/station.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto text = vc::fuzz::as_text(data, size);
    if (auto d = vc::parse_duration(text)) {
        if (d->count() < 0) vc::fuzz::fail("a negative duration parsed");
        auto again = vc::parse_duration(vc::format_duration(*d));
        if (!again || *again != *d) vc::fuzz::fail("a duration does not read back as itself");
    }
    if (auto bytes = vc::station::parse_byte_size(text)) {
        auto again = vc::station::parse_byte_size(std::to_string(*bytes) + "B");
        if (!again || *again != *bytes) vc::fuzz::fail("a byte size does not read back as itself");
    }
    return 0;
}
