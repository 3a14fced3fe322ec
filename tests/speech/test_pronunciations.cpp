// The pronunciation dictionary against the real espeak-ng: a word espeak-ng reads wrong comes
// out of the engine with the dictionary's pinyin, checked through its phoneme output; the
// station's own file is read, and each of its mistakes is reported at file:line:col.

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "speech/espeak_engine.hpp"
#include "speech/pronunciations.hpp"
#include "speech/spoken_clip.hpp"
#include "speech/utf8.hpp"
#include "tests/support/fixtures.hpp"

using namespace vc::speech;
using vc::test::TempDir;

namespace {

void write_text(const std::filesystem::path& p, const std::string& text) {
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
}

/// What espeak-ng says for a text after the whole preparation (dictionary, sandhi).
std::string spoken_phonemes(const std::string& text, const Pronunciations& dict) {
    auto& engine = EspeakEngine::instance();
    auto t = prepare_text(text, dict, engine, default_voice);
    return engine.phonemes(t.synthesis_input, default_voice);
}

/// Phonemes without stress marks and word separators, so that two spellings compare.
std::string bare(std::string ph) {
    std::string out;
    for (char c : ph)
        if (c != '\'' && c != ' ' && c != '_' && c != '|' && c != ',') out += c;
    return out;
}

}  // namespace

TEST_CASE("the dictionary makes espeak-ng say 重庆 as chong2 qing4") {
    auto& engine = EspeakEngine::instance();
    const auto raw = engine.phonemes("重庆", default_voice);
    // Without the dictionary espeak-ng 1.51 says zhong4 (ts.'ong51); with it chong2 (ts.h'ong35).
    CHECK(raw.find("ts.'ong51") != std::string::npos);
    const auto fixed = spoken_phonemes("我们去重庆", Pronunciations::builtin());
    CHECK(fixed.find("ts.h'ong35") != std::string::npos);
    CHECK(fixed.find("ts.'ong51") == std::string::npos);
    CHECK(bare(fixed).find(bare(engine.phonemes("chong2 qing4", default_voice))) !=
          std::string::npos);
}

TEST_CASE("every built-in word comes out as its pinyin, and is one espeak-ng reads wrong") {
    auto& engine = EspeakEngine::instance();
    const auto dict = Pronunciations::builtin();
    CHECK(dict.size() >= 60);
    // The words of the issue, each with its reading.
    const std::pair<const char*, const char*> named[] = {
        {"重庆", "chong2 qing4"},  {"银行", "yin2 hang2"}, {"长大", "zhang3 da4"},
        {"长江", "chang2 jiang1"}, {"调休", "tiao2 xiu1"}, {"还款", "huan2 kuan3"},
        {"行长", "hang2 zhang3"},  {"会计", "kuai4 ji4"},  {"重新", "chong2 xin1"},
        {"朝阳", "chao2 yang2"}};
    for (const auto& [word, pinyin] : named) {
        INFO(word);
        const auto* p = dict.find(to_u32(word));
        REQUIRE(p);
        CHECK(p->pinyin == pinyin);
    }
    // Each entry is said as its pinyin; and, except 长江 and 朝阳 (kept although espeak-ng 1.51
    // reads them right), espeak-ng alone says something else, so the entry is needed.
    const char* bank[] = {"重庆", "银行", "长大", "调休", "还款", "行长", "会计", "重新"};
    for (const char* word : bank) {
        INFO(word);
        const auto* p = dict.find(to_u32(word));
        REQUIRE(p);
        const auto with = bare(spoken_phonemes(word, dict));
        CHECK(with == bare(engine.phonemes(p->pinyin, default_voice)));
        CHECK(with != bare(engine.phonemes(word, default_voice)));
    }
    for (const char* word : {"长江", "朝阳"}) {
        INFO(word);
        CHECK(bare(spoken_phonemes(word, dict)) ==
              bare(engine.phonemes(dict.find(to_u32(word))->pinyin, default_voice)));
    }
}

TEST_CASE("longest match: 银行行长 is two words, both replaced") {
    auto segs = Pronunciations::builtin().apply(to_u32("银行行长说"));
    REQUIRE(segs.size() == 3);
    CHECK(segs[0].pinyin == "yin2 hang2");
    CHECK(segs[1].pinyin == "hang2 zhang3");
    CHECK(to_utf8(segs[2].text) == "说");
}

TEST_CASE("一 and 不 tone sandhi, heard in espeak-ng's phonemes") {
    auto& engine = EspeakEngine::instance();
    const auto dict = Pronunciations::builtin();
    auto input = [&](const char* text) {
        return prepare_text(text, dict, engine, default_voice).synthesis_input;
    };
    CHECK(input("一样") == "yi2 样");      // before a 4th tone
    CHECK(input("一个人") == "yi2 个人");  // 个 counts as ge4
    CHECK(input("一天") == "yi4 天");      // before a 1st tone
    CHECK(input("一年") == "yi4 年");      // 2nd
    CHECK(input("一起") == "yi4 起");      // 3rd
    CHECK(input("不是") == "bu2 是");
    CHECK(input("不好") == "不好");  // bu4 stays
    CHECK(input("第一") == "第一");
    CHECK(input("十一月") == "十一月");
    CHECK(input("统一安排") == "统一安排");
    CHECK(input("星期一") == "星期一");
    CHECK(input("1:30") == "一点三十分");
    CHECK(input("一百元") == "yi4 百元");
    // espeak-ng then says yi2 (j'i35) where it said yi1 (j'i55).
    CHECK(engine.phonemes("一样", default_voice).find("j'i55") != std::string::npos);
    CHECK(engine.phonemes(input("一样"), default_voice).find("j'i35") != std::string::npos);
}

