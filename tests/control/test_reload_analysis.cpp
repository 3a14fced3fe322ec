// A reload that brings 10 minutes of new audio analyses it off the loop: requests are answered
// at once meanwhile, and the clip can air once its analysis is done.

#include <catch2/catch.hpp>

#include <csignal>
#include <thread>

#include "tests/control/control_fixture.hpp"
#include "tests/e2e/station_builder.hpp"

using namespace std::chrono;

TEST_CASE("new clips are analysed off the loop: the daemon answers while a reload reads them",
          "[control]") {
    vc::test::ControlStation s;
    s.start();
    // Written beside the library and moved in, as an upload or a copy would end.
    vc::test::write_clip(s.root() / "staging", "hour", 600.0, 523.0);
    std::filesystem::create_directories(s.root() / "clips" / "long");
    std::filesystem::rename(s.root() / "staging" / "clips" / "hour.wav",
                            s.root() / "clips" / "long" / "hour.wav");
    s.daemon().signal(SIGHUP);

    // Until the clip is known the request is refused; each answer comes at once.
    const auto began = steady_clock::now();
    steady_clock::duration slowest{};
    int answers = 0;
    bool aired = false;
    while (steady_clock::now() - began < seconds(60)) {
        const auto sent = steady_clock::now();
        auto st = s.get("/api/status", s.viewer);
        slowest = std::max(slowest, steady_clock::now() - sent);
        REQUIRE(st.status == 200);
        ++answers;
        auto r = s.post("/api/broadcast", s.operator_, R"({"clip": "long/hour"})");
        if (r.status == 202) {
            aired = true;
            break;
        }
        std::this_thread::sleep_for(milliseconds(100));
    }
    INFO("answers: " << answers << ", slowest: " << duration_cast<milliseconds>(slowest).count()
                     << " ms");
    REQUIRE(aired);
    CHECK(answers >= 2);  // the analysis took a while, and the daemon answered throughout
    CHECK(slowest < milliseconds(1500));
    CHECK(s.stop() == 0);
}
