#pragma once
// The command table, and the subcommands that wire concrete parts together (an output, the
// running station); the others live in cli/, one file each.

#include <vector>

#include "cli/cli.hpp"

namespace vc::app {

int run_run(const cli::Args& args);
int run_play(const cli::Args& args);
int run_render(const cli::Args& args);
int run_devices(const cli::Args& args);
/// Not listed: the daemon's espeak-ng worker (app/espeak_worker.cpp).
int run_espeak_worker(const cli::Args& args);

/// Every subcommand, in the order `villagecast --help` lists them.
const std::vector<cli::Command>& commands();

}  // namespace vc::app
