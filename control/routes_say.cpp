// POST /api/say: a notice typed in the console, spoken into the library (clips/spoken/KEY.wav)
// by the station's voice on a worker, so that the clerk can listen to it
// (GET /api/clips/{id}/audio) before airing it (POST /api/broadcast with its clip).
#include "control/api_error.hpp"
#include "control/handoff.hpp"
#include "control/loop_actions.hpp"
#include "control/request_checks.hpp"
#include "control/routes.hpp"
#include "control/station_view.hpp"
#include "library/library.hpp"
#include "station/spoken_items.hpp"
#include "station/station.hpp"

namespace vc::control::routes {

namespace {

using nlohmann::json;

/// What was spoken: the clip as /api/library lists it, and the text.
struct Spoken {
    json clip;
    std::string text;
    std::string id;
};

}  // namespace

void say(RouteContext& context, const CallPtr& call) {
    const json body = body_object(call->request);
    const auto text = string_field(body, "text");
    if (!text || text->find_first_not_of(" \t\r\n") == std::string::npos)
        throw ApiError(400, "`text` is missing or empty: write the notice to say");
    if (text->size() > 4000)
        throw ApiError(400, "`text` is longer than 4000 bytes: split the notice into parts");
    const auto voice = string_field(body, "voice").value_or("");
    int rate = 0;
    if (body.contains("rate") && !body["rate"].is_null()) {
        if (!body["rate"].is_number_integer())
            throw wrong_value("rate", "words a minute, a whole number 80-450", body["rate"].dump());
        rate = body["rate"].get<int>();
    }
    auto station = context.settings.station;
    context.handoff.on_worker_then_loop<Spoken>(
        call,
        [&files = context.files, station, text = *text, voice, rate] {
            std::lock_guard lock(files);
            const auto st = station::load_station(station);
            station::StationSpeaker speaker(st);
            std::string id;
            try {
                id = speaker.speak(text, voice, rate);
            } catch (const UserError& e) {
                throw ApiError(400, std::string("the text cannot be spoken: ") + e.what());
            }
            const auto library = library::Library::scan(st);
            const auto* clip = library.find(id);
            if (!clip) throw ApiError(500, "the spoken clip " + id + " is not in the library");
            return Spoken{clip_json(*clip), text, id};
        },
        [&actions = context.actions, who = call->op->name](const Spoken& spoken) {
            actions.clips_changed(who, "speak", spoken.id + " \"" + spoken.text + "\"");
        },
        [](const Spoken& spoken) {
            json reply = spoken.clip;
            reply["text"] = spoken.text;
            return json_reply(http::status::created, reply);
        });
}

}  // namespace vc::control::routes
