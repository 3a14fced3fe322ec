// Counting refused logins per source address and minute.
#include "control/login_counter.hpp"

#include <chrono>

namespace vc::control {

void LoginCounter::refuse(const std::string& address, Instant now) {
    ++counts_[{std::chrono::floor<std::chrono::minutes>(now), address}];
}

std::vector<RefusedLogins> LoginCounter::take_finished(Instant now) {
    std::vector<RefusedLogins> out;
    Instant current = std::chrono::floor<std::chrono::minutes>(now);
    for (auto it = counts_.begin(); it != counts_.end() && it->first.first < current;) {
        out.push_back({it->first.second, it->first.first, it->second});
        it = counts_.erase(it);
    }
    return out;
}

std::vector<RefusedLogins> LoginCounter::take_all() {
    std::vector<RefusedLogins> out;
    for (const auto& [key, count] : counts_) out.push_back({key.second, key.first, count});
    counts_.clear();
    return out;
}

}  // namespace vc::control
