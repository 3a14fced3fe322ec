#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>

#include <nlohmann/json.hpp>

#include "library/library.hpp"
#include "library/library_index.hpp"
#include "station/station.hpp"
#include "tests/support/fixtures.hpp"

namespace fs = std::filesystem;
using vc::library::ClipInfo;
using vc::library::Library;
using vc::test::TempDir;
using vc::test::write_bytes;
using vc::test::write_tone;

namespace {

std::vector<std::string> ids_of(const Library& lib) {
    std::vector<std::string> out;
    for (const auto& c : lib.clips()) out.push_back(c.id);
    return out;
}

Library scan(const TempDir& dir, const Library::Progress& progress = {}) {
    return Library::scan_folder(dir / "clips", dir / "state" / "library-index.json", progress);
}

/// A WAV whose header promises more audio than the file holds.
void write_truncated_wav(const fs::path& file) {
    write_tone(file, 48000, 2, 1.0);
    fs::resize_file(file, fs::file_size(file) / 2);
}

}  // namespace

TEST_CASE("the library lists every format, ids from paths, problems instead of crashes",
          "[library]") {
    TempDir dir;
    const auto clips = dir / "clips";
    write_tone(clips / "chimes" / "dingdong.wav", 48000, 2, 1.0);
    write_tone(clips / "music" / "erhu.flac", 44100, 1, 1.0);
    write_tone(clips / "news" / "早间.ogg", 22050, 2, 1.0);
    write_tone(clips / "voice.opus", 48000, 1, 1.0);
    write_tone(clips / "song.mp3", 44100, 2, 1.0);
    write_tone(clips / "通知" / "院坝会.wav", 16000, 1, 0.5);
    write_tone(clips / "LOUD.WAV", 48000, 2, 0.5);
    write_tone(clips / "dup.wav", 48000, 2, 0.5);
    write_tone(clips / "dup.flac", 48000, 2, 0.5);
    write_bytes(clips / "broken" / "empty.wav", "");
    write_bytes(clips / "broken" / "garbage.wav", std::string(4000, '\x5a'));
    write_truncated_wav(clips / "broken" / "truncated.wav");
    vc::test::write_silence(clips / "quiet.wav", 48000, 2, 48000);
    write_bytes(clips / "notes.txt", "what to say on Monday\n");
    write_tone(clips / ".hidden.wav", 48000, 2, 0.25);
    write_tone(clips / ".git" / "inside.wav", 48000, 2, 0.25);

    auto lib = scan(dir);
    CHECK(ids_of(lib) == std::vector<std::string>{"LOUD", "broken/empty", "broken/garbage",
                                                  "broken/truncated", "chimes/dingdong", "dup",
                                                  "dup", "music/erhu", "news/早间", "notes",
                                                  "quiet", "song", "voice", "通知/院坝会"});
    CHECK(lib.stats().files == 14);
    CHECK(lib.stats().analysed == 11);  // every audio file but the two duplicates
    CHECK(lib.warnings().empty());

    const ClipInfo* ding = lib.find("chimes/dingdong");
    REQUIRE(ding);
    CHECK(ding->ok);
    CHECK(ding->problem.empty());
    CHECK(ding->audio_file);
    CHECK(ding->relative_path == "chimes/dingdong.wav");
    CHECK(ding->path == fs::absolute(clips / "chimes" / "dingdong.wav").lexically_normal());
    CHECK(ding->size == fs::file_size(clips / "chimes" / "dingdong.wav"));
    CHECK(ding->mtime_ns != 0);
    CHECK(ding->analysis.sample_rate == 48000);
    CHECK(ding->analysis.channels == 2);
    CHECK(ding->analysis.frames == 48000);
    CHECK(ding->analysis.integrated_lufs > -20.0);
    CHECK(ding->output_frames(48000) == 48000);
    CHECK(ding->output_frames(44100) == 44100);

    CHECK(lib.find("music/erhu")->ok);
    CHECK(lib.find("music/erhu")->analysis.sample_rate == 44100);
    CHECK(lib.find("music/erhu")->analysis.frames == 44100);
    CHECK(lib.find("news/早间")->ok);
    CHECK(lib.find("news/早间")->analysis.sample_rate == 22050);
    CHECK(lib.find("voice")->ok);
    CHECK(lib.find("voice")->analysis.format.find("Opus") != std::string::npos);
    CHECK(lib.find("song")->ok);
    CHECK(lib.find("song")->analysis.sample_rate == 44100);
    CHECK(lib.find("LOUD")->ok);
    const ClipInfo* meeting = lib.find("通知/院坝会");
    REQUIRE(meeting);
    CHECK(meeting->ok);
    CHECK(meeting->relative_path == "通知/院坝会.wav");
    CHECK(meeting->analysis.frames == 8000);

    CHECK(lib.find("broken/empty")->problem == "empty file (0 bytes)");
    CHECK_FALSE(lib.find("broken/empty")->ok);
    CHECK(lib.find("broken/garbage")->problem.find("not an audio file libsndfile can read") == 0);
    CHECK(lib.find("broken/truncated")->problem.find("truncated") == 0);
    CHECK_FALSE(lib.find("broken/truncated")->ok);
    CHECK(lib.find("quiet")->problem ==
          "silent: its loudness is below -70 LUFS (is the recording empty?)");
    CHECK_FALSE(lib.find("quiet")->ok);
    CHECK(lib.find("notes")->problem ==
          "not an audio file villagecast reads (.txt); clips must be WAV, FLAC, Ogg Vorbis, Opus, "
          "MP3 or a phone recording (M4A, AAC, AMR, WMA, MP4)");
    CHECK_FALSE(lib.find("notes")->audio_file);

    const ClipInfo* dup = lib.find("dup");
    REQUIRE(dup);
    CHECK(dup->relative_path == "dup.flac");
    CHECK(dup->problem ==
          "2 files have the id `dup`: clips/dup.flac and clips/dup.wav; keep only one of them");
    CHECK_FALSE(lib.clips()[6].ok);
    CHECK(lib.clips()[6].relative_path == "dup.wav");

    CHECK_FALSE(lib.find(".hidden"));
    CHECK_FALSE(lib.find(".git/inside"));
    CHECK_FALSE(lib.find("nothing"));
}

