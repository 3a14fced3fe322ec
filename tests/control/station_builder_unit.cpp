// The end-to-end tests' station builder, compiled into the control tests too (the control tests
// start the real daemon on stations made the same way).
#include "tests/e2e/station_builder.cpp"  // NOLINT(bugprone-suspicious-include)
