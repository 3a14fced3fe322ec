// The clips: GET /api/library and /api/clips/{id}/audio, POST /api/clips, DELETE /api/clips/{id}
// (stored and deleted by the library's clip store on a worker; the loop records it and reloads).
#include "control/api_error.hpp"
#include "control/loop_actions.hpp"
#include "control/request_checks.hpp"
#include "control/routes.hpp"
#include "control/station_view.hpp"
#include "library/clip_store.hpp"
#include "station/station.hpp"

namespace vc::control::routes {

namespace {

using nlohmann::json;

/// A change to clips/: the operator's `action` with `detail` in the as-run log.
struct ClipChange {
    std::string action;
    std::string detail;
    json clip;  ///< the stored clip, as /api/library lists it
};

/// Runs `work` on a worker thread holding the files lock, then records its change and reloads on
/// the loop, then answers with `reply(change)`.
void change_clips(RouteContext& context, const CallPtr& call, std::function<ClipChange()> work,
                  std::function<Reply(const ClipChange&)> reply) {
    context.handoff.on_worker_then_loop<ClipChange>(
        call,
        [&files = context.files, work = std::move(work)] {
            std::lock_guard lock(files);
            return work();
        },
        [&actions = context.actions, who = call->op->name](const ClipChange& change) {
            actions.clips_changed(who, change.action, change.detail);
        },
        std::move(reply));
}

/// The clip store of the station's library. Throws like station::load_station.
library::ClipStore clip_store(const std::filesystem::path& station) {
    auto st = station::load_station(station);
    return library::ClipStore(st.library_folders(), st.state_dir() / "uploads");
}

ApiError no_such_clip(const std::string& id) {
    return ApiError(404, "no clip `" + id + "` in the library");
}

}  // namespace

void library(RouteContext& context, const CallPtr& call) {
    auto station = context.settings.station;
    context.read_files(call,
                       [station] { return json_reply(http::status::ok, library_json(station)); });
}

void clip_audio(RouteContext& context, const CallPtr& call) {
    auto id = route_id(*call);
    auto station = context.settings.station;
    context.read_files(call, [station, id] {
        auto file = clip_file(station, id);
        if (!file) throw no_such_clip(id);
        return file_reply(*file, false);
    });
}

void upload_clip(RouteContext& context, const CallPtr& call) {
    auto name = library::parse_upload_name(query_param(call->target, "name"));
    const auto& body = call->request.body();
    if (body.empty()) throw ApiError(400, "the body is empty: send the file's bytes");
    if (body.size() > context.settings.upload_limit)
        throw ApiError(413, "the file is larger than upload_limit");
    bool admin = call->op->role == Role::admin;
    const auto trim_text = query_param(call->target, "trim");
    if (trim_text != "" && trim_text != "0" && trim_text != "1")
        throw wrong_value("trim", "1 (air from the first sound to the last) or 0", trim_text);
    const bool trim = trim_text == "1";
    auto station = context.settings.station;
    change_clips(
        context, call,
        [call, name, admin, trim, station] {
            library::StoredClip stored;
            try {
                stored = clip_store(station).store(name, call->request.body(), admin, trim);
            } catch (const library::ClipExists& e) {
                throw ApiError(409, e.what());
            }
            return ClipChange{stored.replaced ? "replace" : "upload",
                              name.id() + " (" + name.file_name() + ", sha256 " + stored.sha256 +
                                  (trim ? ", trimmed" : "") + ")",
                              stored.clip ? clip_json(*stored.clip) : json{{"id", name.id()}}};
        },
        [](const ClipChange& change) { return json_reply(http::status::created, change.clip); });
}

void delete_clip(RouteContext& context, const CallPtr& call) {
    auto id = route_id(*call);
    auto station = context.settings.station;
    change_clips(
        context, call,
        [id, station] {
            auto file = clip_store(station).remove(id);
            if (!file) throw no_such_clip(id);
            return ClipChange{"delete-clip", id + " (" + file->filename().string() + ")", {}};
        },
        [](const ClipChange&) { return empty_reply(http::status::no_content); });
}

}  // namespace vc::control::routes
