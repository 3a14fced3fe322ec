#pragma once
// A station's settings: station.toml at the root of the station folder, as plain data.

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "audio/audio_format.hpp"
#include "core/duration.hpp"
#include "core/toml_reader.hpp"
#include "library/library_folders.hpp"
#include "playlists/mix_settings.hpp"
#include "station/zones.hpp"

namespace vc::station {

/// A day of the year as written in station.toml ("05-01"): month 1..12, day 1..31.
struct MonthDay {
    int month = 1;
    int day = 1;
    bool operator==(const MonthDay&) const = default;
};

/// A named yearly date range, both ends included; `until` before `from` spans the new year.
struct Season {
    MonthDay from;
    MonthDay until;
    bool operator==(const Season&) const = default;
};

/// The [output] table: where sound goes and in which format.
struct OutputSettings {
    /// A PortAudio device name or index, "null", "wav:FILE", "flac:FILE" or "snapcast:STREAM".
    std::string device = "default";
    SourcePos device_pos;     ///< where `device` is written (0:0 when absent)
    int sample_rate = 48000;  ///< 8000..192000
    int channels = 2;         ///< 1..32 (max_zone_channel): a card with a channel per village
    /// Amplifier sequencing: a command (argv, run without a shell) run `before_lead` before the
    /// first sample of a foreground airing when the amplifier is off, and one run once nothing
    /// has aired for `after_delay`. Empty: none.
    std::vector<std::string> before;
    Millis before_lead{3000};
    std::vector<std::string> after;
    Millis after_delay{30000};
    Millis command_timeout{10000};  ///< a command still running after this is killed
    /// The sound card's (or sound server's) own buffer below the station's: 0 takes the
    /// device's default high latency, at least 100 ms (safe on a busy PC). Lower it (30ms) for
    /// quicker pages from the office microphone.
    Millis latency{0};
};

/// The [control] table: the console and control API served by `villagecast run`.
struct ControlSettings {
    std::string listen = "127.0.0.1:8470";    ///< "HOST:PORT", "[IPv6]:PORT", or "off"
    std::filesystem::path tls_cert;           ///< PEM certificate (absolute), or empty: plain HTTP
    std::filesystem::path tls_key;            ///< PEM private key (absolute), or empty
    std::uint64_t upload_limit = 64'000'000;  ///< bytes: the largest clip upload
    std::uint64_t body_limit = 64'000;        ///< bytes: the largest body of other requests
    std::filesystem::path web_root;  ///< the console's static files (absolute); empty: default
    [[nodiscard]] bool enabled() const { return listen != "off"; }
    /// Both a certificate and its key are set: the console speaks HTTPS only.
    [[nodiscard]] bool tls() const { return !tls_cert.empty() && !tls_key.empty(); }
};

/// The [tts] table: an external text-to-speech program used instead of espeak-ng's library.
struct TtsSettings {
    /// The program and its arguments, one holding "{out}" (where it writes its WAV); the text
    /// comes on its standard input. Empty: espeak-ng.
    std::vector<std::string> command;
    Millis timeout{60000};  ///< a run taking longer is stopped
};

/// The [snapcast] table: the snapserver (Debian 12's 0.26) that carries the zones whose output
/// is "snapcast:STREAM" to the villages' receivers.
struct SnapcastSettings {
    std::string host = "127.0.0.1";  ///< snapserver's IPv4 address
    int control_port = 1705;         ///< its JSON-RPC port ([tcp] port in snapserver.conf)
    /// Where its receivers connect ([stream] port in snapserver.conf): the daemon keeps one
    /// receiver of its own on each stream there, to read when snapserver starts the stream.
    int receiver_port = 1704;
    /// snapserver's end-to-end buffer (`buffer` in snapserver.conf's [stream]): a zone's first
    /// sample is sent this much before its instant so that the receivers sound on time.
    Millis buffer{1000};
    /// How much of a stream snapserver reads at once (`chunk_ms` of each source that
    /// `villagecast snapcast config` prints). snapserver starts a stream's clock again from any
    /// read that comes later than one chunk, which moves every receiver's sound later than the
    /// daemon placed it; 50 ms chunks ride out a busy snapserver that 20 ms ones (its default)
    /// do not. (0.26 mistimes its reads with chunks of 16 KiB or more: 90 ms at 48 kHz stereo.)
    static constexpr Millis chunk{50};
    /// The first TCP port of the streams: each Snapcast zone's stream, in zone order, gets the
    /// next one (snapserver listens on it; the daemon connects when it airs to the zone).
    int stream_port = 4953;
};

/// The [page] table: live paging (喊话) from a microphone on the office PC or the console.
struct PageSettings {
    /// The microphone: "default", a capture device's index or part of its name (as `device` in
    /// [output]; `villagecast devices --input` lists them).
    std::string input = "default";
    Millis page_max{std::chrono::minutes(5)};  ///< a page ends by itself after this long
    Millis page_dropout{2000};  ///< a page whose input sends nothing this long ends, input lost
    /// An attention chime (a clip id) aired before the voice, which waits for it (delayed by
    /// its length, not cut); "" for none.
    std::string chime;
    SourcePos chime_pos;  ///< where `page_chime` is written (0:0 when absent)
    /// A push-to-talk key on the office PC: an input device (a USB foot switch or keyboard,
    /// /dev/input/by-id/...-event-kbd, or a named pipe carrying the same events); empty: none.
    std::filesystem::path push_to_talk;
    std::string push_to_talk_key = "KEY_F12";  ///< the key's Linux name (KEY_*, BTN_*)
    /// Who the as-run log names for pages from the key ("operator 办公室话筒").
    std::string push_to_talk_operator = "办公室话筒";
    bool high_pass = true;   ///< cut rumble and handling noise below 100 Hz
    bool noise_gate = true;  ///< close below -50 dBFS, so the hiss of an open mic is not aired
    double gain = 0.0;       ///< dB of make-up gain before the station's ceiling
};

/// Everything station.toml says, with the defaults filled in.
struct Station {
    std::filesystem::path root;              ///< the station folder (absolute)
    std::string name;                        ///< default: the folder's name
    std::string timezone = "Asia/Shanghai";  ///< an IANA zone that date::locate_zone knows
    std::string chime;               ///< default intro of every playlist (a clip id); "" for none
    SourcePos chime_pos;             ///< where `chime` is written in station.toml (0:0 when absent)
    double loudness_target = -16.0;  ///< LUFS every clip is normalised to
    double ceiling = -1.0;           ///< dBFS, the master limiter's ceiling
    Millis gap_between{2000};        ///< no foreground airing starts within this of the previous
    double duck_db = -15.0;          ///< background airings duck by this under foreground ones
    bool aircheck = false;           ///< record each airing as FLAC under state/aircheck/
    Millis aircheck_keep{std::chrono::hours(24 * 180)};  ///< air-checks older than this go
    std::uint64_t disk_alarm = 2'000'000'000;  ///< alarm below this many bytes free under state/
    /// Named groups of loudspeakers, in file order ("all" is implicit): [[zone]] tables, or a
    /// top-level `zones = [...]` whose zones all play on [output]'s device.
    std::vector<Zone> zones;
    std::vector<ZoneGroup> groups;  ///< [group], in file order
    SnapcastSettings snapcast;      ///< [snapcast]
    OutputSettings output;
    std::map<std::string, Season> seasons;  ///< by name
    ControlSettings control;                ///< [control]
    TtsSettings tts;                        ///< [tts]
    PageSettings page;                      ///< [page]

