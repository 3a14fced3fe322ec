#pragma once
// A refusal of the control API: an HTTP status and a message that names the field at fault.

#include <stdexcept>
#include <string>

namespace vc::control {

/// Thrown by the API's handlers (server thread, worker threads, the loop's actions); turned
/// into `{"error": message}` with `status`.
class ApiError : public std::runtime_error {
  public:
    ApiError(int status, const std::string& message)
        : std::runtime_error(message), status_(status) {}
    [[nodiscard]] int status() const { return status_; }

  private:
    int status_;
};

}  // namespace vc::control
