#include "asrun/event.hpp"

#include <array>
#include <stdexcept>
#include <type_traits>
#include <utility>

#include <date/date.h>

namespace vc::asrun {

using nlohmann::json;

namespace {

constexpr std::array<std::pair<EventKind, std::string_view>, 10> kind_names{{
    {EventKind::started, "started"},
    {EventKind::ended, "ended"},
    {EventKind::missed, "missed"},
    {EventKind::progress, "progress"},
    {EventKind::daemon_start, "daemon-start"},
    {EventKind::daemon_stop, "daemon-stop"},
    {EventKind::reload, "reload"},
    {EventKind::clock_step, "clock-step"},
    {EventKind::operator_action, "operator"},
    {EventKind::system, "system"},
}};

constexpr std::array<std::pair<EndStatus, std::string_view>, 4> status_names{{
    {EndStatus::aired, "aired"},
    {EndStatus::interrupted, "interrupted"},
    {EndStatus::partial, "partial"},
    {EndStatus::failed, "failed"},
}};

json optional_instant(const std::optional<Instant>& t) {
    return t ? json(to_millis(*t)) : json(nullptr);
}

// Typed access to a payload's fields, with messages that name the field.
class Fields {
  public:
    explicit Fields(const json& object) : object_(object) {}

    [[nodiscard]] bool has(const char* key) const { return object_.contains(key); }
    const json& get(const char* key) const {
        auto it = object_.find(key);
        if (it == object_.end()) {
            throw std::runtime_error(std::string("field \"") + key + "\" is missing");
        }
        return *it;
    }
    std::string str(const char* key) const {
        const json& v = get(key);
        if (!v.is_string()) {
            throw std::runtime_error(std::string("field \"") + key + "\" should be a string");
        }
        return v.get<std::string>();
    }
    std::int64_t integer(const char* key) const {
        const json& v = get(key);
        if (!v.is_number_integer()) {
            throw std::runtime_error(std::string("field \"") + key + "\" should be an integer");
        }
        return v.get<std::int64_t>();
    }
    Instant instant(const char* key) const { return from_millis(integer(key)); }
    std::optional<Instant> optional_instant(const char* key) const {
        auto it = object_.find(key);
        if (it == object_.end() || it->is_null()) {
            return std::nullopt;
        }
        return instant(key);
    }
    bool boolean(const char* key) const {
        const json& v = get(key);
        if (!v.is_boolean()) {
            throw std::runtime_error(std::string("field \"") + key + "\" should be true or false");
        }
        return v.get<bool>();
    }
    const json& array(const char* key) const {
        const json& v = get(key);
        if (!v.is_array()) {
            throw std::runtime_error(std::string("field \"") + key + "\" should be a list");
        }
        return v;
    }
    std::vector<std::string> strings(const char* key) const {
        std::vector<std::string> out;
        for (const json& v : array(key)) {
            if (!v.is_string()) {
                throw std::runtime_error(std::string("field \"") + key +
                                         "\" should be a list of strings");
            }
            out.push_back(v.get<std::string>());
        }
        return out;
    }

