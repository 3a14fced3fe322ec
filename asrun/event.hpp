#pragma once
// One event of the as-run log and its canonical encoding: the exact bytes that are stored and
// hashed. docs/as-run-log.md describes every field; keep the two in step.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/duration.hpp"
#include "core/instant.hpp"

namespace vc::asrun {

/// Version of the payload layout, stored in every payload as "v".
inline constexpr int payload_version = 1;

/// What an event records. Stored as the payload's "kind" (the names in to_string()).
enum class EventKind {
    started,          ///< "started": an airing was prepared and is about to go out
    ended,            ///< "ended": an airing's outcome
    missed,           ///< "missed": an occurrence that did not air at all
    progress,         ///< "progress": an airing is still going out (once a minute)
    daemon_start,     ///< "daemon-start"
    daemon_stop,      ///< "daemon-stop"
    reload,           ///< "reload": station files read again
    clock_step,       ///< "clock-step": the wall clock jumped
    operator_action,  ///< "operator": something a person did
    system,           ///< "system": something the daemon did to its surroundings
};

/// The stored name: "started", "ended", "missed", "progress", "daemon-start", "daemon-stop",
/// "reload", "clock-step", "operator", "system".
std::string_view to_string(EventKind kind);
/// The kind for a stored name, or nullopt.
std::optional<EventKind> parse_event_kind(std::string_view name);

/// How an airing ended.
enum class EndStatus {
    aired,        ///< "aired": went out to the end
    interrupted,  ///< "interrupted": cut off (the reason says by what)
    partial,      ///< "partial": a clip failed mid-way; the rest went out
    failed,       ///< "failed": nothing usable went out (the reason says why)
};
std::string_view to_string(EndStatus status);
std::optional<EndStatus> parse_end_status(std::string_view name);

/// A clip of an airing and the SHA-256 of the file that was played.
struct ClipHash {
    std::string clip;    ///< clip id (path under clips/ without the extension)
    std::string sha256;  ///< lower-case hex
    /// For a clip spoken from a playlist's text item: the text as written (its clip id,
    /// spoken/KEY, is the hash of the text and what spoke it). Empty otherwise, and then left
    /// out of the row, so rows of clips read from files keep their encoding.
    std::string text;
    bool operator==(const ClipHash&) const = default;
};

/// A ClipHash as it is written in a row: {"clip", "sha256"} and "text" when there is one.
nlohmann::json clip_json(const ClipHash& clip);

/// The air-check recording of an airing.
struct AirCheck {
    std::string path;
    std::string sha256;
    bool operator==(const AirCheck&) const = default;
};

/// One station file seen by a reload.
struct ReloadedFile {
    std::string file;    ///< path relative to the station folder
    std::string sha256;  ///< of the file's bytes as read
    bool taken = true;   ///< false when the file was refused (the old version stays in force)
    std::string note;    ///< why it was refused, or empty
    bool operator==(const ReloadedFile&) const = default;
};

/// `started`: written and synced during the preparation lead, before the first sample goes out.
struct Started {
    std::string airing;                ///< unique id of this airing (see make_airing_id)
    std::string broadcast;             ///< broadcast id
    std::string playlist;              ///< the playlist that airs, or empty when a single clip airs
    std::string clip;                  ///< the clip that airs alone, or empty
    std::string trigger = "schedule";  ///< "schedule", or who started it (e.g. "operator 王芳")
    std::string priority;              ///< emergency, urgent, notice, routine or background
    Instant scheduled{};               ///< the occurrence's scheduled instant
    Instant planned_start{};           ///< when it was set to start
    std::vector<std::string> zones;    ///< the zones it goes to
    std::vector<ClipHash> clips;       ///< the clips of the timeline, in order
    /// For a page: the live input that airs ("microphone", "browser"); empty for files, and
    /// then left out of the row.
    std::string live;
    bool operator==(const Started&) const = default;
};

/// Which receivers of a zone on a Snapcast stream were connected, as snapserver reported it.
struct Reception {
    /// False when snapserver could not be asked (its connection lost): nothing is claimed.
    bool known = false;
    std::vector<std::string> connected;  ///< receivers on the zone's stream, connected
    std::vector<std::string> missing;    ///< receivers on the zone's stream, not connected
    std::string why;                     ///< known == false: why not
    bool operator==(const Reception&) const = default;
};

/// A Reception as a row and the export write it ({"known", "connected", "missing"} or
/// {"known": false, "why"}); null when there is none.
nlohmann::json reception_json(const std::optional<Reception>& r);

/// A receiver of an airing's zone that left while the airing went out, as snapserver told it.
struct ReceptionDrop {
    std::string receiver;
    Instant left{};
    std::optional<Instant> back;  ///< when it came back before the airing's end, if it did
    bool operator==(const ReceptionDrop&) const = default;
};

/// The drops of a row as it and the export write them: [{"receiver", "left", "back"}], times in
/// UTC epoch milliseconds, "back" null when it did not come back.
nlohmann::json drops_json(const std::vector<ReceptionDrop>& drops);

/// `ended`: the outcome of the airing named by `airing`.
struct Ended {
    std::string airing;
    EndStatus status = EndStatus::aired;
    /// True when this is the occurrence's final outcome. False only for an airing that will be
    /// tried again (an interrupted airing put back in the queue), so that the re-airing is not
    /// mistaken for a second play.
    bool final = true;
    std::string reason;  ///< empty for aired; what interrupted it, what failed and why
    std::optional<Instant> actual_start;  ///< when the first sample reached the output, if known
    std::optional<AirCheck> aircheck;     ///< when air-check recording is on
    /// A zone on a Snapcast stream: its receivers at the airing's first and last sample (the
    /// first is absent when it never began); left out of the row for other zones.
    std::optional<Reception> reception_start{};
    std::optional<Reception> reception_end{};
    /// Its receivers that left between the first and the last sample, in order; written (in
    /// "reception") only when there is one.
    std::vector<ReceptionDrop> drops{};
    bool operator==(const Ended&) const = default;
};

/// `missed`: an occurrence that will not air. Always final.
struct Missed {
    std::string broadcast;
    std::string playlist;
    std::string clip;
    std::string trigger = "schedule";
    std::string priority;
    Instant scheduled{};
    std::vector<std::string> zones;
    std::string reason;  ///< "daemon down", "late window passed while waiting for X", ...
    std::string live;    ///< for a page: its live input (see Started::live)
    bool operator==(const Missed&) const = default;
};

/// `progress`: the airing is still going out; written once a minute.
struct Progress {
    std::string airing;
    Millis position{0};  ///< how far into the airing
    std::optional<Instant> actual_start;
    bool operator==(const Progress&) const = default;
};

/// `daemon-start`.
struct DaemonStart {
    std::string version;
    std::string station;  ///< the station folder
    bool operator==(const DaemonStart&) const = default;
};

/// `daemon-stop`.
struct DaemonStop {
    std::string reason;  ///< "SIGTERM", "operator 王芳", ...
    bool operator==(const DaemonStop&) const = default;
};

/// `reload`: each file read and whether it was taken.
struct Reload {
    std::vector<ReloadedFile> files;
    bool operator==(const Reload&) const = default;
};

/// `clock-step`: the wall clock moved from `from` to `to` at once.
struct ClockStep {
    Instant from{};
    Instant to{};
    /// Occurrences the step passed over without a row each (a forward step of more than a
    /// day); 0 otherwise.
    std::int64_t skipped = 0;
    bool operator==(const ClockStep&) const = default;
};

/// The occurrence a person's request to air something now became. It is written with the
/// request, so that a daemon started after a crash finds what was accepted and not yet final.
struct ManualRequest {
    std::string broadcast;  ///< its own broadcast id: "manual-<UTC time>[-n]"
    std::string playlist;   ///< what airs: a playlist, or empty when `clip` is set
    std::string clip;
    std::string priority;
    Instant scheduled{};  ///< when it was to start
    Millis late{0};       ///< it may start up to this long after `scheduled`
    /// The zones it was asked for, resolved (empty on a station without zones; the payload
    /// then has no "zones").
    std::vector<std::string> zones;
    std::string live;  ///< for a page: its live input (see Started::live)
    bool operator==(const ManualRequest&) const = default;
};

/// `operator`: an action by a named person (skip, stop, play now, mute a zone, ...).
struct OperatorAction {
    OperatorAction() = default;
    OperatorAction(std::string who, std::string what, std::string on,
                   std::optional<ManualRequest> became = std::nullopt)
        : name(std::move(who)),
          action(std::move(what)),
          detail(std::move(on)),
          request(std::move(became)) {}

