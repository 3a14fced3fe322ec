#pragma once
// Checking a request's bearer token against state/operators.toml, re-read whenever the file
// changes, so that `villagecast operator add/remove` takes effect without a restart.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "control/operator_store.hpp"

namespace vc::control {

/// Server thread only.
class OperatorAuth {
  public:
    explicit OperatorAuth(std::filesystem::path file);

    /// The operator whose token `authorization` ("Bearer TOKEN") carries, or nullopt. Throws
    /// ApiError(503) when the operators file is broken.
    std::optional<Operator> check(std::string_view authorization);

  private:
    void refresh();

    std::filesystem::path file_;
    OperatorStore store_;
    std::filesystem::file_time_type mtime_{};
    std::uintmax_t size_ = 0;
    bool exists_ = false;
    bool loaded_ = false;
    std::string error_;
};

}  // namespace vc::control
