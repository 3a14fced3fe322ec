#include "core/sha256.hpp"

#include <array>
#include <fstream>
#include <stdexcept>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "core/diagnostic.hpp"

namespace vc {

struct Sha256::Impl {
    EVP_MD_CTX* ctx = nullptr;
};

namespace {

/// Starts libcrypto once, without its exit-time clean-up: the as-run writer's thread may still be
/// hashing a row while the process exits (a fatal error's std::exit, a fuzz target's daemon),
/// and the clean-up would free the locks that thread is about to take.
void start_libcrypto() {
    static const bool started = OPENSSL_init_crypto(OPENSSL_INIT_NO_ATEXIT, nullptr) == 1;
    if (!started) throw std::runtime_error("OpenSSL's libcrypto could not start");
}

}  // namespace

Sha256::Sha256() : impl_(std::make_unique<Impl>()) {
    start_libcrypto();
    impl_->ctx = EVP_MD_CTX_new();
    if (!impl_->ctx || EVP_DigestInit_ex(impl_->ctx, EVP_sha256(), nullptr) != 1)
        throw std::runtime_error("OpenSSL could not start a SHA-256 digest");
}

Sha256::~Sha256() {
    EVP_MD_CTX_free(impl_->ctx);
}

void Sha256::update(const void* data, std::size_t size) {
    EVP_DigestUpdate(impl_->ctx, data, size);
}

std::string Sha256::hex_digest() {
    std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
    unsigned int len = 0;
    EVP_DigestFinal_ex(impl_->ctx, md.data(), &len);
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(len * 2);
    for (unsigned int i = 0; i < len; ++i) {
        out += digits[md[i] >> 4];
        out += digits[md[i] & 0xF];
    }
    return out;
}

std::string sha256_hex(std::string_view data) {
    Sha256 h;
    h.update(data);
    return h.hex_digest();
}

std::string sha256_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw UserError("cannot read " + path.string() + " to compute its SHA-256");
    Sha256 h;
    std::array<char, 1 << 16> buf{};
    while (in) {
        in.read(buf.data(), buf.size());
        h.update(buf.data(), static_cast<std::size_t>(in.gcount()));
    }
    return h.hex_digest();
}

}  // namespace vc
