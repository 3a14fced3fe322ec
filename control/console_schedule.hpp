#pragma once
// One-shots added through the console: schedule.d/console.toml, an ordinary schedule file that
// the daemon, `plan` and `check` read like any other, so a one-shot survives a restart. The
// console rewrites the whole file; entries a person added by hand are kept as they are.

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <date/date.h>
#include <toml++/toml.h>

namespace vc::control {

/// One [[broadcast]] of the file, as far as the console needs it.
struct OneShot {
    std::string id;
    std::string playlist;                   ///< or ""
    std::string clip;                       ///< or ""
    std::optional<date::local_seconds> at;  ///< local date and time; nullopt when not a one-shot
    std::string priority;                   ///< as written ("" for the default, routine)
    std::vector<std::string> zones;         ///< zones and groups as written; empty: every zone
};

/// Any thread, one at a time (the daemon's loop).
class ConsoleSchedule {
  public:
    /// <station>/schedule.d/console.toml.
    static std::filesystem::path path_in_station(const std::filesystem::path& station);
    /// Reads the file; a missing file is empty. Throws UserError naming file:line:col when it is
    /// not TOML.
    static ConsoleSchedule load(const std::filesystem::path& file);

    [[nodiscard]] const std::vector<OneShot>& entries() const { return entries_; }
    [[nodiscard]] const OneShot* find(const std::string& id) const;

    /// "console-20261201-0800", with "-2", "-3", ... added while `taken(id)` says it is used.
    static std::string make_id(date::local_seconds at,
                               const std::function<bool(const std::string&)>& taken);
    /// Adds a one-shot: `late` is a duration text ("10m"); empty fields are left out.
    void add(const OneShot& shot, const std::string& late);
    /// Removes the entry with this id; false when there is none.
    bool remove(const std::string& id);

    /// The file's text as save() writes it.
    [[nodiscard]] std::string text() const;
    /// Writes the file atomically (creating schedule.d/). Throws UserError.
    void save() const;

  private:
    std::filesystem::path file_;
    std::vector<toml::table> tables_;
    std::vector<OneShot> entries_;  ///< parallel to tables_
};

}  // namespace vc::control
