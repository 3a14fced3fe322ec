// The office's phone voice memos go straight into the library through the console's upload.

#include <catch2/catch.hpp>

#include "tests/control/control_fixture.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/phone_recordings.hpp"

using vc::test::ControlStation;
using vc::test::PhoneFormat;

TEST_CASE("uploads: a phone's voice memo is stored as recorded, read by FFmpeg, and airs") {
    ControlStation s;
    s.start();
    vc::test::TempDir tmp;
    auto upload = [&](const std::string& name, const std::string& bytes) {
        return vc::test::http_request(s.port(), "POST", "/api/clips?name=" + name, s.operator_,
                                      bytes, "application/octet-stream");
    };
    vc::test::write_phone_recording(tmp / "memo.m4a", PhoneFormat::m4a, 2.0, 440.0, 0.3);
    vc::test::write_phone_recording(tmp / "call.amr", PhoneFormat::amr_nb, 1.5, 440.0, 0.3);
    const auto m4a = vc::test::read_bytes(tmp / "memo.m4a");

    auto r = upload("memo.m4a", m4a);
    INFO(r.body);
    REQUIRE(r.status == 201);
    auto clip = r.json();
    CHECK(clip["id"] == "uploads/memo");
    CHECK(clip["format"] == "AAC in MP4");
    CHECK(clip["decoder"] == "FFmpeg");
    CHECK(std::abs(clip["duration_ms"].get<int>() - 2000) <= 50);
    CHECK(clip["can_air"] == true);
    CHECK(vc::test::read_bytes(s.root() / "clips" / "uploads" / "memo.m4a") == m4a);
    CHECK(s.post("/api/broadcast", s.operator_, R"({"clip": "uploads/memo"})").status == 202);

    auto amr = upload("call.amr", vc::test::read_bytes(tmp / "call.amr"));
    INFO(amr.body);
    REQUIRE(amr.status == 201);
    CHECK(amr.json()["format"] == "AMR-NB");
    CHECK(amr.json()["sample_rate"] == 8000);

    auto silk = upload("wechat.slk", std::string("\x02#!SILK_V3") + std::string(400, '\x11'));
    CHECK(silk.status == 400);
    CHECK(silk.json().value("error", "").find("WeChat voice message") != std::string::npos);
    auto silk_amr = upload("wechat.amr", std::string("#!SILK_V3") + std::string(400, '\x11'));
    CHECK(silk_amr.status == 400);
    CHECK(silk_amr.json().value("error", "").find("WeChat voice message") != std::string::npos);
    CHECK(s.stop() == 0);
}
