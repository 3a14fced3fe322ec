#pragma once
// One function per subcommand that needs no concrete output; each lives in cli/<name>.cpp.

#include "cli/cli.hpp"

namespace vc::cli {

int run_library(const Args& args);
int run_check(const Args& args);
int run_plan(const Args& args);
int run_audit(const Args& args);
int run_status(const Args& args);
int run_broadcast(const Args& args);
int run_stop(const Args& args);
int run_page(const Args& args);
int run_reload(const Args& args);
int run_operator(const Args& args);
int run_say(const Args& args);
int run_snapcast(const Args& args);
int run_villages(const Args& args);

}  // namespace vc::cli