TEST_CASE("地 is di4, except as the particle after an adverb") {
    auto& engine = EspeakEngine::instance();
    const auto dict = Pronunciations::builtin();
    auto input = [&](const char* text) {
        return prepare_text(text, dict, engine, default_voice).synthesis_input;
    };
    CHECK(input("土地") == "土 di4");
    CHECK(input("低洼地带") == "低洼 di4 带");
    CHECK(input("当地") == "当 di4");
    CHECK(input("地方") == "di4 fang5");  // the dictionary's word
    CHECK(input("认真地学习") == "认真地学习");
    CHECK(input("慢慢地走") == "慢慢地走");
    // espeak-ng alone says de (t@), with the rule di4 (ti51).
    CHECK(bare(engine.phonemes("土地", default_voice)).find("t@") != std::string::npos);
    CHECK(bare(engine.phonemes(input("土地"), default_voice)).find("ti51") != std::string::npos);
}

TEST_CASE("the station's dictionary overrides the built-in one") {
    TempDir dir;
    write_text(dir / "tts/pronunciations.toml",
               "[words]\n\"单家村\" = \"shan4 jia1 cun1\"\n\"重庆\" = \"zhong4  qing4\"\n");
    auto dict = Pronunciations::builtin();
    vc::Diagnostics diags;
    CHECK(read_station_pronunciations(dir.path(), dict, diags) == 2);
    CHECK(diags.empty());
    REQUIRE(dict.find(to_u32("单家村")));
    CHECK(dict.find(to_u32("单家村"))->source == "tts/pronunciations.toml:2");
    CHECK(dict.find(to_u32("重庆"))->pinyin == "zhong4 qing4");
    const auto ph = spoken_phonemes("单家村", dict);
    CHECK(ph.find("s.'a51n") != std::string::npos);  // shan4, where espeak-ng says dan1
}

TEST_CASE("mistakes in tts/pronunciations.toml are reported at file:line:col") {
    TempDir dir;
    write_text(dir / "tts/pronunciations.toml",
               "[words]\n"
               "\"重庆\" = \"chong2\"\n"     // line 2: one syllable for two characters
               "\"银行\" = \"yin2 hang\"\n"  // line 3: no tone
               "\"长大\" = 3\n"              // line 4: not a string
               "\"ATM\" = \"a1\"\n"          // line 5: not Chinese
               "\"调休\" = \"tiao2xiu1\"\n"  // line 6: no space
               "[sounds]\n");                // line 7: unknown table
    auto dict = Pronunciations::builtin();
    vc::Diagnostics diags;
    read_station_pronunciations(dir.path(), dict, diags);
    std::ostringstream all;
    for (const auto& d : diags.items()) all << d.str() << '\n';
    INFO(all.str());
    const std::string file = (dir / "tts/pronunciations.toml").string();
    auto has = [&](int line, int col, const std::string& words) {
        for (const auto& d : diags.items())
            if (d.file == file && d.line == line && d.column == col &&
                d.message.find(words) != std::string::npos)
                return true;
        return false;
    };
    CHECK(diags.error_count() == 6);
    CHECK(has(2, 8, "has 2 characters but \"chong2\" has 1 syllables"));
    CHECK(has(3, 8, "the syllable `hang` has no tone"));
    CHECK(has(4, 8, "must be a string of pinyin"));
    CHECK(has(5, 1, "Chinese characters only"));
    CHECK(has(6, 8, "put a space after `tiao2`"));
    CHECK(has(7, 2, "sounds"));
    // The good built-in readings stay where the station's line was wrong.
    CHECK(dict.find(to_u32("重庆"))->pinyin == "chong2 qing4");
}

TEST_CASE("the example dictionary in docs/spoken-notices.md reads without a problem") {
    std::ifstream in(std::filesystem::path(VC_SOURCE_DIR) / "docs/spoken-notices.md");
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string doc = ss.str();
    const auto marker = doc.find("```toml\n# tts/pronunciations.toml");
    REQUIRE(marker != std::string::npos);
    const auto start = doc.find('\n', marker) + 1;
    const auto end = doc.find("```", start);
    TempDir dir;
    write_text(dir / "tts/pronunciations.toml", doc.substr(start, end - start));
    auto dict = Pronunciations::builtin();
    vc::Diagnostics diags;
    CHECK(read_station_pronunciations(dir.path(), dict, diags) >= 2);
    CHECK(diags.empty());
    REQUIRE(dict.find(to_u32("单家村")));
    CHECK(spoken_phonemes("单家村", dict).find("s.'a51n") != std::string::npos);
}
