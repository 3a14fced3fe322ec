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
    /// A refusal worth trying again later: the reply says after how many seconds
    /// (`Retry-After`).
    ApiError(int status, const std::string& message, int retry_after_s)
        : std::runtime_error(message), status_(status), retry_after_s_(retry_after_s) {}
    [[nodiscard]] int status() const { return status_; }
    /// Seconds for `Retry-After`; 0: none.
    [[nodiscard]] int retry_after_s() const { return retry_after_s_; }

  private:
    int status_;
    int retry_after_s_ = 0;
};

}  // namespace vc::control
