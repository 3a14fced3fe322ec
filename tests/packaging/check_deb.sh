#!/usr/bin/env bash
# The .deb as an administrator gets it: built with CPack from this build folder, unpacked with
# dpkg-deb -x into a scratch folder, then every file checked where it belongs, the program run
# from there, the control fields and maintainer scripts read (the postinst also run against
# stand-ins for the user tools, which would otherwise change this machine's users), both systemd
# units checked with systemd-analyze verify, and an install to /usr/local checked too.
# Any missing piece or complaint fails the test, and every failure is listed.
# Usage: check_deb.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
source=$(cd "$2" && pwd)

for tool in cpack dpkg-deb dpkg-shlibdeps dpkg-architecture dpkg systemd-analyze systemd-sysusers systemd-tmpfiles \
  readelf; do
  if ! command -v "$tool" >/dev/null; then
    echo "FAIL: $tool is missing: VILLAGECAST_TEST_PACKAGES=1 bash scripts/setup installs it" >&2
    exit 1
  fi
done
[ -f "$build/CPackConfig.cmake" ] || { echo "FAIL: no $build/CPackConfig.cmake" >&2; exit 1; }

scratch=$(mktemp -d "${TMPDIR:-/tmp}/villagecast-deb.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

# --- build and unpack -------------------------------------------------------------------------
if ! (cd "$build" && cpack -G DEB --config CPackConfig.cmake -B "$scratch/out") \
  >"$scratch/cpack.log" 2>&1; then
  cat "$scratch/cpack.log" >&2
  echo "FAIL: cpack -G DEB failed" >&2
  exit 1
fi
shopt -s nullglob
debs=("$scratch"/out/villagecast_*.deb)
shopt -u nullglob
if [ "${#debs[@]}" -ne 1 ]; then
  ls -l "$scratch/out" >&2
  echo "FAIL: expected one villagecast_*.deb in $scratch/out, found ${#debs[@]}" >&2
  exit 1
fi
deb=${debs[0]}
echo "package: $(basename "$deb"), $(stat -c %s "$deb") bytes"
root=$scratch/root
dpkg-deb -x "$deb" "$root"
dpkg-deb -e "$deb" "$scratch/control"

# --- every file where it belongs ----------------------------------------------------------------
expect_file() {  # expect_file PATH [x]: PATH under the unpacked root exists (and is executable)
  if [ ! -f "$root/$1" ]; then
    fail "missing from the package: /$1"
  elif [ "${2:-}" = x ] && [ ! -x "$root/$1" ]; then
    fail "not executable in the package: /$1"
  fi
}
expect_file usr/bin/villagecast x
expect_file lib/systemd/system/villagecast.service
expect_file usr/lib/systemd/user/villagecast-user.service
expect_file etc/default/villagecast
expect_file usr/lib/sysusers.d/villagecast.conf
expect_file usr/lib/tmpfiles.d/villagecast.conf
expect_file usr/share/villagecast/make-demo-clips x
for f in station.toml schedule.toml; do
  expect_file "usr/share/villagecast/examples/demo-station/$f"
done
for dir in playlists calendars schedule.d; do
  while IFS= read -r -d '' f; do
    expect_file "usr/share/villagecast/examples/demo-station/${f#"$source"/examples/demo-station/}"
  done < <(find "$source/examples/demo-station/$dir" -type f -print0)
done
expect_file usr/share/villagecast/examples/calendars/2026.toml
for doc in README.md install.md daemon.md as-run-log.md architecture.md playlists.md schedule.md; do
  expect_file "usr/share/doc/villagecast/$doc"
done
# The console's files, byte for byte, when web/ exists in the source tree.
if [ -d "$source/web" ]; then
  expect_file usr/share/villagecast/web/index.html
  while IFS= read -r -d '' f; do
    rel=${f#"$source"/web/}
    if [ ! -f "$root/usr/share/villagecast/web/$rel" ]; then
      fail "missing from the package: /usr/share/villagecast/web/$rel"
    elif ! cmp -s "$f" "$root/usr/share/villagecast/web/$rel"; then
      fail "differs from web/$rel: /usr/share/villagecast/web/$rel"
    fi
  done < <(find "$source/web" -type f -print0)
else
  echo "note: no web/ folder in the source tree yet, so no console files to check"
fi
# Nothing else: no state, no generated clips, no build paths.
while IFS= read -r f; do
  case "$f" in
    usr/bin/villagecast | lib/systemd/system/villagecast.service | \
      usr/lib/systemd/user/villagecast-user.service | etc/default/villagecast | \
      usr/lib/sysusers.d/villagecast.conf | usr/lib/tmpfiles.d/villagecast.conf | \
      usr/share/villagecast/make-demo-clips | usr/share/villagecast/examples/* | \
      usr/share/villagecast/web/* | usr/share/doc/villagecast/*) ;;
    *) fail "unexpected file in the package: /$f" ;;
  esac
  case "$f" in
    */state/* | */clips/*) fail "generated station files in the package: /$f" ;;
  esac
done < <(cd "$root" && find . -type f -o -type l | sed 's#^\./##' | sort)
for unit in lib/systemd/system/villagecast.service usr/lib/systemd/user/villagecast-user.service; do
  name=$(basename "$unit")
  if ! diff -u "$source/packaging/systemd/$name" "$root/$unit"; then
    fail "/$unit is not packaging/systemd/$name"
  fi
done

# --- the program runs from the unpacked tree ----------------------------------------------------
bin=$root/usr/bin/villagecast
if ! help=$("$bin" --help 2>&1); then
  fail "villagecast --help exited non-zero: $help"
elif ! grep -q '^Usage: villagecast COMMAND' <<<"$help"; then
  fail "villagecast --help printed no usage: $help"
fi
version=$(dpkg-deb -f "$deb" Version)
if [ "$("$bin" --version 2>&1)" != "villagecast $version" ]; then
  fail "villagecast --version says '$("$bin" --version 2>&1)', the package's Version is $version"
fi
# (Whole outputs are captured before grep -q, which would otherwise cut a pipe under pipefail.)
sections=$(readelf -S -W "$bin")
if grep -q '\.debug_info' <<<"$sections"; then
  fail "the packaged program is not stripped"
fi

# --- control fields -----------------------------------------------------------------------------
field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = villagecast ] || fail "Package is '$(field Package)', not villagecast"
[ "$(field Section)" = sound ] || fail "Section is '$(field Section)', not sound"
[ "$(field Architecture)" = "$(dpkg --print-architecture)" ] ||
  fail "Architecture is '$(field Architecture)'"
[ -n "$(field Maintainer)" ] || fail "no Maintainer"
[ -n "$(field Description)" ] || fail "no Description"
depends=$(field Depends)
recommends=$(field Recommends)
echo "Depends: $depends"
echo "Recommends: $recommends"
# Depends names each package by itself (a comma-separated list, versions in parentheses).
dep_names=$(tr ',' '\n' <<<"$depends" | sed 's/(.*//; s/^ *//; s/ *$//')
has_dep() { grep -qx "$1" <<<"$dep_names"; }
for p in libportaudio2 libsndfile1 libsoxr0 libebur128-1 libsqlite3-0 libasound2 libc6 libstdc++6 \
  tzdata adduser; do
  has_dep "$p" || fail "Depends lacks $p: $depends"
done
# Both units are Type=notify: a program that never sends READY=1 would be killed at start.
dynamic_symbols=$(readelf --dyn-syms -W "$bin")
if ! grep -qw 'sd_notify' <<<"$dynamic_symbols"; then
  fail "the program never calls sd_notify (os/systemd_notify is not wired into" \
    "\`villagecast run\`), so the Type=notify units would never become ready"
elif ! has_dep libsystemd0; then
  fail "the program calls sd_notify but Depends lacks libsystemd0: $depends"
fi
# ... and every Debian package that owns a library the program links against.
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
while IFS= read -r lib; do
  owners=$(dpkg -S "*/$multiarch/$lib" 2>/dev/null | sed 's/: .*//; s/:[a-z0-9]*//g' | tr ',' '\n' |
    sed 's/^ *//' | sort -u) || true
  if [ -z "$owners" ]; then
    fail "no Debian package owns $lib, which the program links against"
    continue
  fi
  found=0
  for owner in $owners; do has_dep "$owner" && found=1; done
  [ "$found" = 1 ] || fail "the program links $lib from ${owners//$'\n'/ }, which Depends lacks"
done < <(readelf -d "$bin" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
if grep -q -- '-dev$' <<<"$dep_names"; then
  fail "Depends names a -dev package: $depends"
fi
[ "$recommends" = "pulseaudio | pipewire-pulse, espeak-ng, sox" ] ||
  fail "Recommends is '$recommends'"

# --- conffiles and maintainer scripts -----------------------------------------------------------
grep -qx /etc/default/villagecast "$scratch/control/conffiles" 2>/dev/null ||
  fail "/etc/default/villagecast is not a conffile"
for s in postinst prerm postrm; do
  if [ ! -x "$scratch/control/$s" ]; then
    fail "no executable $s in the package"
  elif ! sh -n "$scratch/control/$s"; then
    fail "$s is not valid sh"
  fi
done
if grep -E '(systemctl|deb-systemd-invoke).*(start|enable|restart)' "$scratch/control/postinst" |
  grep -v '^[[:space:]]*#'; then
  fail "postinst starts or enables the service"
fi
# The postinst against stand-ins that record what it asks for: a machine without the user,
# then one where the user already exists in the group audio.
run_postinst() {  # run_postinst USER_EXISTS(0|1)
  local stubs=$scratch/stubs log=$scratch/stubs/calls
  rm -rf "$stubs"
  mkdir -p "$stubs"
  : >"$log"
  for tool in adduser install systemctl deb-systemd-invoke useradd groupadd; do
    printf '#!/bin/sh\necho "%s $*" >>"%s"\n' "$tool" "$log" >"$stubs/$tool"
  done
  if [ "$1" = 1 ]; then
    printf '#!/bin/sh\necho "villagecast:x:998:998::/var/lib/villagecast:/usr/sbin/nologin"\n' \
      >"$stubs/getent"
    printf '#!/bin/sh\necho "villagecast audio"\n' >"$stubs/id"
  else
    printf '#!/bin/sh\nexit 2\n' >"$stubs/getent"
    printf '#!/bin/sh\necho "villagecast"\n' >"$stubs/id"
  fi
  chmod +x "$stubs"/*
  PATH="$stubs:$PATH" sh "$scratch/control/postinst" configure >/dev/null
  cat "$log"
}
calls=$(run_postinst 0)
grep -q '^adduser .*--system .*--group .*--home /var/lib/villagecast .* villagecast$' <<<"$calls" ||
  fail "postinst does not create the system user villagecast when it is missing: $calls"
grep -qx 'adduser --quiet villagecast audio' <<<"$calls" ||
  fail "postinst does not put villagecast in the group audio: $calls"
calls=$(run_postinst 1)
if grep -q '^adduser' <<<"$calls"; then
  fail "postinst touches the user villagecast although it exists: $calls"
fi
if grep -Eq '(systemctl|deb-systemd-invoke).*(start|enable|restart)' <<<"$calls"; then
  fail "postinst starts or enables the service: $calls"
fi

# --- the user and state folder from sysusers.d and tmpfiles.d, in a scratch root --------------
sysroot=$scratch/sysroot
mkdir -p "$sysroot/etc"
if ! systemd-sysusers --root="$sysroot" "$root/usr/lib/sysusers.d/villagecast.conf" \
  >"$scratch/sysusers.log" 2>&1; then
  fail "systemd-sysusers rejects villagecast.conf: $(cat "$scratch/sysusers.log")"
fi
uid=$(awk -F: '$1 == "villagecast" { print $3 ":" $4 }' "$sysroot/etc/passwd" 2>/dev/null)
grep -q '^audio:.*:villagecast$' "$sysroot/etc/group" 2>/dev/null ||
  fail "sysusers.d does not put villagecast in the group audio"
if ! systemd-tmpfiles --root="$sysroot" --create "$root/usr/lib/tmpfiles.d/villagecast.conf" \
  >"$scratch/tmpfiles.log" 2>&1; then
  fail "systemd-tmpfiles rejects villagecast.conf: $(cat "$scratch/tmpfiles.log")"
elif [ -z "$uid" ] || [ "$(stat -c '%u:%g %a' "$sysroot/var/lib/villagecast")" != "$uid 750" ]; then
  fail "tmpfiles.d made /var/lib/villagecast $(stat -c '%u:%g %a' "$sysroot/var/lib/villagecast"), not $uid 750"
fi

# --- systemd-analyze verify on both units -------------------------------------------------------
# verify fails only when ExecStart= is missing; it merely prints unknown keys and bad values, so
# any output at all fails here too. Copies with ExecStart= pointing into the unpacked tree (the
# program is not installed on this machine), under their own names (verify takes the unit's name
# from the file's). The user unit needs a user manager's runtime folder.
verify() {  # verify UNIT_FILE [--user]
  local dir out scope=() label="systemd-analyze verify"
  [ -n "${2:-}" ] && scope=("$2") && label="systemd-analyze $2 verify"
  dir=$scratch/verify/$(basename "$1")
  mkdir -p "$dir"
  sed "s#/usr/bin/villagecast#$bin#g" "$1" >"$dir/$(basename "$1")"
  mkdir -p "$scratch/xdg"
  chmod 700 "$scratch/xdg"
  if ! out=$(XDG_RUNTIME_DIR=$scratch/xdg systemd-analyze "${scope[@]}" verify --man=no \
    "$dir/$(basename "$1")" 2>&1); then
    fail "$label $(basename "$1"): $out"
  elif [ -n "$out" ]; then
    fail "$label $(basename "$1") complains: $out"
  fi
}
verify "$root/lib/systemd/system/villagecast.service"
verify "$root/usr/lib/systemd/user/villagecast-user.service" --user
grep -qx 'ExecStart=/usr/bin/villagecast run' "$root/lib/systemd/system/villagecast.service" ||
  fail "the system unit does not start /usr/bin/villagecast run"
for key in Type=notify WatchdogSec=30 Restart=on-failure User=villagecast "SupplementaryGroups=audio input" \
  StateDirectory=villagecast EnvironmentFile=-/etc/default/villagecast 'DeviceAllow=char-alsa rw' 'DeviceAllow=char-input r'; do
  grep -qx "$key" "$root/lib/systemd/system/villagecast.service" ||
    fail "the system unit lacks $key"
done
for key in Type=notify WatchdogSec=30 Restart=on-failure 'Environment=VILLAGECAST_STATION=%h/villagecast' \
  WantedBy=default.target; do
  grep -qx "$key" "$root/usr/lib/systemd/user/villagecast-user.service" ||
    fail "the user unit lacks $key"
done
exposure=$(systemd-analyze security --offline=yes --man=no \
  "$scratch/verify/villagecast.service/villagecast.service" 2>&1 | sed -n 's/.*exposure level for .*: \([0-9.]*\).*/\1/p')
echo "system unit exposure (systemd-analyze security, 0 best .. 10 worst): ${exposure:-?}"
if [ -z "$exposure" ] || awk -v e="$exposure" 'BEGIN { exit !(e > 3.0) }'; then
  fail "the system unit's exposure is '${exposure}', above 3.0: its hardening was weakened"
fi

# --- cmake --install to /usr/local: the units follow the prefix ---------------------------------
local_root=$scratch/local
if ! DESTDIR=$local_root cmake --install "$build" --prefix /usr/local >"$scratch/install.log" 2>&1; then
  fail "cmake --install --prefix /usr/local failed: $(tail -5 "$scratch/install.log")"
else
  unit=$local_root/usr/local/lib/systemd/system/villagecast.service
  if [ ! -f "$unit" ] || [ ! -f "$local_root/usr/local/lib/systemd/user/villagecast-user.service" ] ||
    [ ! -f "$local_root/usr/local/etc/default/villagecast" ]; then
    fail "cmake --install --prefix /usr/local put the units or settings elsewhere: $(cd "$local_root" && find . -name 'villagecast*' | sort | tr '\n' ' ')"
  else
    grep -qx 'ExecStart=/usr/local/bin/villagecast run' "$unit" ||
      fail "/usr/local's unit does not start /usr/local/bin/villagecast"
    grep -qx 'EnvironmentFile=-/usr/local/etc/default/villagecast' "$unit" ||
      fail "/usr/local's unit does not read /usr/local/etc/default/villagecast"
    if grep -q '/usr/bin/villagecast\|^EnvironmentFile=-/etc/' "$unit"; then
      fail "/usr/local's unit still names the package's paths"
    fi
  fi
fi

if [ "$failures" -ne 0 ]; then
  echo "$failures problem(s) with the package (see FAIL lines above)" >&2
  exit 1
fi
echo "package checked: $(cd "$root" && find . -type f | wc -l) files, both units verified"
