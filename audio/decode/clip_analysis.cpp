#include "audio/decode/clip_analysis.hpp"

#include <sndfile.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <memory>
#include <optional>
#include <vector>

#include "audio/decode/decoder.hpp"
#include "audio/decode/file_format.hpp"
#include "audio/decode/loudness_meter.hpp"
#include "audio/decode/ogg_pages.hpp"
#include "audio/decode/pcm_container.hpp"
#include "core/diagnostic.hpp"
#include "core/sha256.hpp"

namespace vc::audio {

namespace {

constexpr std::int64_t block_frames = 8192;

/// "480000 frames (10.00 s)"
std::string frames_and_seconds(std::int64_t frames, int rate) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "%lld frames (%.2f s)", static_cast<long long>(frames),
                  rate > 0 ? static_cast<double>(frames) / rate : 0.0);
    return buf;
}

bool is_chunked_pcm(int sf_format) {
    switch (sf_format & SF_FORMAT_TYPEMASK) {
        case SF_FORMAT_WAV:
        case SF_FORMAT_WAVEX:
        case SF_FORMAT_RF64:
        case SF_FORMAT_AIFF:
            return true;
        default:
            return false;
    }
}

bool is_lossy(int sf_format) {
    const int major = sf_format & SF_FORMAT_TYPEMASK;
    return major == SF_FORMAT_OGG || major == SF_FORMAT_MPEG;
}

/// Compares what a WAV/RF64/AIFF header declares with the bytes present; "" when they agree.
std::string container_problem(const std::filesystem::path& file, int rate) {
    auto extent = inspect_pcm_container(file);
    if (!extent || extent->block_align == 0) return "";
    const auto align = extent->block_align;
    const auto declared = static_cast<std::int64_t>(extent->declared_bytes / align);
    const auto present = static_cast<std::int64_t>(extent->present_bytes / align);
    if (extent->present_bytes < extent->declared_bytes)
        return "truncated: the header says " + frames_and_seconds(declared, rate) +
               " but the file holds only " + frames_and_seconds(present, rate) +
               "; it was cut off while copying or recording: copy or export it again";
    if (extent->stray_bytes > 0) {
        const auto total =
            static_cast<std::int64_t>((extent->declared_bytes + extent->stray_bytes) / align);
        return "its header lies about its length: it says " + frames_and_seconds(declared, rate) +
               " but about " + frames_and_seconds(total, rate) +
               " of data follow; only the first part would play: export it again";
    }
    return "";
}

}  // namespace

TrimmedClip trimmed(const ClipAnalysis& a) {
    if (a.quiet_start >= a.frames) return {0, a.frames};
    const std::int64_t margin = a.sample_rate / 10;
    const std::int64_t skip = std::max<std::int64_t>(0, a.quiet_start - margin);
    const std::int64_t cut = std::max<std::int64_t>(0, a.quiet_end - margin);
    return {skip, a.frames - skip - cut};
}

ClipAnalysis analyse_clip(const std::filesystem::path& file) {
    ClipAnalysis r;
    std::error_code ec;
    const auto status = std::filesystem::status(file, ec);
    if (ec || !std::filesystem::exists(status)) {
        r.problem = "file not found";
        return r;
    }
    if (!std::filesystem::is_regular_file(status)) {
        r.problem = "not a regular file";
        return r;
    }
    try {
        r.sha256 = sha256_file(file);
    } catch (const std::exception& e) {
        r.problem = e.what();
        return r;
    }
    if (std::filesystem::file_size(file, ec) == 0 && !ec) {
        r.problem = "empty file (0 bytes)";
        return r;
    }

    std::unique_ptr<Decoder> decoder;
    try {
        decoder = std::make_unique<Decoder>(file);
    } catch (const AudioFileError& e) {
        r.problem = read_by_ffmpeg(file) || holds_wechat_silk(file)
                        ? e.detail()
                        : "not an audio file libsndfile can read: " + e.detail();
        return r;
    }
    r.format = decoder->format();
    r.decoder = decoder->library();
    r.sample_rate = decoder->sample_rate();
    r.channels = decoder->channels();
    const bool sndfile = decoder->sf_format() != 0;
    if (sndfile && !extension_matches(file, decoder->sf_format())) {
        r.problem = "mislabelled: it is named " + file.extension().string() + " but holds " +
                    r.format + " audio; rename it to " + file.stem().string() +
                    usual_extension(decoder->sf_format());
        return r;
    }

    std::optional<LoudnessMeter> meter;
    try {
        meter.emplace(r.channels, r.sample_rate);
    } catch (const UserError& e) {
        r.problem = e.what();
        return r;
    }

    std::vector<float> buf(static_cast<std::size_t>(block_frames * r.channels));
    std::int64_t first_sound = -1;
    std::int64_t last_sound = -1;
    try {
        for (;;) {
            const std::int64_t n = decoder->read(buf.data(), block_frames);
            if (n == 0) break;
            meter->add(buf.data(), n);
            for (std::int64_t f = 0; f < n; ++f) {
                const float* frame = buf.data() + f * r.channels;
                if (std::any_of(frame, frame + r.channels,
                                [](float x) { return std::fabs(x) >= quiet_threshold; })) {
                    if (first_sound < 0) first_sound = r.frames + f;
                    last_sound = r.frames + f;
                }
            }
            r.frames += n;
        }
    } catch (const AudioFileError& e) {
        const std::int64_t claimed = decoder->header_frames();
        r.problem = (claimed > r.frames ? "truncated or damaged: the header says " +
                                              frames_and_seconds(claimed, r.sample_rate) + " but"
                                        : std::string("damaged:")) +
                    " decoding stopped after " + frames_and_seconds(r.frames, r.sample_rate) +
                    " (" + e.detail() + "); copy or export it again";
    }

    r.quiet_start = first_sound < 0 ? r.frames : first_sound;
    r.quiet_end = first_sound < 0 ? r.frames : r.frames - 1 - last_sound;

    r.integrated_lufs = meter->integrated_lufs();
    r.true_peak_dbtp = meter->true_peak_dbtp();
    if (!r.problem.empty()) return r;

    if (sndfile && is_chunked_pcm(decoder->sf_format()))
        r.problem = container_problem(file, r.sample_rate);
    if (sndfile && (decoder->sf_format() & SF_FORMAT_TYPEMASK) == SF_FORMAT_OGG &&
        ogg_stream_complete(file) == false)
        r.problem = "truncated: the Ogg stream ends without its last page after " +
                    frames_and_seconds(r.frames, r.sample_rate) +
                    "; it was cut off while copying or recording: copy or export it again";
    const std::int64_t claimed = decoder->header_frames();
    const bool claim_known = claimed > 0 && claimed != std::numeric_limits<sf_count_t>::max();
    // MP3, Ogg and what FFmpeg reads (all lossy: AAC, AMR, WMA) may claim a length off by a
    // packet or two; lossless lengths are exact.
    const std::int64_t slack = !sndfile ? 4096 : is_lossy(decoder->sf_format()) ? 2304 : 0;
    if (r.problem.empty() && claim_known && r.frames + slack < claimed)
        r.problem = "truncated: the header says " + frames_and_seconds(claimed, r.sample_rate) +
                    " but only " + frames_and_seconds(r.frames, r.sample_rate) +
                    " could be decoded; the file is incomplete or damaged: copy or export it again";
    if (r.problem.empty() && r.frames == 0) r.problem = "no audio in it (0 frames)";
    r.ok = r.problem.empty();
    return r;
}

}  // namespace vc::audio
