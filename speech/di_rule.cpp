#include "speech/di_rule.hpp"

#include <string_view>

namespace vc::speech {

namespace {

// Words after which 地 is the particle de5 (认真地学习): the adverbs notices use.
constexpr std::u32string_view adverbs[] = {
    U"认真", U"积极", U"主动", U"及时", U"热情", U"努力", U"大力", U"耐心", U"准确", U"安全",
    U"顺利", U"自觉", U"有序", U"切实", U"深入", U"不断", U"逐步", U"全面", U"广泛", U"迅速",
    U"严格", U"有效", U"依法", U"如实", U"按时", U"踊跃", U"仔细", U"轻轻", U"默默", U"悄悄",
    U"科学", U"合理", U"充分", U"彻底", U"集中", U"统一", U"妥善", U"稳妥", U"尽快"};

bool particle_after(const std::u32string& before) {
    const auto n = before.size();
    if (n >= 2 && before[n - 1] == before[n - 2]) return true;  // 慢慢地
    for (auto a : adverbs)
        if (n >= a.size() && std::u32string_view(before).substr(n - a.size()) == a) return true;
    return false;
}

}  // namespace

std::vector<Segment> apply_di_rule(const std::vector<Segment>& segments) {
    std::vector<Segment> out;
    std::u32string before;  // the text so far, for the words before a 地
    for (const auto& seg : segments) {
        if (!seg.pinyin.empty()) {
            out.push_back(seg);
            before += seg.text;
            continue;
        }
        std::u32string plain;
        for (char32_t c : seg.text) {
            if (c != U'地' || particle_after(before)) {
                plain += c;
                before += c;
                continue;
            }
            if (!plain.empty()) out.push_back({std::move(plain), "", ""});
            plain.clear();
            out.push_back({U"地", "di4", "地 as a noun"});
            before += c;
        }
        if (!plain.empty()) out.push_back({std::move(plain), "", ""});
    }
    return out;
}

}  // namespace vc::speech
