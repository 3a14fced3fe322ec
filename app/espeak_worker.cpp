// villagecast espeak-worker FILE: one text synthesised by espeak-ng in a fresh process, for the
// daemon, whose threads forbid forking it (speech::EspeakEngine::use_worker). Not for people:
// it is left out of the help.

#include "app/commands.hpp"
#include "speech/espeak_engine.hpp"

namespace vc::app {

int run_espeak_worker(const cli::Args& args) {
    if (args.size() != 1)
        throw cli::UsageError("espeak-worker: give the file to write the samples to");
    return speech::EspeakEngine::serve_worker(args[0]);
}

}  // namespace vc::app