TEST_CASE("an audio file wins the id over another file with the same stem", "[library]") {
    TempDir dir;
    write_tone(dir / "clips" / "notice.wav", 48000, 1, 0.5);
    write_bytes(dir / "clips" / "notice.txt", "the text of the notice\n");
    auto lib = scan(dir);
    REQUIRE(lib.clips().size() == 2);
    CHECK(lib.find("notice")->relative_path == "notice.wav");
    CHECK(lib.find("notice")->ok);
    CHECK(lib.clips()[1].relative_path == "notice.txt");
}

TEST_CASE("a rescan of an unchanged library analyses nothing, a change is analysed again",
          "[library]") {
    TempDir dir;
    const auto clips = dir / "clips";
    write_tone(clips / "a.wav", 48000, 2, 0.5);
    write_tone(clips / "b/c.flac", 44100, 1, 0.5);
    write_tone(clips / "通知/院坝会.ogg", 22050, 1, 0.5);
    write_bytes(clips / "broken.wav", "RIFF");

    std::vector<std::tuple<std::size_t, std::size_t, std::string>> calls;
    auto first = scan(dir, [&](std::size_t done, std::size_t total, const std::string& id) {
        calls.emplace_back(done, total, id);
    });
    CHECK(first.stats().analysed == 4);
    CHECK(first.stats().from_index == 0);
    CHECK(first.stats().index_written);
    REQUIRE(calls.size() == 4);
    std::set<std::string> progressed;
    for (std::size_t i = 0; i < calls.size(); ++i) {
        CHECK(std::get<0>(calls[i]) == i + 1);
        CHECK(std::get<1>(calls[i]) == 4);
        progressed.insert(std::get<2>(calls[i]));
    }
    CHECK(progressed == std::set<std::string>{"a", "b/c", "broken", "通知/院坝会"});

    const auto index_file = dir / "state" / "library-index.json";
    REQUIRE(fs::exists(index_file));
    auto json = nlohmann::json::parse(std::ifstream(index_file));
    CHECK(json["version"] == vc::library::LibraryIndex::version);
    CHECK(json["clips"].size() == 4);
    CHECK(json["clips"]["通知/院坝会.ogg"]["analysis"]["sample_rate"] == 22050);

    calls.clear();
    auto second = scan(dir, [&](std::size_t done, std::size_t total, const std::string& id) {
        calls.emplace_back(done, total, id);
    });
    CHECK(second.stats().analysed == 0);
    CHECK(second.stats().from_index == 4);
    CHECK_FALSE(second.stats().index_written);
    CHECK(calls.empty());
    REQUIRE(second.clips().size() == first.clips().size());
    for (std::size_t i = 0; i < first.clips().size(); ++i) {
        const auto& x = first.clips()[i];
        const auto& y = second.clips()[i];
        CHECK(x.id == y.id);
        CHECK(x.ok == y.ok);
        CHECK(x.problem == y.problem);
        CHECK(x.analysis.frames == y.analysis.frames);
        CHECK(x.analysis.sample_rate == y.analysis.sample_rate);
        CHECK(x.analysis.integrated_lufs == Approx(y.analysis.integrated_lufs));
        CHECK(x.analysis.sha256 == y.analysis.sha256);
    }

    SECTION("a changed file is analysed again, the rest come from the index") {
        write_tone(clips / "a.wav", 48000, 2, 0.75);
        auto third = scan(dir);
        CHECK(third.stats().analysed == 1);
        CHECK(third.stats().from_index == 3);
        CHECK(third.find("a")->analysis.frames == 36000);
        CHECK(scan(dir).stats().analysed == 0);
    }
    SECTION("a new modification time alone invalidates the entry") {
        auto p = clips / "b" / "c.flac";
        fs::last_write_time(p, fs::last_write_time(p) + std::chrono::seconds(5));
        auto third = scan(dir);
        CHECK(third.stats().analysed == 1);
        CHECK(third.find("b/c")->ok);
    }
    SECTION("a removed file leaves the index") {
        fs::remove(clips / "a.wav");
        auto third = scan(dir);
        CHECK(third.stats().analysed == 0);
        CHECK(third.stats().index_written);
        CHECK_FALSE(third.find("a"));
        auto j = nlohmann::json::parse(std::ifstream(index_file));
        CHECK(j["clips"].size() == 3);
    }
    SECTION("an index of another version is ignored") {
        write_bytes(index_file, R"({"version": 99, "clips": {}})");
        auto third = scan(dir);
        CHECK(third.stats().analysed == 4);
        REQUIRE(third.warnings().size() == 1);
        CHECK(third.warnings()[0].find("another version of villagecast") != std::string::npos);
    }
    SECTION("a damaged index is ignored and rewritten") {
        write_bytes(index_file, "{\"version\": 1, \"clips\": {\"a.wav\": ");
        auto third = scan(dir);
        CHECK(third.stats().analysed == 4);
        CHECK(third.stats().index_written);
        REQUIRE(third.warnings().size() == 1);
        CHECK(third.warnings()[0].find("is damaged") != std::string::npos);
        CHECK(scan(dir).stats().analysed == 0);
    }
}

