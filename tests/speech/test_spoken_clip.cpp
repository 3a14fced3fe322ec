// Spoken clips: the cache key follows what makes the sound, the same text renders the same
// bytes, the store renders once, and the clip has the station's format and loudness.

#include <catch2/catch.hpp>

#include <fstream>

#include "audio/decode/clip_analysis.hpp"
#include "speech/spoken_clip.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/run_command.hpp"

using namespace vc::speech;
using vc::test::TempDir;

namespace {

SpokenText prepare(const std::string& text) {
    return prepare_text(text, Pronunciations::builtin(), EspeakEngine::instance(), default_voice);
}

}  // namespace

TEST_CASE("the cache key changes with the text, the voice, the rate and the format") {
    const auto version = EspeakEngine::instance().version();
    SpokenSettings s;
    const auto t = prepare("今晚19:30开会");
    const auto key = spoken_clip_key(t, s, version);
    CHECK(key.size() == 64);
    CHECK(spoken_clip_key(prepare("今晚19:30开会"), s, version) == key);
    // The same words written another way normalise to the same text: the same clip.
    CHECK(spoken_clip_key(prepare("今晚１９：３０开会"), s, version) == key);
    CHECK(spoken_clip_key(prepare("今晚19:31开会"), s, version) != key);
    auto voice = s;
    voice.voice = "cmn-latn-pinyin+f3";
    CHECK(spoken_clip_key(t, voice, version) != key);
    auto rate = s;
    rate.rate = 151;
    CHECK(spoken_clip_key(t, rate, version) != key);
    auto format = s;
    format.format.sample_rate = 44100;
    CHECK(spoken_clip_key(t, format, version) != key);
    auto loud = s;
    loud.loudness_target = -18;
    CHECK(spoken_clip_key(t, loud, version) != key);
    CHECK(spoken_clip_key(t, s, "espeak-ng 1.52") != key);
    // A dictionary entry changes what espeak-ng reads, so the key.
    auto dict = Pronunciations::builtin();
    dict.add(U"开会", "kai1 hui4", "test");
    const auto with_entry =
        prepare_text("今晚19:30开会", dict, EspeakEngine::instance(), default_voice);
    CHECK(spoken_clip_key(with_entry, s, version) != key);
}

TEST_CASE("two renders of the same text are the same bytes, at the station's format") {
    SpokenSettings s;
    s.format = {44100, 2};
    s.loudness_target = -18.0;
    const auto t = prepare("各位村民请注意：明天上午8:00到12:00停水，请提前储水。");
    auto& engine = EspeakEngine::instance();
    const auto a = render_spoken_clip(t, s, engine);
    const auto b = render_spoken_clip(t, s, engine);
    CHECK((a.wav == b.wav));
    CHECK(a.key == b.key);
    // A different rate is a different clip (and a faster one is shorter).
    auto faster = s;
    faster.rate = 220;
    const auto c = render_spoken_clip(t, faster, engine);
    CHECK((c.wav != a.wav));
    CHECK(c.frames < a.frames);

    TempDir dir;
    const auto file = dir / "clip.wav";
    std::ofstream(file, std::ios::binary) << a.wav;
    const auto analysis = vc::audio::analyse_clip(file);
    REQUIRE(analysis.ok);
    CHECK(analysis.sample_rate == 44100);
    CHECK(analysis.channels == 2);
    CHECK(analysis.frames == a.frames);
    // About 30 characters at 150 words a minute: a few seconds.
    CHECK(analysis.frames > 3 * 44100);
    CHECK(analysis.frames < 20 * 44100);
    CHECK(analysis.integrated_lufs == Approx(-18.0).margin(1.0));
    CHECK(analysis.true_peak_dbtp < 0.0);
}

TEST_CASE("the store renders a text once and then reuses its file") {
    TempDir dir;
    SpokenClipStore store(dir / "clips/spoken");
    SpokenSettings s;
    const auto t = prepare("防汛演练，请到村小学集合。");
    auto& engine = EspeakEngine::instance();
    const auto first = store.ensure(t, s, engine);
    CHECK_FALSE(first.cached);
    CHECK(first.file == dir / ("clips/spoken/" + first.key + ".wav"));
    CHECK(store.id_for(first.key) == "spoken/" + first.key);
    REQUIRE(std::filesystem::exists(first.file));
    const auto bytes = vc::test::read_bytes(first.file);
    CHECK((bytes == render_spoken_clip(t, s, engine).wav));
    const auto again = store.ensure(t, s, engine);
    CHECK(again.cached);
    CHECK(again.file == first.file);
}

TEST_CASE("nothing to say, a forbidden voice and a rate out of range are refused") {
    CHECK_THROWS_WITH(prepare("，。！"), Catch::Contains("nothing to say"));
    CHECK_THROWS_WITH(check_voice_and_rate("cmn", 150), Catch::Contains("in English"));
    CHECK_THROWS_WITH(check_voice_and_rate(default_voice, 500), Catch::Contains("80-450"));
    CHECK_THROWS_WITH(EspeakEngine::instance().synthesise("你好", "no-such-voice", 150),
                      Catch::Contains("no voice `no-such-voice`"));
}

TEST_CASE("espeak-ng's worker process speaks the same samples as a forked child") {
    auto& engine = EspeakEngine::instance();
    const auto t = prepare("各位村民请注意，明天8:00停水");
    const auto forked = engine.synthesise(t.synthesis_input, default_voice, 150);
    REQUIRE(forked.samples.size() > 8000);
    // The daemon's way: a fresh villagecast process for each text.
    EspeakEngine::use_worker({vc::test::villagecast_bin().string(), "espeak-worker"});
    const auto worked = engine.synthesise(t.synthesis_input, default_voice, 150);
    const auto again = engine.synthesise(t.synthesis_input, default_voice, 150);
    EspeakEngine::use_worker({"/nonexistent/villagecast", "espeak-worker"});
    CHECK_THROWS_WITH(
        engine.synthesise("你好", default_voice, 150),
        Catch::Contains("espeak-ng's worker `/nonexistent/villagecast` cannot start"));
    EspeakEngine::use_worker({});
    CHECK(worked.sample_rate == forked.sample_rate);
    CHECK((worked.samples == forked.samples));
    CHECK((again.samples == forked.samples));
}
