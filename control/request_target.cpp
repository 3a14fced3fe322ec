// Splitting a request's target into its path and its decoded query parameters.
#include "control/request_target.hpp"

#include "control/static_files.hpp"

namespace vc::control {

Target split_target(std::string_view target) {
    Target t;
    auto q = target.find('?');
    t.path = std::string(target.substr(0, q));
    if (q == std::string_view::npos) return t;
    std::string_view query = target.substr(q + 1);
    while (!query.empty()) {
        auto amp = query.find('&');
        std::string_view pair = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
        if (pair.empty()) continue;
        auto eq = pair.find('=');
        std::string key(pair.substr(0, eq));
        std::string value(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1));
        for (auto* s : {&key, &value})
            for (auto& c : *s)
                if (c == '+') c = ' ';
        auto k = url_decode(key);
        auto v = url_decode(value);
        if (!k || !v) {
            t.ok = false;
            continue;
        }
        t.query[*k] = *v;
    }
    return t;
}

}  // namespace vc::control
