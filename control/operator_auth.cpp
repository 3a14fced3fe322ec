// Checking bearer tokens against state/operators.toml, re-read when the file changes.
#include "control/operator_auth.hpp"

#include "control/api_error.hpp"

namespace vc::control {

OperatorAuth::OperatorAuth(std::filesystem::path file) : file_(std::move(file)) {}

void OperatorAuth::refresh() {
    std::error_code ec;
    bool exists = std::filesystem::exists(file_, ec);
    auto mtime = exists ? std::filesystem::last_write_time(file_, ec) : decltype(mtime_){};
    auto size = exists ? std::filesystem::file_size(file_, ec) : 0;
    if (loaded_ && exists == exists_ && mtime == mtime_ && size == size_) return;
    exists_ = exists;
    mtime_ = mtime;
    size_ = size;
    loaded_ = true;
    try {
        store_ = OperatorStore::load(file_);
        error_.clear();
    } catch (const std::exception& e) {
        store_ = OperatorStore{};
        error_ = e.what();
    }
}

std::optional<Operator> OperatorAuth::check(std::string_view authorization) {
    refresh();
    if (!error_.empty())
        throw ApiError(503, "the operators file cannot be read, so nobody can log in: " + error_);
    constexpr std::string_view scheme = "Bearer ";
    if (authorization.size() <= scheme.size()) return std::nullopt;
    for (std::size_t i = 0; i < scheme.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(authorization[i])) !=
            std::tolower(static_cast<unsigned char>(scheme[i])))
            return std::nullopt;
    auto token = authorization.substr(scheme.size());
    while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
    while (!token.empty() && token.back() == ' ') token.remove_suffix(1);
    const Operator* op = store_.find_by_token(token);
    if (!op) return std::nullopt;
    return *op;
}

}  // namespace vc::control
