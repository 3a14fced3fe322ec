#!/usr/bin/env bash
# The Snapcast half of the zones benchmark (the card and simulated half is zones_bench): ZONES
# villages (default 30), each on a Snapcast stream of its own with RECEIVERS receivers (default
# 1; at most 31 receivers in all), each airing a different MINUTES-long playlist (default 10) at
# one instant, in real time through Debian's snapserver to real snapclients on one PulseAudio
# clock. Runs the hidden test case
# "[snapcast-streams]" of tests/e2e/snapcast_streams_bench.cpp RUNS times (default 1) and
# prints each run's figures, then the medians: the daemon's CPU for the airings as a share of
# one core and per zone, its peak memory, and the spread of the receivers' first samples.
#
#   bash bench/snapcast_streams.sh [BUILD_DIR] [MINUTES] [ZONES] [RUNS] [RECEIVERS]
#   # defaults: build 10 30 1 1
set -uo pipefail
cd "$(dirname "$0")/.."
build="${1:-build}"
export VC_BENCH_MINUTES="${2:-10}" VC_BENCH_ZONES="${3:-30}"
runs="${4:-1}"
export VC_BENCH_RECEIVERS="${5:-1}"
source bench/support/e2e_case.sh
e2e_case_setup snapcast_streams "$build"

shares=()
memories=()
spreads=()
sent=()
for ((i = 1; i <= runs; i++)); do
  out=$("$bin" "[snapcast-streams]" 2>&1)
  lines=$(grep '^snapcast streams:' <<<"$out")
  if ! grep -q 'spread' <<<"$lines"; then
    echo "run $i: no figures"
    echo "$out" | tail -30
    continue
  fi
  echo "run $i:"
  sed 's/^snapcast streams: /  /' <<<"$lines"
  shares+=("$(sed -nE 's/.*airing costs ([-0-9.e]+) %.*/\1/p' <<<"$lines")")
  memories+=("$(sed -nE 's/.*peak memory ([0-9.e]+) MB.*/\1/p' <<<"$lines")")
  spreads+=("$(sed -nE 's/.*receivers spread [0-9]+ frames = ([-0-9.e]+) ms.*/\1/p' <<<"$lines")")
  sent+=("$(sed -nE 's/.*instant: spread ([-0-9.e]+) ms across.*/\1/p' <<<"$lines")")
done
echo "runs: ${#shares[@]} measured of $runs ($VC_BENCH_ZONES villages, $VC_BENCH_MINUTES-minute playlists)"
echo "median daemon CPU for the airings: $(median "${shares[@]}") % of one core (goal < 25 %)"
echo "median daemon peak memory: $(median "${memories[@]}") MB (goal < 80 MB)"
echo "median spread of the first samples as snapserver sends them: $(median "${sent[@]}") ms (goal <= 1 ms)"
echo "median spread of the receivers' first samples: $(median "${spreads[@]}") ms (goal <= 1 ms)"
((${#shares[@]} == runs))
