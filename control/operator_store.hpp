#pragma once
// The people who may use the console: state/operators.toml, one [[operator]] table each with a
// name, a role and the SHA-256 of the token. The token itself is printed once, when the
// operator is added, and never stored. The file is written with mode 0600.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vc::control {

/// What an operator may do; each role includes the ones before it.
enum class Role { viewer = 0, operator_ = 1, admin = 2 };
/// "viewer", "operator", "admin".
std::string_view to_string(Role role);
/// The role of a name, or nullopt.
std::optional<Role> parse_role(std::string_view text);
/// True when `have` includes `need`.
constexpr bool allows(Role have, Role need) {
    return static_cast<int>(have) >= static_cast<int>(need);
}

/// One person's entry.
struct Operator {
    std::string name;
    Role role = Role::viewer;
    std::string token_sha256;  ///< lower-case hex
    std::string added;         ///< when, as written ("2026-12-01T08:00:00Z")
};

/// A fresh token: 48 hex digits from OpenSSL's random generator. Throws UserError when the
/// generator fails.
std::string make_token();

/// The operators file of a station. Plain value; any thread, one at a time.
class OperatorStore {
  public:
    /// <station>/state/operators.toml.
    static std::filesystem::path path_in_station(const std::filesystem::path& station);

    /// Reads `file`; a missing file is an empty store. Throws DiagnosticError (file:line:col)
    /// when the file is broken.
    static OperatorStore load(const std::filesystem::path& file);

    /// Adds `name` with a new token and returns the token. Throws UserError when the name is
    /// empty, has control characters or quotes, or is taken.
    std::string add(const std::string& name, Role role, const std::string& added);
    /// Removes `name`; false when there was none.
    bool remove(const std::string& name);
    /// Writes the file atomically with mode 0600. Throws UserError.
    void save() const;

    /// The operator whose token this is, or nullptr (compares hashes in constant time).
    [[nodiscard]] const Operator* find_by_token(std::string_view token) const;
    [[nodiscard]] const std::vector<Operator>& operators() const { return operators_; }
    [[nodiscard]] const std::filesystem::path& file() const { return file_; }

  private:
    std::filesystem::path file_;
    std::vector<Operator> operators_;
};

}  // namespace vc::control
