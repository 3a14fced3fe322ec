#include "control/api_router.hpp"

#include <fstream>
#include <random>

#include <boost/asio/post.hpp>

#include "asrun/export_format.hpp"
#include "control/api_error.hpp"
#include "control/api_json.hpp"
#include "control/static_files.hpp"
#include "control/station_view.hpp"
#include "core/atomic_file.hpp"
#include "core/diagnostic.hpp"
#include "core/duration.hpp"
#include "core/log.hpp"
#include "library/clip_store.hpp"
#include "library/library.hpp"
#include "scheduler/date_text.hpp"
#include "station/station.hpp"

namespace vc::control {

using nlohmann::json;

struct ApiRouter::Call {
    Request request;
    std::string peer;
    Done done;
    Target target;
    std::optional<Operator> op;
    bool change = false;  ///< POST or DELETE under /api/
    bool answered = false;
};

namespace {

const std::string json_type = "application/json; charset=utf-8";

void need_role(const std::optional<Operator>& op, Role role, const std::string& what) {
    if (!allows(op->role, role))
        throw ApiError(403, what + " needs the " + std::string(to_string(role)) + " role; " +
                                op->name + " is " + (op->role == Role::admin ? "an " : "a ") +
                                std::string(to_string(op->role)));
}

void allow_methods(http::verb method, std::initializer_list<http::verb> allowed) {
    for (auto v : allowed)
        if (v == method) return;
    std::string names;
    for (auto v : allowed) names += (names.empty() ? "" : ", ") + std::string(http::to_string(v));
    throw ApiError(405, "this address takes " + names);
}

json body_object(const Request& req) {
    if (req.body().empty()) throw ApiError(400, "the body must be a JSON object");
    auto j = json::parse(req.body(), nullptr, false);
    if (j.is_discarded()) throw ApiError(400, "the body is not valid JSON");
    if (!j.is_object())
        throw ApiError(400, "the body must be a JSON object, not " + std::string(j.type_name()));
    return j;
}

std::optional<std::string> string_field(const json& body, const std::string& key) {
    auto it = body.find(key);
    if (it == body.end() || it->is_null()) return std::nullopt;
    if (!it->is_string()) throw ApiError(400, "`" + key + "` must be a string");
    return it->get<std::string>();
}

std::optional<date::local_days> date_param(const Target& t, const std::string& key) {
    auto it = t.query.find(key);
    if (it == t.query.end() || it->second.empty()) return std::nullopt;
    auto d = scheduler::parse_date(it->second);
    if (!d)
        throw ApiError(400,
                       "`" + key + "` must be a date like 2026-12-01, not \"" + it->second + "\"");
    return d;
}

std::string id_after(const std::string& path, const std::string& prefix) {
    auto decoded = url_decode(path.substr(prefix.size()));
    if (!decoded || decoded->empty()) throw ApiError(404, "no such address: " + path);
    return *decoded;
}

Reply file_reply(const std::filesystem::path& file, bool head) {
    if (head) {
        std::error_code ec;
        auto size = std::filesystem::file_size(file, ec);
        StringResponse r{http::status::ok, 11};
        r.set(http::field::server, "villagecast");
        r.set(http::field::content_type, content_type_for(file));
        r.content_length(ec ? 0 : size);
        return Reply{std::move(r)};
    }
    boost::beast::error_code ec;
    http::file_body::value_type body;
    body.open(file.c_str(), boost::beast::file_mode::scan, ec);
    if (ec) throw ApiError(404, "cannot read " + file.filename().string() + ": " + ec.message());
    FileResponse r{http::status::ok, 11};
    r.set(http::field::server, "villagecast");
    r.set(http::field::content_type, content_type_for(file));
    r.set("X-Content-Type-Options", "nosniff");
    r.body() = std::move(body);
    r.prepare_payload();
    return Reply{std::move(r)};
}

std::string random_hex() {
    std::random_device rd;
    std::uniform_int_distribution<unsigned> d(0, 0xffff);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04x%04x", d(rd), d(rd));
    return buf;
}

}  // namespace

ApiRouter::ApiRouter(RouterSettings settings, boost::asio::io_context& server,
                     boost::asio::thread_pool& workers, LoopBridge& bridge, LoopActions& actions,
                     const Clock& clock)
    : settings_(std::move(settings)),
      server_(server),
      workers_(workers),
      bridge_(bridge),
      actions_(actions),
      clock_(clock),
      auth_(OperatorStore::path_in_station(settings_.station)) {}

void ApiRouter::handle(Request request, const std::string& peer, Done done) {
    auto call = std::make_shared<Call>();
    call->request = std::move(request);
    call->peer = peer;
    call->done = std::move(done);
    auto target = call->request.target();
    call->target = split_target(std::string_view(target.data(), target.size()));
    try {
        if (call->target.path == "/api" || call->target.path.rfind("/api/", 0) == 0)
            api(call);
        else
            static_file(call);
    } catch (...) {
        fail(call, std::current_exception());
    }
}

void ApiRouter::answer(const std::shared_ptr<Call>& call, Reply reply) {
    if (call->answered) return;
    call->answered = true;
    if (call->change) ++generation_;
    call->done(std::move(reply));
}

void ApiRouter::fail(const std::shared_ptr<Call>& call, std::exception_ptr error) {
    int status = 500;
    std::string message;
    try {
        std::rethrow_exception(error);
    } catch (const ApiError& e) {
        status = e.status();
        message = e.what();
    } catch (const DiagnosticError& e) {
        status = call->change ? 400 : 503;
        message = e.what();
    } catch (const UserError& e) {
        status = call->change ? 400 : 503;
        message = e.what();
    } catch (const std::exception& e) {
        message = std::string("the daemon could not do it: ") + e.what();
    }
    if (call->op && call->change && status >= 400 && status < 500) {
        std::string detail =
            std::string(call->request.method_string()) + " " + call->target.path + ": " + message;
        std::string who = call->op->name;
        bridge_.call<bool>(
            [this, who, detail] {
                actions_.refused(who, detail);
                return true;
            },
            [](bool) {}, [](std::exception_ptr) {});
    }
    auto reply = error_reply(status, message);
    if (status == 401)
        std::get<StringResponse>(reply.message).set(http::field::www_authenticate, "Bearer");
    if (status == 405) {
        // The allowed methods are the message's list.
        auto pos = message.find("takes ");
        if (pos != std::string::npos)
            std::get<StringResponse>(reply.message)
                .set(http::field::allow, message.substr(pos + 6));
    }
    call->change = false;  // a refusal changes nothing
    answer(call, std::move(reply));
}

void ApiRouter::on_worker(const std::shared_ptr<Call>& call, std::function<Reply()> work) {
    boost::asio::post(workers_, [this, call, work = std::move(work)]() mutable {
        auto result = std::make_shared<std::optional<Reply>>();
        std::exception_ptr error;
        try {
            result->emplace(work());
        } catch (...) {
            error = std::current_exception();
        }
        boost::asio::post(server_, [this, call, result, error] {
            if (error)
                fail(call, error);
            else
                answer(call, std::move(**result));
        });
    });
}

template <typename T>
void ApiRouter::on_loop(const std::shared_ptr<Call>& call, std::function<T()> work,
                        std::function<Reply(T)> reply) {
    bridge_.call<T>(
        std::move(work),
        [this, call, reply = std::move(reply)](T result) {
            try {
                answer(call, reply(std::move(result)));
            } catch (...) {
                fail(call, std::current_exception());
            }
        },
        [this, call](std::exception_ptr e) { fail(call, e); });
}

void ApiRouter::api(const std::shared_ptr<Call>& call) {
    const auto& req = call->request;
    const std::string& path = call->target.path;
    const auto method = req.method();
    auto authorization = req[http::field::authorization];
    call->op = auth_.check(std::string_view(authorization.data(), authorization.size()));
    if (!call->op) {
        logins_.refuse(call->peer, clock_.now());
        throw ApiError(401, req[http::field::authorization].empty()
                                ? "this needs an operator's token (Authorization: Bearer TOKEN; "
                                  "`villagecast operator add` makes one)"
                                : "the token is not an operator's (it may have been removed)");
    }
    call->change = method == http::verb::post || method == http::verb::delete_;
    const auto& op = *call->op;
    if (!call->target.ok) throw ApiError(400, "the query has a malformed %-escape");

    if (path == "/api/whoami") {
        allow_methods(method, {http::verb::get});
        return answer(
            call, json_reply(http::status::ok, {{"name", op.name}, {"role", to_string(op.role)}}));
    }
    if (path == "/api/status") {
        allow_methods(method, {http::verb::get});
        return status(call);
    }
    if (path == "/api/plan") {
        allow_methods(method, {http::verb::get});
        return plan(call);
    }
    if (path == "/api/airings" || path == "/api/airings.csv") {
        allow_methods(method, {http::verb::get});
        return airings(call, path == "/api/airings.csv");
    }
    if (path == "/api/library" || path == "/api/playlists") {
        allow_methods(method, {http::verb::get});
        bool library = path == "/api/library";
        auto station = settings_.station;
        return on_worker(call, [this, station, library] {
            std::lock_guard lock(files_mutex_);
            return json_reply(http::status::ok,
                              library ? library_json(station) : playlists_json(station));
        });
    }
    if (path == "/api/clips") {
        allow_methods(method, {http::verb::post});
        need_role(call->op, Role::operator_, "uploading a clip");
        return upload(call);
    }
    if (path.rfind("/api/clips/", 0) == 0) {
        const std::string suffix = "/audio";
        if (method == http::verb::get && path.size() > suffix.size() &&
            path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0)
            return clip_audio(call,
                              id_after(path.substr(0, path.size() - suffix.size()), "/api/clips/"));
        allow_methods(method, {http::verb::delete_});
        need_role(call->op, Role::admin, "deleting a clip");
        return delete_clip(call, id_after(path, "/api/clips/"));
    }
    if (path == "/api/broadcast") {
        allow_methods(method, {http::verb::post});
        need_role(call->op, Role::operator_, "airing or scheduling");
        return broadcast(call);
    }
    if (path.rfind("/api/broadcast/", 0) == 0) {
        allow_methods(method, {http::verb::delete_});
        need_role(call->op, Role::operator_, "removing a one-shot");
        std::string id = id_after(path, "/api/broadcast/");
        std::string who = op.name;
        bool admin = op.role == Role::admin;
        auto& actions = actions_;
        return on_loop<bool>(
            call,
            [&actions, who, id, admin] {
                actions.remove_one_shot(who, id, admin);
                return true;
            },
            [](bool) { return empty_reply(http::status::no_content); });
    }
    if (path == "/api/stop") {
        allow_methods(method, {http::verb::post});
        need_role(call->op, Role::operator_, "stopping an airing");
        std::string who = op.name;
        auto& actions = actions_;
        return on_loop<bool>(
            call, [&actions, who] { return actions.stop(who); },
            [](bool stopped) {
                return json_reply(http::status::ok, {{"stopped", stopped}});
            });
    }
    if (path == "/api/reload") {
        allow_methods(method, {http::verb::post});
        need_role(call->op, Role::operator_, "reloading the station's files");
        std::string who = op.name;
        auto& actions = actions_;
        return on_loop<std::vector<asrun::ReloadedFile>>(
            call, [&actions, who] { return actions.reload(who); },
            [](std::vector<asrun::ReloadedFile> files) {
                json list = json::array();
                for (const auto& f : files)
                    list.push_back({{"file", f.file}, {"taken", f.taken}, {"note", f.note}});
                return json_reply(http::status::ok, {{"files", list}});
            });
    }
    throw ApiError(404, "no such address: " + path);
}

void ApiRouter::status(const std::shared_ptr<Call>& call) {
    status_waiters_.emplace_back(call, generation_);
    if (!status_in_flight_) fetch_status();
}

void ApiRouter::fetch_status() {
    status_in_flight_ = true;
    std::uint64_t generation = generation_;
    auto& actions = actions_;
    bridge_.call<StatusSnapshot>([&actions] { return actions.status(); },
                                 [this, generation](StatusSnapshot s) {
                                     status_in_flight_ = false;
                                     answer_statuses(s, generation);
                                 },
                                 [this](std::exception_ptr e) {
                                     status_in_flight_ = false;
                                     auto waiters = std::move(status_waiters_);
                                     status_waiters_.clear();
                                     for (auto& [call, g] : waiters) fail(call, e);
                                 });
}

void ApiRouter::answer_statuses(const StatusSnapshot& snapshot, std::uint64_t generation) {
    auto uptime =
        std::chrono::duration_cast<std::chrono::seconds>(snapshot.now - settings_.started);
    std::string body = status_json(snapshot, settings_.version, uptime.count())
                           .dump(-1, ' ', false, json::error_handler_t::replace);
    std::vector<std::pair<std::shared_ptr<Call>, std::uint64_t>> later;
    auto waiters = std::move(status_waiters_);
    status_waiters_.clear();
    for (auto& [call, g] : waiters) {
        if (g > generation) {
            later.emplace_back(call, g);
            continue;
        }
        answer(call, text_reply(http::status::ok, body, json_type));
    }
    status_waiters_ = std::move(later);
    if (!status_waiters_.empty()) fetch_status();
}

void ApiRouter::plan(const std::shared_ptr<Call>& call) {
    const auto& q = call->target.query;
    auto from = date_param(call->target, "from");
    int days = 2;
    if (auto it = q.find("days"); it != q.end()) {
        const auto& text = it->second;
        if (text.empty() || text.size() > 3 ||
            text.find_first_not_of("0123456789") != std::string::npos || std::stoi(text) < 1 ||
            std::stoi(text) > 366)
            throw ApiError(400,
                           "`days` must be a whole number from 1 to 366, not \"" + text + "\"");
        days = std::stoi(text);
    }
    auto station = settings_.station;
    Instant now = clock_.now();
    on_worker(call, [this, station, from, days, now] {
        std::lock_guard lock(files_mutex_);
        return json_reply(http::status::ok, plan_json(station, from, days, now));
    });
}

void ApiRouter::airings(const std::shared_ptr<Call>& call, bool csv) {
    const auto& q = call->target.query;
    AiringQuery query;
    query.from = date_param(call->target, "from");
    query.to = date_param(call->target, "to");
    if (auto it = q.find("status"); it != q.end() && !it->second.empty()) {
        query.status = asrun::parse_airing_status(it->second);
        if (!query.status)
            throw ApiError(400, "`status` must be " + std::string(asrun::airing_status_help) +
                                    ", not \"" + it->second + "\"");
    }
    if (auto it = q.find("broadcast"); it != q.end() && !it->second.empty())
        query.broadcast = it->second;
    auto station = settings_.station;
    on_worker(call, [station, query, csv] {
        std::string head;
        std::string body = airings_export(station, query, csv, &head);
        auto reply = text_reply(http::status::ok, std::move(body),
                                csv ? "text/csv; charset=utf-8" : json_type);
        auto& m = std::get<StringResponse>(reply.message);
        m.set("X-Villagecast-Head", head);
        if (csv) m.set(http::field::content_disposition, "attachment; filename=\"airings.csv\"");
        return reply;
    });
}

void ApiRouter::broadcast(const std::shared_ptr<Call>& call) {
    json body = body_object(call->request);
    for (const auto& [key, value] : body.items())
        if (key != "playlist" && key != "clip" && key != "priority" && key != "at" && key != "late")
            throw ApiError(400, "unknown field `" + key +
                                    "` (the fields are playlist, clip, priority, at and late)");
    auto playlist = string_field(body, "playlist").value_or("");
    auto clip = string_field(body, "clip").value_or("");
    if (playlist.empty() == clip.empty())
        throw ApiError(400, "name either `playlist` or `clip` (one of them)");
    auto priority_text = string_field(body, "priority").value_or("notice");
    auto priority = scheduler::parse_priority(priority_text);
    if (!priority)
        throw ApiError(400,
                       "`priority` must be emergency, urgent, notice, routine or "
                       "background, not \"" +
                           priority_text + "\"");
    if (*priority == scheduler::Priority::emergency)
        need_role(call->op, Role::admin, "airing at emergency priority");
    auto late = string_field(body, "late").value_or("");
    if (!late.empty() && !parse_duration(late))
        throw ApiError(400,
                       "`late` must be a duration like \"10m\" or \"90s\", not \"" + late + "\"");
    auto at = string_field(body, "at");
    auto& actions = actions_;
    const std::string who = call->op->name;
    if (!at) {
        if (!late.empty()) throw ApiError(400, "`late` applies only with `at`");
        engine::ManualAiring manual{playlist, clip, *priority, who};
        return on_loop<Aired>(
            call, [&actions, manual] { return actions.air_now(manual); },
            [](Aired a) {
                json j = {{"broadcast", a.broadcast}};
                if (!a.airing.empty()) j["airing"] = a.airing;
                return json_reply(http::status::accepted, j);
            });
    }
    const std::string at_text = *at;
    OneShotRequest request{playlist, clip, *priority, Instant{}, late, who};
    on_loop<OneShotAdded>(
        call,
        [&actions, request, at_text]() mutable {
            auto t = parse_at_time(at_text, *actions.zone());
            if (!t)
                throw ApiError(400,
                               "`at` must be a date and time like \"2026-12-01T08:00\" "
                               "(local) or \"2026-12-01T08:00:00+08:00\", not \"" +
                                   at_text + "\"");
            request.at = *t;
            return actions.add_one_shot(request);
        },
        [zone = actions_.zone()](OneShotAdded added) {
            return json_reply(http::status::created,
                              {{"broadcast", added.broadcast},
                               {"scheduled", asrun::format_rfc3339(added.scheduled, zone)},
                               {"scheduled_ms", asrun::to_millis(added.scheduled)}});
        });
}

void ApiRouter::clip_audio(const std::shared_ptr<Call>& call, const std::string& id) {
    auto station = settings_.station;
    on_worker(call, [this, station, id] {
        std::lock_guard lock(files_mutex_);
        auto file = clip_file(station, id);
        if (!file) throw ApiError(404, "no clip `" + id + "` in the library");
        return file_reply(*file, false);
    });
}

void ApiRouter::upload(const std::shared_ptr<Call>& call) {
    auto it = call->target.query.find("name");
    auto name = library::parse_upload_name(it == call->target.query.end() ? "" : it->second);
    if (call->request.body().empty())
        throw ApiError(400, "the body is empty: send the file's bytes");
    if (call->request.body().size() > settings_.upload_limit)
        throw ApiError(413, "the file is larger than upload_limit");
    bool admin = call->op->role == Role::admin;
    auto station = settings_.station;
    struct Stored {
        json clip;
        std::string action;
        std::string detail;
    };
    auto stored = std::make_shared<Stored>();
    boost::asio::post(workers_, [this, call, name, admin, station, stored] {
        std::exception_ptr error;
        try {
            std::lock_guard lock(files_mutex_);
            auto st = station::load_station(station);
            auto dir = st.clips_dir() / "uploads";
            // Any file that already has this id (another extension counts: the id is the same).
            std::vector<std::filesystem::path> existing;
            for (const auto& ext : library::Library::extensions()) {
                std::error_code ec;
                auto p = dir / (name.stem + ext);
                if (std::filesystem::exists(p, ec)) existing.push_back(p);
            }
            if (!existing.empty() && !admin)
                throw ApiError(409, "a clip `" + name.id() +
                                        "` exists already; choose another name (replacing a "
                                        "clip needs the admin role)");
            auto incoming = st.state_dir() / "uploads";
            std::filesystem::create_directories(incoming);
            auto tmp = incoming / (".incoming-" + random_hex() + name.extension);
            {
                std::ofstream out(tmp, std::ios::binary);
                out.write(call->request.body().data(),
                          static_cast<std::streamsize>(call->request.body().size()));
                out.flush();
                if (!out) {
                    std::filesystem::remove(tmp);
                    throw UserError("cannot store the upload under " + incoming.string() +
                                    " (is the disk full?)");
                }
            }
            auto analysis = audio::analyse_clip(tmp);
            auto problem = library::upload_problem(analysis);
            if (!problem.empty()) {
                std::filesystem::remove(tmp);
                throw ApiError(400, "`" + name.file_name() + "` " + problem);
            }
            std::filesystem::create_directories(dir);
            for (const auto& p : existing) std::filesystem::remove(p);
            auto dest = dir / name.file_name();
            std::error_code ec;
            std::filesystem::rename(tmp, dest, ec);
            if (ec) {  // another file system: copy, then remove
                std::filesystem::copy_file(tmp, dest,
                                           std::filesystem::copy_options::overwrite_existing);
                std::filesystem::remove(tmp);
            }
            fsync_directory(dir);
            // Analysed into the library's index here, so the loop's reload only reads it.
            auto library = library::Library::scan(st);
            const auto* c = library.find(name.id());
            stored->clip = c ? clip_json(*c) : json{{"id", name.id()}};
            stored->action = existing.empty() ? "upload" : "replace";
            stored->detail =
                name.id() + " (" + name.file_name() + ", sha256 " + analysis.sha256 + ")";
        } catch (...) {
            error = std::current_exception();
        }
        boost::asio::post(server_, [this, call, stored, error] {
            if (error) return fail(call, error);
            std::string who = call->op->name;
            auto& actions = actions_;
            on_loop<bool>(
                call,
                [&actions, who, stored] {
                    actions.clips_changed(who, stored->action, stored->detail);
                    return true;
                },
                [stored](bool) { return json_reply(http::status::created, stored->clip); });
        });
    });
}

void ApiRouter::delete_clip(const std::shared_ptr<Call>& call, const std::string& id) {
    auto station = settings_.station;
    auto detail = std::make_shared<std::string>();
    boost::asio::post(workers_, [this, call, station, id, detail] {
        std::exception_ptr error;
        try {
            std::lock_guard lock(files_mutex_);
            auto file = clip_file(station, id);
            if (!file) throw ApiError(404, "no clip `" + id + "` in the library");
            *detail = id + " (" + file->filename().string() + ")";
            std::filesystem::remove(*file);
            fsync_directory(file->parent_path());
            (void)library::Library::scan(station::load_station(station));
        } catch (...) {
            error = std::current_exception();
        }
        boost::asio::post(server_, [this, call, detail, error] {
            if (error) return fail(call, error);
            std::string who = call->op->name;
            auto& actions = actions_;
            on_loop<bool>(
                call,
                [&actions, who, detail] {
                    actions.clips_changed(who, "delete-clip", *detail);
                    return true;
                },
                [](bool) { return empty_reply(http::status::no_content); });
        });
    });
}

void ApiRouter::static_file(const std::shared_ptr<Call>& call) {
    const auto method = call->request.method();
    allow_methods(method, {http::verb::get, http::verb::head});
    if (settings_.web_root.empty())
        throw ApiError(404, "the console's files are not installed (set [control] web_root)");
    auto decoded = url_decode(call->target.path);
    if (!decoded) throw ApiError(404, "no such file");
    auto file = resolve_static(settings_.web_root, *decoded);
    if (!file) throw ApiError(404, "no such file: " + call->target.path);
    answer(call, file_reply(*file, method == http::verb::head));
}

}  // namespace vc::control