TEST_CASE("a silent clip's -inf loudness survives the index", "[library]") {
    TempDir dir;
    vc::test::write_silence(dir / "clips" / "quiet.wav", 48000, 1, 4800);
    auto first = scan(dir);
    auto second = scan(dir);
    CHECK(second.stats().analysed == 0);
    CHECK(second.find("quiet")->problem == first.find("quiet")->problem);
    CHECK(second.find("quiet")->problem.find("silent") == 0);
}

TEST_CASE("a library without a clips folder is empty with a warning", "[library]") {
    TempDir dir;
    auto lib = scan(dir);
    CHECK(lib.clips().empty());
    REQUIRE(lib.warnings().size() == 1);
    CHECK(lib.warnings()[0].find("there is no clips folder") == 0);
    CHECK_FALSE(fs::exists(dir / "state" / "library-index.json"));
}

TEST_CASE("Library::scan uses the station's clips and state folders", "[library]") {
    TempDir dir;
    write_bytes(dir / "station.toml", "name = \"test\"\n");
    write_tone(dir / "clips" / "a.wav", 48000, 1, 0.5);
    auto st = vc::station::load_station(dir.path());
    auto lib = Library::scan(st);
    CHECK(lib.find("a")->ok);
    CHECK(fs::exists(dir / "state" / "library-index.json"));
    CHECK(lib.clips_dir() == st.clips_dir());
}

TEST_CASE("a file name that is not UTF-8 is listed with a problem", "[library]") {
    TempDir dir;
    // "广播" in GBK, as a file copied from an older Windows computer might be named.
    const std::string gbk_name = "\xb9\xe3\xb2\xa5.wav";
    write_tone(dir / "clips" / gbk_name, 48000, 1, 0.25);
    auto lib = scan(dir);
    REQUIRE(lib.clips().size() == 1);
    CHECK_FALSE(lib.clips()[0].ok);
    CHECK(lib.clips()[0].problem.find("not valid UTF-8") != std::string::npos);
    CHECK(lib.stats().analysed == 0);
}

TEST_CASE("a sound shorter than one loudness block is not called silent", "[library]") {
    TempDir dir;
    write_tone(dir / "clips" / "beep.wav", 48000, 1, 0.3);
    vc::test::write_silence(dir / "clips" / "hush.wav", 48000, 1, 4800);
    auto lib = scan(dir);
    CHECK(lib.find("beep")->problem ==
          "too short to measure its loudness (under 0.4 s); add silence to its end to make it at "
          "least 0.4 s long");
    CHECK_FALSE(lib.find("beep")->ok);
    CHECK(lib.find("hush")->problem.find("silent") == 0);
}
