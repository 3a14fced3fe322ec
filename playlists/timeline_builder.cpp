// The timeline arithmetic (the product's contract; docs/timelines.md says the same):
//
// R is the output sample rate ([output] sample_rate). All positions are whole output frames.
//   A clip of N frames at r Hz lasts  len(clip) = ceil(N x R / r)  frames
//   (audio::output_frames_for). A duration of ms milliseconds lasts  frames(ms) = round(ms x R /
//   1000), halves up (audio::frames_for_ms).
// Layout, with t the running position starting at 0:
//   1. intro (the playlist's `intro`, else the station's `chime`, else none): placed at t = 0;
//      t += len(intro).
//   2. the body, `repeat` times: each item in order; a clip item is placed at t and t += len(clip);
//      a silence item adds t += frames(silence). Between two repeats (not after the last)
//      t += frames(gap). Nothing else is added between items.
//   3. outro: placed at t; t += len(outro).
//   The timeline's length is the final t.
//   4. bed: one looping placement from 0 to the length, fading in over the first F frames and out
//      over the last F, F = min(frames(fade), length / 2) with integer division; no bed when the
//      length is 0.
// Gain of a placement, in dB: min(loudness_target - clip's integrated LUFS, +20) + the item's
// gain_db (intro and outro: 0; the bed: [bed] gain_db). The limiter ceiling is the station's.
// Duration in milliseconds (what the scheduler plans with): ceil(length x 1000 / R).

#include "playlists/timeline_builder.hpp"

#include <algorithm>

#include "core/clip_ref.hpp"
#include "playlists/playlist_check.hpp"

namespace vc::playlists {
namespace {

double normalisation_gain_db(const library::ClipInfo& clip, const MixSettings& mix) {
    return std::min(mix.loudness_target - clip.analysis.integrated_lufs, max_normalisation_gain_db);
}

audio::Placement place(const library::ClipInfo& clip, const MixSettings& mix, std::int64_t start,
                       double item_gain_db, bool trim = false) {
    audio::Placement p;
    p.file = clip.path;
    p.clip_id = clip.id;
    p.start = start;
    p.length = clip.output_frames(mix.format.sample_rate);
    p.source_frames = clip.analysis.frames;
    if (trim || clip.trim) {
        const auto kept = audio::trimmed(clip.analysis);
        p.skip = kept.skip;
        p.source_frames = kept.frames;
        p.length = audio::output_frames_for(kept.frames, clip.analysis.sample_rate,
                                            mix.format.sample_rate);
    }
    p.source_rate = clip.analysis.sample_rate;
    p.source_channels = clip.analysis.channels;
    p.gain_db = normalisation_gain_db(clip, mix) + item_gain_db;
    return p;
}

audio::Timeline empty_timeline(const MixSettings& mix) {
    audio::Timeline tl;
    tl.format = mix.format;
    tl.ceiling_dbfs = mix.ceiling;
    return tl;
}

}  // namespace

audio::Timeline build_timeline(const Playlist& playlist, const library::Library& library,
                               const MixSettings& mix) {
    if (!playlist.ok) {
        throw UserError("playlist `" + playlist.name + "` cannot air: " + playlist.file.string() +
                        " has errors (run `villagecast check` to see them)");
    }
    Diagnostics diags;
    check_playlist(playlist, library, mix, diags);
    diags.throw_if_errors();

    const int rate = mix.format.sample_rate;
    audio::Timeline tl = empty_timeline(mix);
    std::vector<audio::Placement> body;
    std::int64_t t = 0;
    auto add_clip = [&](const ClipRef& ref, double item_gain_db, bool trim = false) {
        const library::ClipInfo& clip = *library.find(ref.id);
        body.push_back(place(clip, mix, t, item_gain_db, trim));
        t += body.back().length;
    };

    if (auto intro = effective_intro(playlist, mix)) {
        add_clip(*intro, 0.0);
    }
    for (int r = 0; r < playlist.repeat; ++r) {
        if (r > 0) {
            t += audio::frames_for_ms(playlist.gap.count(), rate);
        }
        for (const auto& item : playlist.items) {
            if (item.clip) {
                add_clip(*item.clip, item.gain_db, item.trim);
            } else if (item.text) {
                throw UserError(playlist.file.string() + ": [[item]] #" +
                                std::to_string(item.number) +
                                ": its text has not been spoken into a clip");
            } else {
                t += audio::frames_for_ms(item.silence.count(), rate);
            }
        }
    }
    if (playlist.outro) {
        add_clip(*playlist.outro, 0.0);
    }
    tl.length = t;

    if (playlist.bed && tl.length > 0) {
        audio::Placement bed =
            place(*library.find(playlist.bed->clip.id), mix, 0, playlist.bed->gain_db);
        bed.length = tl.length;
        bed.loop = true;
        bed.fade_in = bed.fade_out =
            std::min(audio::frames_for_ms(playlist.bed->fade.count(), rate), tl.length / 2);
        tl.placements.push_back(std::move(bed));
    }
    tl.placements.insert(tl.placements.end(), body.begin(), body.end());
    std::stable_sort(tl.placements.begin(), tl.placements.end(),
                     [](const auto& a, const auto& b) { return a.start < b.start; });
    return tl;
}

audio::Timeline build_clip_timeline(const std::string& clip_id, const library::Library& library,
                                    const MixSettings& mix) {
    if (auto problem = validate_clip_ref(clip_id)) {
        throw UserError(*problem);
    }
    const library::ClipInfo* clip = library.find(clip_id);
    if (!clip) {
        throw UserError(missing_clip_message(clip_id));
    }
    if (!clip->ok) {
        throw UserError("clip `" + clip_id + "` (clips/" + clip->relative_path +
                        ") cannot air: " + clip->problem);
    }
    audio::Timeline tl = empty_timeline(mix);
    tl.placements.push_back(place(*clip, mix, 0, 0.0));
    tl.length = tl.placements.back().length;
    return tl;
}

Millis timeline_duration(const audio::Timeline& timeline) {
    const std::int64_t rate = timeline.format.sample_rate;
    return Millis((timeline.length * 1000 + rate - 1) / rate);
}

Millis playlist_duration(const Playlist& playlist, const library::Library& library,
                         const MixSettings& mix) {
    return timeline_duration(build_timeline(playlist, library, mix));
}

Millis clip_duration(const std::string& clip_id, const library::Library& library,
                     const MixSettings& mix) {
    return timeline_duration(build_clip_timeline(clip_id, library, mix));
}

}  // namespace vc::playlists
