#include "audio/decode/ffmpeg_reader.hpp"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/channel_layout.h>
#include <libavutil/error.h>
#include <libavutil/log.h>
#include <libswresample/swresample.h>
}

#include <algorithm>
#include <cstring>
#include <mutex>
#include <string>

#include "audio/decode/decoder.hpp"
#include "audio/decode/file_format.hpp"

namespace vc::audio {

namespace {

std::string av_error_text(int err) {
    char buf[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(err, buf, sizeof buf);
    return buf;
}

/// FFmpeg prints its own complaints on stderr; ours name the file and say what to do instead.
void quiet_ffmpeg_logs() {
    static std::once_flag once;
    std::call_once(once, [] { av_log_set_level(AV_LOG_QUIET); });
}

std::string codec_name(AVCodecID id) {
    switch (id) {
        case AV_CODEC_ID_AAC:
            return "AAC";
        case AV_CODEC_ID_AMR_NB:
            return "AMR-NB";
        case AV_CODEC_ID_AMR_WB:
            return "AMR-WB";
        case AV_CODEC_ID_WMAV1:
        case AV_CODEC_ID_WMAV2:
        case AV_CODEC_ID_WMAPRO:
        case AV_CODEC_ID_WMAVOICE:
        case AV_CODEC_ID_WMALOSSLESS:
            return "WMA";
        case AV_CODEC_ID_MP3:
            return "MP3";
        case AV_CODEC_ID_OPUS:
            return "Opus";
        case AV_CODEC_ID_ALAC:
            return "ALAC";
        default: {
            const AVCodecDescriptor* d = avcodec_descriptor_get(id);
            return d ? d->name : "unknown codec";
        }
    }
}

bool has_video(const AVFormatContext* f) {
    for (unsigned i = 0; i < f->nb_streams; ++i) {
        const AVStream* s = f->streams[i];
        if (s->codecpar->codec_type == AVMEDIA_TYPE_VIDEO &&
            !(s->disposition & AV_DISPOSITION_ATTACHED_PIC))
            return true;
    }
    return false;
}

/// "AAC in MP4", "AAC in MP4 video", "AAC (ADTS)", "AMR-NB", "WMA".
std::string describe(const AVFormatContext* f, AVCodecID id) {
    std::string name = codec_name(id);
    const std::string container = f->iformat && f->iformat->name ? f->iformat->name : "";
    if (container.find("mp4") != std::string::npos)
        return name + (has_video(f) ? " in MP4 video" : " in MP4");
    if (container == "aac") return name + " (ADTS)";
    return name;
}

bool is_mp4_family(const std::filesystem::path& file) {
    const std::string ext = lower_extension(file);
    return ext == ".m4a" || ext == ".mp4" || ext == ".3gp" || ext == ".m4v" || ext == ".mov";
}

}  // namespace

FfmpegReader::FfmpegReader(const std::filesystem::path& file) : file_(file) {
    quiet_ffmpeg_logs();
    open();
}

FfmpegReader::~FfmpegReader() {
    close();
}

void FfmpegReader::fail(const std::string& what, int av_error) const {
    const std::string detail = av_error ? what + " (" + av_error_text(av_error) + ")" : what;
    throw AudioFileError("cannot read audio file " + file_.string() + ": " + detail, detail);
}

void FfmpegReader::open() {
    int err = avformat_open_input(&format_ctx_, file_.c_str(), nullptr, nullptr);
    if (err < 0) {
        format_ctx_ = nullptr;
        if (err == AVERROR_INVALIDDATA && is_mp4_family(file_))
            fail(
                "its index (the MP4 'moov' part) is missing or damaged, as when a recording is "
                "cut off while copying; copy or export it again",
                0);
        fail("FFmpeg does not recognise it as audio", err);
    }
    if ((err = avformat_find_stream_info(format_ctx_, nullptr)) < 0) {
        close();
        fail("FFmpeg cannot find its streams", err);
    }
    const AVCodec* decoder = nullptr;
    stream_ = av_find_best_stream(format_ctx_, AVMEDIA_TYPE_AUDIO, -1, -1, &decoder, 0);
    if (stream_ == AVERROR_STREAM_NOT_FOUND) {
        close();
        fail("it has no audio track", 0);
    }
    if (stream_ < 0 || !decoder) {
        const AVCodecID id =
            stream_ >= 0 ? format_ctx_->streams[stream_]->codecpar->codec_id : AV_CODEC_ID_NONE;
        close();
        fail("this machine's FFmpeg has no decoder for its audio (" + codec_name(id) + ")", 0);
    }
    // Only the audio track is demuxed: a video's pictures are skipped unread.
    for (unsigned i = 0; i < format_ctx_->nb_streams; ++i)
        if (static_cast<int>(i) != stream_) format_ctx_->streams[i]->discard = AVDISCARD_ALL;
    AVStream* st = format_ctx_->streams[stream_];

    codec_ = avcodec_alloc_context3(decoder);
    if (!codec_ || (err = avcodec_parameters_to_context(codec_, st->codecpar)) < 0 ||
        (err = avcodec_open2(codec_, decoder, nullptr)) < 0) {
        close();
        fail("FFmpeg cannot start its " + codec_name(decoder->id) + " decoder", err);
    }
    sample_rate_ = codec_->sample_rate;
    channels_ = codec_->ch_layout.nb_channels;
    if (sample_rate_ <= 0 || channels_ <= 0) {
        close();
        fail("it declares no channels or no sample rate", 0);
    }

    AVChannelLayout layout{};
    if (codec_->ch_layout.order == AV_CHANNEL_ORDER_UNSPEC)
        av_channel_layout_default(&layout, channels_);
    else
        av_channel_layout_copy(&layout, &codec_->ch_layout);
    err = swr_alloc_set_opts2(&swr_, &layout, AV_SAMPLE_FMT_FLT, sample_rate_, &layout,
                              codec_->sample_fmt, sample_rate_, 0, nullptr);
    av_channel_layout_uninit(&layout);
    if (err < 0 || (err = swr_init(swr_)) < 0) {
        close();
        fail("FFmpeg cannot convert its samples", err);
    }
    packet_ = av_packet_alloc();
    frame_ = av_frame_alloc();
    if (!packet_ || !frame_) {
        close();
        fail("out of memory", 0);
    }

    header_frames_ = 0;
    if (st->duration != AV_NOPTS_VALUE && st->duration > 0)
        header_frames_ = av_rescale_q(st->duration, st->time_base, AVRational{1, sample_rate_});
    else if (format_ctx_->duration != AV_NOPTS_VALUE && format_ctx_->duration > 0)
        header_frames_ = av_rescale_q(format_ctx_->duration, AVRational{1, AV_TIME_BASE},
                                      AVRational{1, sample_rate_});
    format_ = describe(format_ctx_, decoder->id);
    draining_ = false;
    ended_ = false;
    pending_.clear();
    pending_at_ = 0;
}

void FfmpegReader::close() noexcept {
    swr_free(&swr_);
    av_frame_free(&frame_);
    av_packet_free(&packet_);
    avcodec_free_context(&codec_);
    if (format_ctx_) avformat_close_input(&format_ctx_);
    format_ctx_ = nullptr;
}

bool FfmpegReader::decode_more() {
    for (;;) {
        int err = avcodec_receive_frame(codec_, frame_);
        if (err == 0) {
            const int n = frame_->nb_samples;
            pending_.resize(static_cast<std::size_t>(n) * static_cast<std::size_t>(channels_));
            pending_at_ = 0;
            auto* out = reinterpret_cast<std::uint8_t*>(pending_.data());
            const int got = swr_convert(swr_, &out, n,
                                        const_cast<const std::uint8_t**>(frame_->extended_data), n);
            av_frame_unref(frame_);
            if (got < 0) fail("FFmpeg cannot convert its samples", got);
            pending_.resize(static_cast<std::size_t>(got) * static_cast<std::size_t>(channels_));
            if (got > 0) return true;
            continue;
        }
        if (err == AVERROR_EOF) return false;
        if (err != AVERROR(EAGAIN)) fail("its audio cannot be decoded", err);
        if (draining_) return false;
        err = av_read_frame(format_ctx_, packet_);
        if (err == AVERROR_EOF) {
            draining_ = true;
            avcodec_send_packet(codec_, nullptr);
            continue;
        }
        if (err < 0) fail("its audio cannot be read to the end", err);
        if (packet_->stream_index == stream_) {
            err = avcodec_send_packet(codec_, packet_);
            av_packet_unref(packet_);
            if (err < 0 && err != AVERROR(EAGAIN)) fail("its audio cannot be decoded", err);
        } else {
            av_packet_unref(packet_);
        }
    }
}

std::int64_t FfmpegReader::read(float* out, std::int64_t frames) {
    std::int64_t done = 0;
    const auto ch = static_cast<std::size_t>(channels_);
    while (done < frames && !ended_) {
        if (pending_at_ == pending_.size()) {
            if (!decode_more()) {
                ended_ = true;
                break;
            }
        }
        const std::size_t available = (pending_.size() - pending_at_) / ch;
        const auto take = std::min<std::size_t>(available, static_cast<std::size_t>(frames - done));
        std::memcpy(out + static_cast<std::size_t>(done) * ch, pending_.data() + pending_at_,
                    take * ch * sizeof(float));
        pending_at_ += take * ch;
        done += static_cast<std::int64_t>(take);
    }
    return done;
}

void FfmpegReader::rewind() {
    // Opened afresh: the first frame comes back exactly, with the encoder's priming skipped as
    // on the first pass.
    close();
    open();
}

}  // namespace vc::audio
