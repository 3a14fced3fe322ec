#!/usr/bin/env bash
# How closely the receivers of one Snapcast village start an airing, and when against the
# office's loudspeaker: runs the test case tagged [onsets] in tests/e2e/test_snapcast.cpp
# RUNS times and prints each run's figures and their medians. Each run: a private
# PulseAudio whose one 4-channel null sink is the office loudspeaker (the daemon's PortAudio
# output, channel 1) and three snapclients' sound cards (--player pulse, channels 2 to 4),
# Debian's snapserver, and the daemon airing one clip to both zones at one instant; one parec
# recording gives every first sample on one clock.
#
#   bash bench/snapcast_onsets.sh [BUILD_DIR] [RUNS]     # defaults: build 5
set -uo pipefail
cd "$(dirname "$0")/.."
build="${1:-build}"
runs="${2:-5}"
source bench/support/e2e_case.sh
e2e_case_setup snapcast_onsets "$build"

spreads=()
offsets=()
within=0
for ((i = 1; i <= runs; i++)); do
  out=$("$bin" "[onsets]" 2>&1)
  line=$(grep -m1 '^snapcast onsets:' <<<"$out")
  if [ -z "$line" ]; then
    echo "run $i: no figures"
    echo "$out" | tail -20
    continue
  fi
  echo "run $i: ${line#snapcast onsets: }"
  spreads+=("$(sed -E 's/.*spread [0-9]+ frames = ([-0-9.e]+) ms.*/\1/' <<<"$line")")
  offsets+=("$(sed -E 's/.*loudspeaker ([-0-9.e]+) ms.*/\1/' <<<"$line")")
  awk -v s="${spreads[-1]}" -v o="${offsets[-1]}" 'BEGIN {exit !(s <= 1 && o <= 50 && o >= -50)}' &&
    within=$((within + 1))
done
echo "runs: ${#spreads[@]} measured of $runs; within the goals (spread <= 1 ms, |offset| <= 50 ms): $within"
echo "median spread of the three receivers' first samples: $(median "${spreads[@]}") ms (goal <= 1 ms)"
echo "median offset of the receivers after the office loudspeaker: $(median "${offsets[@]}") ms"