  private:
    const json& object_;
};

const json& object_item(const json& v, const char* key) {
    if (!v.is_object()) {
        throw std::runtime_error(std::string("each item of \"") + key + "\" should be an object");
    }
    return v;
}

}  // namespace

json reception_json(const std::optional<Reception>& r) {
    if (!r) return nullptr;
    if (!r->known) return {{"known", false}, {"why", r->why}};
    return {{"known", true}, {"connected", r->connected}, {"missing", r->missing}};
}

json drops_json(const std::vector<ReceptionDrop>& drops) {
    json out = json::array();
    for (const auto& d : drops)
        out.push_back({{"receiver", d.receiver},
                       {"left", to_millis(d.left)},
                       {"back", optional_instant(d.back)}});
    return out;
}

json clip_json(const ClipHash& clip) {
    json j = {{"clip", clip.clip}, {"sha256", clip.sha256}};
    if (!clip.text.empty()) j["text"] = clip.text;
    return j;
}

namespace {

// A page's live input, written only for pages so that the rows of files keep their encoding.
void put_live(json& j, const std::string& live) {
    if (!live.empty()) j["live"] = live;
}

json encode(const Started& s) {
    json clips = json::array();
    for (const auto& c : s.clips) clips.push_back(clip_json(c));
    json j = {{"airing", s.airing},
              {"broadcast", s.broadcast},
              {"playlist", s.playlist},
              {"clip", s.clip},
              {"trigger", s.trigger},
              {"priority", s.priority},
              {"scheduled", to_millis(s.scheduled)},
              {"planned_start", to_millis(s.planned_start)},
              {"zones", s.zones},
              {"clips", clips}};
    put_live(j, s.live);
    return j;
}

std::optional<Reception> reception_of(const json& j) {
    if (j.is_null()) return std::nullopt;
    Fields f(object_item(j, "reception"));
    Reception r;
    r.known = f.boolean("known");
    if (r.known) {
        r.connected = f.strings("connected");
        r.missing = f.strings("missing");
    } else {
        r.why = f.str("why");
    }
    return r;
}

json encode(const Ended& e) {
    json aircheck = nullptr;
    if (e.aircheck) {
        aircheck = {{"path", e.aircheck->path}, {"sha256", e.aircheck->sha256}};
    }
    json j = {{"airing", e.airing},
              {"status", std::string(to_string(e.status))},
              {"final", e.final},
              {"reason", e.reason},
              {"actual_start", optional_instant(e.actual_start)},
              {"aircheck", aircheck}};
    // Only for a zone on a Snapcast stream; rows written before it existed stay as they were.
    if (e.reception_start || e.reception_end) {
        j["reception"] = {{"start", reception_json(e.reception_start)},
                          {"end", reception_json(e.reception_end)}};
        if (!e.drops.empty()) j["reception"]["drops"] = drops_json(e.drops);
    }
    return j;
}

json encode(const Missed& m) {
    json j = {{"broadcast", m.broadcast}, {"playlist", m.playlist},
              {"clip", m.clip},           {"trigger", m.trigger},
              {"priority", m.priority},   {"scheduled", to_millis(m.scheduled)},
              {"zones", m.zones},         {"reason", m.reason}};
    put_live(j, m.live);
    return j;
}

json encode(const Progress& p) {
    return {{"airing", p.airing},
            {"position_ms", p.position.count()},
            {"actual_start", optional_instant(p.actual_start)}};
}

json encode(const DaemonStart& d) {
    return {{"version", d.version}, {"station", d.station}};
}
json encode(const DaemonStop& d) {
    return {{"reason", d.reason}};
}

json encode(const Reload& r) {
    json files = json::array();
    for (const auto& f : r.files) {
        files.push_back(
            {{"file", f.file}, {"sha256", f.sha256}, {"taken", f.taken}, {"note", f.note}});
    }
    return {{"files", files}};
}

json encode(const ClockStep& c) {
    return {{"from", to_millis(c.from)}, {"to", to_millis(c.to)}, {"skipped", c.skipped}};
}

json encode(const OperatorAction& o) {
    json j = {{"operator", o.name}, {"action", o.action}, {"detail", o.detail}};
    if (const auto& r = o.request) {
        j["broadcast"] = r->broadcast;
        j["playlist"] = r->playlist;
        j["clip"] = r->clip;
        j["priority"] = r->priority;
        j["scheduled"] = to_millis(r->scheduled);
        j["late_ms"] = r->late.count();
        if (!r->zones.empty()) j["zones"] = r->zones;
        put_live(j, r->live);
    }
    return j;
}

json encode(const SystemAction& a) {
    return {{"action", a.action}, {"detail", a.detail}, {"ok", a.ok}};
}

EventBody decode(EventKind kind, const Fields& f) {
    switch (kind) {
        case EventKind::started: {
            Started s;
            s.airing = f.str("airing");
            s.broadcast = f.str("broadcast");
            s.playlist = f.str("playlist");
            s.clip = f.str("clip");
            s.trigger = f.str("trigger");
            s.priority = f.str("priority");
            s.scheduled = f.instant("scheduled");
            s.planned_start = f.instant("planned_start");
            s.zones = f.strings("zones");
            for (const json& c : f.array("clips")) {
                Fields cf(object_item(c, "clips"));
                s.clips.push_back(
                    {cf.str("clip"), cf.str("sha256"), cf.has("text") ? cf.str("text") : ""});
            }
            s.live = f.has("live") ? f.str("live") : "";
            return s;
        }
        case EventKind::ended: {
            Ended e;
            e.airing = f.str("airing");
            auto status = parse_end_status(f.str("status"));
            if (!status) {
                throw std::runtime_error(
                    "field \"status\" should be aired, interrupted, partial or failed");
            }
            e.status = *status;
            e.final = f.boolean("final");
            e.reason = f.str("reason");
            e.actual_start = f.optional_instant("actual_start");
            const json& ac = f.get("aircheck");
            if (!ac.is_null()) {
                Fields af(object_item(ac, "aircheck"));
                e.aircheck = AirCheck{af.str("path"), af.str("sha256")};
            }
            if (f.has("reception")) {
                Fields rf(object_item(f.get("reception"), "reception"));
                e.reception_start = reception_of(rf.get("start"));
                e.reception_end = reception_of(rf.get("end"));
                if (rf.has("drops")) {
                    const json& drops = rf.get("drops");
                    if (!drops.is_array())
                        throw std::runtime_error("field \"reception.drops\" should be a list");
                    for (const auto& d : drops) {
                        Fields df(object_item(d, "reception.drops"));
                        e.drops.push_back(ReceptionDrop{df.str("receiver"), df.instant("left"),
                                                        df.optional_instant("back")});
                    }
                }
            }
            return e;
        }
        case EventKind::missed: {
            Missed m;
            m.broadcast = f.str("broadcast");
            m.playlist = f.str("playlist");
            m.clip = f.str("clip");
            m.trigger = f.str("trigger");
            m.priority = f.str("priority");
            m.scheduled = f.instant("scheduled");
            m.zones = f.strings("zones");
            m.reason = f.str("reason");
            m.live = f.has("live") ? f.str("live") : "";
            return m;
        }
        case EventKind::progress:
            return Progress{f.str("airing"), Millis(f.integer("position_ms")),
                            f.optional_instant("actual_start")};
        case EventKind::daemon_start:
            return DaemonStart{f.str("version"), f.str("station")};
        case EventKind::daemon_stop:
            return DaemonStop{f.str("reason")};
        case EventKind::reload: {
            Reload r;
            for (const json& item : f.array("files")) {
                Fields ff(object_item(item, "files"));
                r.files.push_back(
                    {ff.str("file"), ff.str("sha256"), ff.boolean("taken"), ff.str("note")});
            }
            return r;
        }
        case EventKind::clock_step:
            return ClockStep{f.instant("from"), f.instant("to"), f.integer("skipped")};
        case EventKind::operator_action: {
            OperatorAction o{f.str("operator"), f.str("action"), f.str("detail"), std::nullopt};
            if (f.has("broadcast"))
                o.request =
                    ManualRequest{f.str("broadcast"),
                                  f.str("playlist"),
                                  f.str("clip"),
                                  f.str("priority"),
                                  f.instant("scheduled"),
                                  Millis(f.integer("late_ms")),
                                  f.has("zones") ? f.strings("zones") : std::vector<std::string>{},
                                  f.has("live") ? f.str("live") : ""};
            return o;
        }
        case EventKind::system:
            return SystemAction{f.str("action"), f.str("detail"), f.boolean("ok")};
    }
    throw std::logic_error("unknown event kind");
}

}  // namespace

std::string_view to_string(EventKind kind) {
    for (const auto& [k, name] : kind_names) {
        if (k == kind) {
            return name;
        }
    }
    return "?";
}

std::optional<EventKind> parse_event_kind(std::string_view name) {
    for (const auto& [k, n] : kind_names) {
        if (n == name) {
            return k;
        }
    }
    return std::nullopt;
}

std::string_view to_string(EndStatus status) {
    for (const auto& [s, name] : status_names) {
        if (s == status) {
            return name;
        }
    }
    return "?";
}

std::optional<EndStatus> parse_end_status(std::string_view name) {
    for (const auto& [s, n] : status_names) {
        if (n == name) {
            return s;
        }
    }
    return std::nullopt;
}

// The variant's alternatives are in the order of EventKind.
static_assert(std::is_same_v<std::variant_alternative_t<0, EventBody>, Started>);
static_assert(std::is_same_v<std::variant_alternative_t<8, EventBody>, OperatorAction>);
static_assert(std::is_same_v<std::variant_alternative_t<9, EventBody>, SystemAction>);
static_assert(std::variant_size_v<EventBody> == kind_names.size());

EventKind Event::kind() const {
    return static_cast<EventKind>(body.index());
}

json Event::to_json() const {
    json out = std::visit([](const auto& b) { return encode(b); }, body);
    out["v"] = payload_version;
    out["kind"] = std::string(to_string(kind()));
    out["at"] = to_millis(at);
    return out;
}

std::string canonical_json(const json& value) {
    return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string Event::canonical() const {
    return canonical_json(to_json());
}

Event Event::from_json(const json& payload) {
    if (!payload.is_object()) {
        throw std::runtime_error("the payload is not a JSON object");
    }
    Fields f(payload);
    std::int64_t version = f.integer("v");
    if (version < 1 || version > payload_version) {
        throw std::runtime_error("payload version " + std::to_string(version) +
                                 " is not one this villagecast reads (it reads 1 to " +
                                 std::to_string(payload_version) + ")");
    }
    std::string kind_name = f.str("kind");
    auto kind = parse_event_kind(kind_name);
    if (!kind) {
        throw std::runtime_error("unknown event kind \"" + kind_name + "\"");
    }
    return Event{f.instant("at"), decode(*kind, f)};
}

Event Event::parse(std::string_view payload) {
    json j = json::parse(payload, nullptr, false);
    if (j.is_discarded()) {
        throw std::runtime_error("the payload is not valid JSON");
    }
    return from_json(j);
}

std::string make_airing_id(std::string_view broadcast, Instant planned_start,
                           std::string_view zone) {
    std::string id(broadcast);
    if (!zone.empty()) id.append("@").append(zone);
    return id + "@" + date::format("%Y%m%dT%H%M%SZ", planned_start);
}

}  // namespace vc::asrun