    [[nodiscard]] std::filesystem::path file() const { return root / "station.toml"; }
    [[nodiscard]] std::filesystem::path clips_dir() const { return root / "clips"; }
    [[nodiscard]] std::filesystem::path playlists_dir() const { return root / "playlists"; }
    [[nodiscard]] std::filesystem::path state_dir() const { return root / "state"; }
    [[nodiscard]] std::filesystem::path aircheck_dir() const { return state_dir() / "aircheck"; }
    /// The output's sample format, from [output].
    [[nodiscard]] audio::AudioFormat output_format() const {
        return {output.sample_rate, output.channels};
    }
    /// Where the library is: clips/ and the analysis index under state/.
    [[nodiscard]] library::LibraryFolders library_folders() const {
        return {clips_dir(), state_dir() / "library-index.json"};
    }
    /// What the timeline builder needs from station.toml.
    [[nodiscard]] playlists::MixSettings mix() const {
        return {output_format(), loudness_target, ceiling,        chime,
                chime_pos,       file(),          playlists_dir()};
    }
    // The settings each inner part reads convert implicitly, so callers pass the station whole.
    operator library::LibraryFolders() const { return library_folders(); }  // NOLINT
    operator playlists::MixSettings() const { return mix(); }               // NOLINT
};

/// Reads `root`/station.toml. Throws UserError when the folder has no station.toml, and
/// DiagnosticError listing every problem of the file at once (file:line:col each): syntax,
/// unknown keys, wrong types, an unknown time zone, values out of range, a bad MM-DD date, a
/// chime that is not a clip id inside clips/. Call from the control thread (it reads tzdata).
Station load_station(const std::filesystem::path& root);

/// Parses a size as people write it: "500MB", "2GB", "2GiB", "1.5GB", "750 kB" (B, kB, MB, GB,
/// TB are powers of 1000; KiB, MiB, GiB, TiB powers of 1024; letters in any case). Returns
/// nullopt when the text does not parse (a number needs a unit) or does not fit 64 bits. Pure.
std::optional<std::uint64_t> parse_byte_size(std::string_view text);

}  // namespace vc::station
