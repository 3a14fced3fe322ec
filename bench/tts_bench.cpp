// Spoken notices: 100 typed notices of about 200 characters each (numbers, dates, times, phone
// numbers, money, temperatures and words of the pronunciation dictionary in each, so that every
// step runs), each taken from text to a normalised, loudness-matched 48 kHz stereo clip in
// memory (prepare_text, then render_spoken_clip; no file is written). Beside it, interleaved,
// the espeak-ng command alone speaking the same normalised text into a WAV (synthesis only: no
// normalisation, no resampling, no loudness), for the cost of what villagecast adds.
// Prints the median and 90th percentile per notice and the ratio. Goal: under 0.5 s a notice.
//
//   tts_bench [notices]          (default 100)

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "bench/support/child_process.hpp"
#include "speech/spoken_clip.hpp"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    if (v.empty()) return 0.0;
    return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

/// The i-th notice: about 200 characters, different numbers in each.
std::string notice(int i) {
    const int day = 1 + i % 28, month = 1 + i % 12, hour = 8 + i % 12, minute = (i * 7) % 60;
    char time[16];
    std::snprintf(time, sizeof time, "%d:%02d", hour, minute);
    const std::string phone = "1380797" + std::to_string(1000 + i);
    return "各位村民请注意：" + std::to_string(month) + "月" + std::to_string(day) + "日" + time +
           "，镇政府在村委会院坝召开第" + std::to_string(i + 1) +
           "次院坝会，介绍住房改造、教育资助和医疗救助政策。今年全镇共有" +
           std::to_string(1200 + i * 13) + "户参加医疗保险，报销比例提高到" +
           std::to_string(50 + i % 40) + "%，每户补助" + std::to_string(500 + i * 10) +
           "元。符合条件的困难群众住院治疗，在基本医疗保险和大病保险报销以后，个人负担的合规费用可"
           "以申请"
           "医疗救助，请带上户口本和身份证到村便民服务中心登记。明天最低气温-" +
           std::to_string(1 + i % 9) +
           "℃，请注意防寒。需要到重庆银行办理还款的农户，请在3-5天内联系驻村干部，电话" + phone +
           "。";
}

double seconds_since(Clock::time_point t0) {
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
    const int count = argc > 1 ? std::max(1, std::atoi(argv[1])) : 100;
    const fs::path dir = fs::temp_directory_path() / "villagecast-tts-bench";
    fs::create_directories(dir);

    auto& engine = vc::speech::EspeakEngine::instance();
    const auto dictionary = vc::speech::Pronunciations::builtin();
    vc::speech::SpokenSettings settings;
    settings.format = vc::audio::AudioFormat{48000, 2};

    std::vector<double> ours, peer;
    std::size_t characters = 0;
    double audio_seconds = 0;
    for (int i = 0; i < count; ++i) {
        const std::string text = notice(i);
        // Characters, not bytes: every UTF-8 byte that does not continue a character.
        characters += static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
            return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
        }));
        const auto t0 = Clock::now();
        const auto spoken = vc::speech::prepare_text(text, dictionary, engine, settings.voice);
        const auto clip = vc::speech::render_spoken_clip(spoken, settings, engine);
        ours.push_back(seconds_since(t0));
        audio_seconds += static_cast<double>(clip.frames) / settings.format.sample_rate;

        const auto t1 = Clock::now();
        const pid_t pid = vc::bench::spawn({"/usr/bin/espeak-ng", "-v", vc::speech::default_voice,
                                            "-s", std::to_string(settings.rate), "-w",
                                            (dir / "peer.wav").string(), spoken.synthesis_input},
                                           dir / "out.txt", dir / "err.txt");
        if (vc::bench::wait_exit(pid) != 0) {
            std::fprintf(stderr, "espeak-ng failed: %s\n",
                         vc::bench::read_file(dir / "err.txt").c_str());
            return 1;
        }
        peer.push_back(seconds_since(t1));
    }
    fs::remove_all(dir);

    const double median = percentile(ours, 0.5), p90 = percentile(ours, 0.9);
    const double peer_median = percentile(peer, 0.5);
    std::printf("%d notices, %.0f characters each on average, %.1f s of speech each\n", count,
                static_cast<double>(characters) / count, audio_seconds / count);
    std::printf("  villagecast, text to a normalised, loudness-matched 48 kHz stereo clip:\n");
    std::printf("    median %.3f s a notice, 90th percentile %.3f s  (goal: under 0.5 s)\n", median,
                p90);
    std::printf("  espeak-ng command, synthesis alone into a 22.05 kHz WAV:\n");
    std::printf("    median %.3f s a notice; villagecast/espeak-ng %.2f\n", peer_median,
                median / peer_median);
    return 0;
}
