#include "core/log.hpp"

#include <atomic>
#include <string>

#include <date/date.h>
#include <unistd.h>

namespace vc {

namespace {
std::atomic<Level> min_level{Level::info};

std::string_view name(Level l) {
    switch (l) {
        case Level::debug:
            return "debug";
        case Level::info:
            return "info";
        case Level::warning:
            return "warning";
        case Level::error:
            return "error";
    }
    return "?";
}
}  // namespace

void set_log_level(Level level) {
    min_level = level;
}

void log_line(const Clock& clock, Level level, std::string_view message) {
    if (level < min_level.load()) return;
    std::string line = date::format("%FT%T", clock.now()) + "Z " + std::string(name(level)) + ' ';
    for (char c : message) line += (c == '\n') ? ' ' : c;
    line += '\n';
    std::size_t done = 0;
    while (done < line.size()) {
        auto n = ::write(STDERR_FILENO, line.data() + done, line.size() - done);
        if (n <= 0) break;
        done += static_cast<std::size_t>(n);
    }
}

}  // namespace vc
