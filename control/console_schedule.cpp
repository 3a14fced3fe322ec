// schedule.d/console.toml: the console's one-shots, read, added to and removed from.
#include "control/console_schedule.hpp"

#include <fstream>
#include <sstream>

#include "core/atomic_file.hpp"
#include "core/diagnostic.hpp"
#include "core/toml_reader.hpp"
#include "scheduler/date_text.hpp"

namespace vc::control {

namespace {

OneShot entry_of(const toml::table& t) {
    OneShot s;
    s.id = t["id"].value_or(std::string());
    s.playlist = t["playlist"].value_or(std::string());
    s.clip = t["clip"].value_or(std::string());
    s.priority = t["priority"].value_or(std::string());
    if (auto at = t["at"].value<std::string>()) s.at = scheduler::parse_local_date_time(*at);
    if (const auto* zones = t["zones"].as_array())
        for (const auto& z : *zones)
            if (auto name = z.value<std::string>()) s.zones.push_back(*name);
    return s;
}

}  // namespace

std::filesystem::path ConsoleSchedule::path_in_station(const std::filesystem::path& station) {
    return station / "schedule.d" / "console.toml";
}

ConsoleSchedule ConsoleSchedule::load(const std::filesystem::path& file) {
    ConsoleSchedule s;
    s.file_ = file;
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) return s;
    Diagnostics diags;
    auto parsed = parse_toml_file(file, file.string(), diags);
    if (!parsed)
        throw UserError(diags.items().front().str() +
                        " (fix or remove the file before adding one-shots in the console)");
    const toml::table& doc = *parsed;
    if (const auto* arr = doc["broadcast"].as_array()) {
        for (const auto& node : *arr) {
            if (const auto* t = node.as_table()) {
                s.tables_.push_back(*t);
                s.entries_.push_back(entry_of(*t));
            }
        }
    }
    return s;
}

const OneShot* ConsoleSchedule::find(const std::string& id) const {
    for (const auto& e : entries_)
        if (e.id == id) return &e;
    return nullptr;
}

std::string ConsoleSchedule::make_id(date::local_seconds at,
                                     const std::function<bool(const std::string&)>& taken) {
    std::string base = "console-" + date::format("%Y%m%d-%H%M", at);
    std::string id = base;
    for (int n = 2; taken(id); ++n) id = base + "-" + std::to_string(n);
    return id;
}

void ConsoleSchedule::add(const OneShot& shot, const std::string& late) {
    toml::table t;
    t.insert("id", shot.id);
    if (!shot.playlist.empty()) t.insert("playlist", shot.playlist);
    if (!shot.clip.empty()) t.insert("clip", shot.clip);
    if (shot.at) t.insert("at", date::format("%F %T", *shot.at));
    if (!shot.priority.empty()) t.insert("priority", shot.priority);
    if (!late.empty()) t.insert("late", late);
    if (!shot.zones.empty()) {
        toml::array zones;
        for (const auto& z : shot.zones) zones.push_back(z);
        t.insert("zones", std::move(zones));
    }
    tables_.push_back(std::move(t));
    entries_.push_back(shot);
}

bool ConsoleSchedule::remove(const std::string& id) {
    for (std::size_t i = 0; i < entries_.size(); ++i) {
        if (entries_[i].id != id) continue;
        entries_.erase(entries_.begin() + static_cast<std::ptrdiff_t>(i));
        tables_.erase(tables_.begin() + static_cast<std::ptrdiff_t>(i));
        return true;
    }
    return false;
}

std::string ConsoleSchedule::text() const {
    std::ostringstream out;
    out << "# One-shots added in the township office console (or `villagecast broadcast --at`).\n"
           "# The console rewrites this file; it is read like any other schedule file.\n";
    const auto flags =
        toml::toml_formatter::default_flags & ~toml::format_flags::allow_literal_strings;
    for (const auto& t : tables_) {
        out << "\n[[broadcast]]\n";
        // id first, then the rest in the order toml++ keeps (sorted by key).
        if (auto id = t["id"].value<std::string>())
            out << toml::toml_formatter{toml::table{{"id", *id}}, flags} << '\n';
        toml::table rest = t;
        rest.erase("id");
        out << toml::toml_formatter{rest, flags} << '\n';
    }
    return out.str();
}

void ConsoleSchedule::save() const {
    std::filesystem::create_directories(file_.parent_path());
    write_file_atomically(file_, text());
}

}  // namespace vc::control
