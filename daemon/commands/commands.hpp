#pragma once
// One function per subcommand; each lives in daemon/commands/<name>.cpp.

#include "daemon/cli.hpp"

namespace vc::cli {

int run_library(const Args& args);
int run_devices(const Args& args);
int run_render(const Args& args);
int run_play(const Args& args);
int run_check(const Args& args);
int run_plan(const Args& args);
int run_audit(const Args& args);
int run_run(const Args& args);
int run_status(const Args& args);
int run_broadcast(const Args& args);
int run_stop(const Args& args);
int run_reload(const Args& args);
int run_operator(const Args& args);

}  // namespace vc::cli
