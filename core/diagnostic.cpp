#include "core/diagnostic.hpp"

#include <algorithm>

namespace vc {

std::string Diagnostic::str() const {
    std::string out = file;
    if (line > 0) {
        out += ':' + std::to_string(line);
        if (column > 0) out += ':' + std::to_string(column);
    }
    out += severity == Severity::error ? ": error: " : ": warning: ";
    out += message;
    return out;
}

void Diagnostics::error(std::string file, int line, int column, std::string message) {
    items_.push_back(
        {Diagnostic::Severity::error, std::move(file), line, column, std::move(message)});
}

void Diagnostics::warning(std::string file, int line, int column, std::string message) {
    items_.push_back(
        {Diagnostic::Severity::warning, std::move(file), line, column, std::move(message)});
}

void Diagnostics::append(const Diagnostics& other) {
    items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

bool Diagnostics::has_errors() const {
    return error_count() > 0;
}

std::size_t Diagnostics::error_count() const {
    return static_cast<std::size_t>(std::count_if(items_.begin(), items_.end(), [](const auto& d) {
        return d.severity == Diagnostic::Severity::error;
    }));
}

void Diagnostics::throw_if_errors() const {
    if (has_errors()) throw DiagnosticError(items_);
}

namespace {
std::string join(const std::vector<Diagnostic>& ds) {
    std::string out;
    for (const auto& d : ds) {
        if (!out.empty()) out += '\n';
        out += d.str();
    }
    return out;
}
}  // namespace

DiagnosticError::DiagnosticError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(join(diagnostics)), diagnostics_(std::move(diagnostics)) {}

}  // namespace vc