    std::string name;    ///< who
    std::string action;  ///< what, as a short word: "stop", "play", "skip", ...
    std::string detail;  ///< on what, free text
    /// For "broadcast": the occurrence it became (its fields sit beside the others in the
    /// payload). Absent for every other action.
    std::optional<ManualRequest> request;
    bool operator==(const OperatorAction&) const = default;
};

/// `system`: an action of the daemon outside the audio (an amplifier command and its exit
/// status, an old air-check deleted, free disk space falling below the alarm, the system clock
/// losing synchronisation, refused logins counted per source and minute).
struct SystemAction {
    std::string action;  ///< a short word: "amp-before", "amp-after", "aircheck-deleted", ...
    std::string detail;  ///< free text: the command and its exit status, the file, ...
    bool ok = true;      ///< false for a failure or an alarm
    bool operator==(const SystemAction&) const = default;
};

using EventBody = std::variant<Started, Ended, Missed, Progress, DaemonStart, DaemonStop, Reload,
                               ClockStep, OperatorAction, SystemAction>;

/// One as-run event: when it happened and what. An event carries its own time, so an event kept
/// in memory and written later keeps the instant it happened. Plain value; any thread.
struct Event {
    Instant at{};  ///< when it happened (wall clock, UTC)
    EventBody body;

