// station.toml's [page]: live paging from a microphone, its limits and its voice processing.

#include <libevdev/libevdev.h>

#include "station/read_values.hpp"
#include "station/section_readers.hpp"

namespace vc::station {

void read_page(TomlTable& t, PageSettings& out) {
    if (auto input = t.get_string("input")) {
        if (input->empty())
            t.error_at("input",
                       "`input` in [page] must name a microphone: \"default\", a device index or "
                       "part of its name (see `villagecast devices --input`)");
        else
            out.input = *input;
    }
    if (auto d = t.get_duration("page_max")) {
        if (*d < Millis(5000) || *d > Millis(3'600'000))
            t.error_at("page_max", "`page_max` in [page] must be between 5s and 1h");
        else
            out.page_max = *d;
    }
    if (auto d = t.get_duration("page_dropout")) {
        if (*d < Millis(200) || *d > Millis(60'000))
            t.error_at("page_dropout", "`page_dropout` in [page] must be between 200ms and 1m");
        else
            out.page_dropout = *d;
    }
    read_clip_key(t, "page_chime", "`page_chime` in [page]", out.chime, out.chime_pos);
    if (auto path = t.get_string("push_to_talk")) {
        if (!path->empty() && path->front() != '/')
            t.error_at("push_to_talk",
                       "`push_to_talk` in [page] must be an absolute path, e.g. "
                       "\"/dev/input/by-id/usb-PCsensor_FootSwitch-event-kbd\"");
        else
            out.push_to_talk = *path;
    }
    if (auto key = t.get_string("push_to_talk_key")) {
        if (libevdev_event_code_from_name(EV_KEY, key->c_str()) < 0)
            t.error_at("push_to_talk_key", "`push_to_talk_key` in [page]: \"" + *key +
                                               "\" is not a key name; write e.g. \"KEY_F12\", "
                                               "\"KEY_SPACE\" or \"BTN_0\"");
        else
            out.push_to_talk_key = *key;
    }
    if (auto who = t.get_string("push_to_talk_operator")) {
        if (who->empty())
            t.error_at("push_to_talk_operator",
                       "`push_to_talk_operator` in [page] must name who speaks at the key");
        else
            out.push_to_talk_operator = *who;
    }
    if (auto b = t.get_bool("high_pass")) out.high_pass = *b;
    if (auto b = t.get_bool("noise_gate")) out.noise_gate = *b;
    if (auto g = t.get_number("gain")) {
        if (*g < -20.0 || *g > 30.0)
            t.error_at("gain", "`gain` in [page] must be between -20 and 30 (dB)");
        else
            out.gain = *g;
    }
    t.report_unknown_keys();
}

}  // namespace vc::station
