#pragma once
// Problems found in a station's files, reported as `file:line:col: message`.

#include <stdexcept>
#include <string>
#include <vector>

namespace vc {

/// One problem in one file. line and column are 1-based; 0 means "the whole file".
struct Diagnostic {
    enum class Severity { error, warning };
    Severity severity = Severity::error;
    std::string file;
    int line = 0;
    int column = 0;
    std::string message;

    /// `file:line:col: error: message` (line and column left out when unknown).
    [[nodiscard]] std::string str() const;
};

/// Collects every problem of one or more files, so that all are reported at once.
/// Not thread-safe; each parse owns its own.
class Diagnostics {
  public:
    void error(std::string file, int line, int column, std::string message);
    void warning(std::string file, int line, int column, std::string message);
    void add(Diagnostic d) { items_.push_back(std::move(d)); }
    void append(const Diagnostics& other);

    [[nodiscard]] bool has_errors() const;
    [[nodiscard]] std::size_t error_count() const;
    [[nodiscard]] const std::vector<Diagnostic>& items() const { return items_; }
    [[nodiscard]] bool empty() const { return items_.empty(); }

    /// Throws DiagnosticError holding every item when any of them is an error.
    void throw_if_errors() const;

  private:
    std::vector<Diagnostic> items_;
};

/// Thrown when a file has one or more errors; what() lists all of them, one per line.
class DiagnosticError : public std::runtime_error {
  public:
    explicit DiagnosticError(std::vector<Diagnostic> diagnostics);
    [[nodiscard]] const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

  private:
    std::vector<Diagnostic> diagnostics_;
};

/// An error a person can act on that is not tied to a place in a file
/// (a missing folder, a device that will not open). Throw it with the whole sentence.
class UserError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

}  // namespace vc