    [[nodiscard]] EventKind kind() const;

    /// The payload as a JSON object: "v", "kind", "at" and the kind's fields.
    [[nodiscard]] nlohmann::json to_json() const;
    /// The canonical encoding: to_json() dumped with sorted keys, no whitespace, UTF-8 as is
    /// (bytes that are not UTF-8 become U+FFFD, so that an odd file name never loses a row).
    [[nodiscard]] std::string canonical() const;

    /// Reads an event back from its payload. Throws std::runtime_error saying what is wrong
    /// when a field is missing or has the wrong type, or the version is newer than this program.
    static Event from_json(const nlohmann::json& payload);
    /// Parses a stored payload. Throws std::runtime_error when it is not JSON or not an event.
    static Event parse(std::string_view payload);

    bool operator==(const Event&) const = default;
};

/// The canonical bytes of any JSON value (the same rules as Event::canonical()).
std::string canonical_json(const nlohmann::json& value);

/// An airing id that is unique as long as one broadcast is not started twice in one zone at the
/// same millisecond: "<broadcast>@<planned start as UTC 20250301T000000.000Z>", or
/// "<broadcast>@<zone>@<planned start>" for an airing in a named zone. The text before the first
/// '@' is the broadcast, after the last the planned start.
std::string make_airing_id(std::string_view broadcast, Instant planned_start,
                           std::string_view zone = {});

/// Instant as UTC milliseconds since the epoch, as stored.
inline std::int64_t to_millis(Instant t) {
    return t.time_since_epoch().count();
}
inline Instant from_millis(std::int64_t ms) {
    return Instant(std::chrono::milliseconds(ms));
}

}  // namespace vc::asrun
