#include <catch2/catch.hpp>

#include <utility>

#include "core/clip_ref.hpp"

using vc::validate_clip_ref;

TEST_CASE("clip ids inside clips/ are accepted", "[clip_ref]") {
    CHECK_FALSE(validate_clip_ref("chimes/dingdong"));
    CHECK_FALSE(validate_clip_ref("通知/院坝会"));
    CHECK_FALSE(validate_clip_ref("a"));
    CHECK_FALSE(validate_clip_ref("news..today/x"));  // ".." inside a name is not a segment
    CHECK_FALSE(validate_clip_ref("a/b.c"));
}

TEST_CASE("clip ids that escape clips/ are refused with a reason", "[clip_ref]") {
    auto up = validate_clip_ref("../secret");
    REQUIRE(up);
    CHECK(*up ==
          "clip id `../secret` leaves the clips/ folder (it contains `..`); write the clip's "
          "path under clips/ without the extension, e.g. \"通知/院坝会\"");
    const std::pair<const char*, const char*> refused[] = {
        {"通知/../../etc/passwd", "leaves the clips/ folder"},
        {"a/..", "leaves the clips/ folder"},
        {"/etc/passwd", "starts with '/'"},
        {"C:/music/a", "absolute path"},
    };
    for (const auto& [id, reason] : refused) {
        INFO(id);
        const auto problem = validate_clip_ref(id);
        REQUIRE(problem);
        CHECK(problem->find(reason) != std::string::npos);
    }
}

TEST_CASE("malformed clip ids are refused", "[clip_ref]") {
    CHECK(validate_clip_ref("")->find("empty") != std::string::npos);
    CHECK(validate_clip_ref("a\\b")->find("use '/' between folders") != std::string::npos);
    CHECK(validate_clip_ref("./a")->find("`.` folder") != std::string::npos);
    CHECK(validate_clip_ref("a//b")->find("empty folder name") != std::string::npos);
    CHECK(validate_clip_ref("a/")->find("empty folder name") != std::string::npos);
}
