#include "app/commands.hpp"
#include "cli/commands.hpp"

namespace vc::app {

using namespace cli;  // the commands' vocabulary: Args, CommandLine, parse, exit codes

const std::vector<Command>& commands() {
    static const std::vector<Command> all{
        {"run", "run the station: play every broadcast at its time, keep the as-run log", run_run},
        {"library", "list the clips, their loudness and whether they can air", run_library},
        {"devices", "list the sound devices villagecast can play to", run_devices},
        {"render", "render a playlist or clip into a WAV or FLAC file", run_render},
        {"play", "play a playlist or clip now", run_play},
        {"say", "speak Mandarin text into a clip (espeak-ng), or explain how it is read", run_say},
        {"check", "check the station's files and print every problem", run_check},
        {"plan", "show what will air, and what conflicts do to it", run_plan},
        {"audit", "list, export, verify or back up the as-run log", run_audit},
        {"status", "ask the running daemon what airs now and what comes next", run_status},
        {"broadcast", "air a playlist now, or add a one-shot, through the running daemon",
         run_broadcast},
        {"stop", "fade out what the running daemon airs now", run_stop},
        {"page", "speak live into the station's microphone through the running daemon", run_page},
        {"reload", "make the running daemon read the station's files again", run_reload},
        {"operator", "add, list or remove the console's operators and their tokens", run_operator},
        {"snapcast", "print the [stream] lines of snapserver.conf for the Snapcast zones",
         run_snapcast},
        {"villages", "list the villages' Snapcast receivers, or put one on its village's stream",
         run_villages},
    };
    return all;
}

}  // namespace vc::app
