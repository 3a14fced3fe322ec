#pragma once
// Reading the station's TOML files with every problem reported as file:line:col.
//
// A TomlTable wraps one table of a parsed file. Each getter both reads a key and records it
// as known; after reading every key it understands, a parser calls report_unknown_keys() so
// that a misspelt key is an error rather than silently ignored. Wrong types are reported at
// the value's position and the getter returns nullopt, so parsing goes on and every error of
// a file is reported at once.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "core/diagnostic.hpp"
#include "core/duration.hpp"

namespace vc {

/// A 1-based place in a file.
struct SourcePos {
    int line = 0;
    int column = 0;
};

SourcePos pos_of(const toml::node& node);

/// Reads and parses a TOML file. On a syntax error (or an unreadable file) it adds one
/// diagnostic naming `display_name` and returns nullopt.
std::optional<toml::table> parse_toml_file(const std::filesystem::path& path,
                                           const std::string& display_name, Diagnostics& diags);

/// Parses TOML text already in memory (tests, uploads).
std::optional<toml::table> parse_toml_text(std::string_view text, const std::string& display_name,
                                           Diagnostics& diags);

class TomlTable {
  public:
    /// `where` names the table in messages, e.g. "[output]" or "[[broadcast]] #3"; "" for the
    /// file's top level. The table and diagnostics must outlive this object.
    TomlTable(const toml::table& table, std::string file, Diagnostics& diags,
              std::string where = "");

    std::optional<std::string> get_string(std::string_view key);
    /// An integer or a float.
    std::optional<double> get_number(std::string_view key);
    std::optional<std::int64_t> get_integer(std::string_view key);
    std::optional<bool> get_bool(std::string_view key);
    /// A string in the form parse_duration reads.
    std::optional<Millis> get_duration(std::string_view key);
    /// A string or an array of strings.
    std::optional<std::vector<std::string>> get_strings(std::string_view key);
    /// An integer or an array of integers.
    std::optional<std::vector<std::int64_t>> get_integers(std::string_view key);
    std::optional<TomlTable> get_table(std::string_view key);
    /// An array of tables ([[key]]); empty when absent.
    std::vector<TomlTable> get_tables(std::string_view key);
    /// The raw node, or nullptr; marks the key as known.
    const toml::node* get_node(std::string_view key);

    [[nodiscard]] bool has(std::string_view key) const;
    /// Position of the key's value, or of the table when the key is absent.
    [[nodiscard]] SourcePos pos_of_key(std::string_view key) const;
    [[nodiscard]] SourcePos pos() const { return pos_; }

    void error(SourcePos at, std::string message);
    void warning(SourcePos at, std::string message);
    void error_at(std::string_view key, std::string message) {
        error(pos_of_key(key), std::move(message));
    }

    /// Reports every key that no getter asked for, naming the keys that are allowed.
    void report_unknown_keys();

    [[nodiscard]] const std::string& file() const { return file_; }
    [[nodiscard]] const std::string& where() const { return where_; }
    [[nodiscard]] Diagnostics& diagnostics() const { return *diags_; }
    [[nodiscard]] const toml::table& table() const { return *table_; }

  private:
    std::string describe_key(std::string_view key) const;
    void wrong_type(std::string_view key, const toml::node& node, std::string_view expected);

    const toml::table* table_;
    std::string file_;
    Diagnostics* diags_;
    std::string where_;
    SourcePos pos_;
    std::set<std::string, std::less<>> known_;
};

/// "a string", "an integer", ... for messages.
std::string_view toml_type_name(const toml::node& node);

}  // namespace vc
