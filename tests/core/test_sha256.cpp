#include <atomic>
#include <cstdlib>
#include <thread>

#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "core/sha256.hpp"

TEST_CASE("sha256_hex gives the standard digests") {
    CHECK(vc::sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(vc::sha256_hex("abc") ==
          "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    vc::Sha256 pieces;
    pieces.update("a");
    pieces.update("bc");
    CHECK(pieces.hex_digest() == vc::sha256_hex("abc"));
}

// The as-run writer's thread may still be hashing rows while the process exits (a fatal error's
// std::exit, a fuzz target whose daemon lives until the end). Exiting must not pull libcrypto
// out from under it.
TEST_CASE("a process may exit while another thread is still hashing") {
    constexpr int tries = 20;
    int clean = 0;
    for (int i = 0; i < tries; ++i) {
        const pid_t pid = ::fork();
        REQUIRE(pid >= 0);
        if (pid == 0) {
            std::atomic<long> hashed{0};
            std::thread([&hashed] {
                for (;;) {
                    vc::Sha256 h;
                    h.update("a row of the as-run log");
                    (void)h.hex_digest();
                    hashed.fetch_add(1);
                }
            }).detach();
            while (hashed.load() < 100) std::this_thread::yield();
            std::exit(0);
        }
        int status = 0;
        REQUIRE(::waitpid(pid, &status, 0) == pid);
        if (WIFEXITED(status) && WEXITSTATUS(status) == 0) ++clean;
    }
    CHECK(clean == tries);
}
