#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

#include "core/sha256.hpp"
#include "scheduler/broadcast_parser.hpp"
#include "scheduler/schedule_checks.hpp"
#include "scheduler/schedule_file.hpp"

namespace vc::scheduler {

namespace {

std::string place(const std::string& file, SourcePos p) {
    return file + ":" + std::to_string(p.line) + ":" + std::to_string(p.column);
}

/// Orders a file's diagnostics by position, keeping the order of those at the same place.
Diagnostics sorted(const Diagnostics& in) {
    auto items = in.items();
    std::stable_sort(items.begin(), items.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::tie(a.line, a.column) < std::tie(b.line, b.column);
    });
    Diagnostics out;
    for (auto& d : items) {
        out.add(std::move(d));
    }
    return out;
}

void read_text(ScheduleFile& file, std::string_view text, const ScheduleContext& ctx) {
    Diagnostics diags;
    auto root = parse_toml_text(text, file.display_name, diags);
    if (root) {
        TomlTable top(*root, file.display_name, diags);
        std::map<std::string, SourcePos> seen;
        for (auto& table : top.get_tables("broadcast")) {
            // Duplicates inside the file are checked on every id, even of a broken broadcast.
            if (const auto* id = table.table().get("id"); id && id->is_string()) {
                const auto name = *id->value<std::string>();
                const auto at = pos_of(*id);
                if (auto [it, inserted] = seen.emplace(name, at); !inserted) {
                    diags.error(file.display_name, at.line, at.column,
                                "duplicate id `" + name + "`: already used at " +
                                    place(file.display_name, it->second));
                }
            }
            if (auto b = parse_broadcast(table, ctx)) {
                file.broadcasts.push_back(std::move(*b));
            }
        }
        top.report_unknown_keys();
        std::vector<CollisionCandidate> candidates;
        for (const auto& b : file.broadcasts) {
            candidates.push_back({&b, &diags, 0});
        }
        if (ctx.warnings) {
            warn_collisions(candidates, ctx, false);
        }
    }
    file.diagnostics = sorted(diags);
}

}  // namespace

ScheduleFile load_schedule_text(std::string_view text, const std::string& display_name,
                                const ScheduleContext& ctx) {
    ScheduleFile file;
    file.path = display_name;
    file.display_name = display_name;
    file.sha256 = sha256_hex(text);
    read_text(file, text, ctx);
    return file;
}

ScheduleFile load_schedule_file(const std::filesystem::path& path, const std::string& display_name,
                                const ScheduleContext& ctx) {
    ScheduleFile file;
    file.path = path;
    file.display_name = display_name;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        file.diagnostics.error(display_name, 0, 0,
                               "cannot be read (does it exist, and may this user read it?)");
        return file;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    const auto text = ss.str();
    file.sha256 = sha256_hex(text);
    read_text(file, text, ctx);
    return file;
}

std::vector<ScheduleFile> load_schedule(const std::filesystem::path& station_root,
                                        const ScheduleContext& ctx) {
    std::vector<ScheduleFile> files;
    std::error_code ec;
    const auto main_file = station_root / "schedule.toml";
    if (std::filesystem::exists(main_file, ec)) {
        files.push_back(load_schedule_file(main_file, "schedule.toml", ctx));
    }
    const auto dir = station_root / "schedule.d";
    if (std::filesystem::is_directory(dir, ec)) {
        std::vector<std::filesystem::path> paths;
        for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
            if (entry.is_regular_file() && entry.path().extension() == ".toml") {
                paths.push_back(entry.path());
            }
        }
        std::sort(paths.begin(), paths.end());
        for (const auto& p : paths) {
            files.push_back(load_schedule_file(p, "schedule.d/" + p.filename().string(), ctx));
        }
    }

    // Across files: ids are unique across all of them.
    std::map<std::string, const Broadcast*> first_of;
    for (auto& file : files) {
        Diagnostics extra;
        for (const auto& b : file.broadcasts) {
            auto [it, inserted] = first_of.emplace(b.id, &b);
            if (inserted || it->second->file == b.file) {
                continue;
            }
            extra.error(b.file, b.id_pos.line, b.id_pos.column,
                        "duplicate id `" + b.id + "`: already used at " + it->second->id_place() +
                            "; ids must be unique across schedule.toml and schedule.d/");
        }
        if (!extra.empty()) {
            extra.append(file.diagnostics);
            file.diagnostics = sorted(extra);
        }
    }
    // Across files: pairs that always come due together.
    std::vector<CollisionCandidate> candidates;
    for (std::size_t i = 0; i < files.size(); ++i) {
        if (files[i].ok()) {
            for (const auto& b : files[i].broadcasts) {
                candidates.push_back({&b, &files[i].diagnostics, static_cast<int>(i)});
            }
        }
    }
    if (ctx.warnings) {
        warn_collisions(candidates, ctx, true);
    }
    for (auto& file : files) {
        file.diagnostics = sorted(file.diagnostics);
    }
    return files;
}

Diagnostics all_diagnostics(const std::vector<ScheduleFile>& files) {
    Diagnostics out;
    for (const auto& f : files) {
        out.append(f.diagnostics);
    }
    return out;
}

}  // namespace vc::scheduler
