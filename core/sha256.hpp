#pragma once
// SHA-256 through OpenSSL's EVP interface, hex-encoded.

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace vc {

/// Incremental SHA-256. Not thread-safe; one per stream of data.
class Sha256 {
  public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;

    void update(const void* data, std::size_t size);
    void update(std::string_view s) { update(s.data(), s.size()); }
    /// Lower-case hex of the digest; the object cannot be updated afterwards.
    std::string hex_digest();

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

std::string sha256_hex(std::string_view data);
/// Throws UserError when the file cannot be read.
std::string sha256_file(const std::filesystem::path& path);

}  // namespace vc
