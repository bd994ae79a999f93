#!/usr/bin/env bash
# The README's test command: checks (and on Debian installs) what the tests run against, then runs every test.
# The tests use real parts, not mocks, so a fresh machine needs more than Java and Maven:
#   socat                         real pty pairs for the serial transport tests
#   openssl, sqlite3              the import baseline and vault checks in tests
#   chromium, chromium-driver     the dashboard tests in a real headless browser
#   fonts-wqy-microhei            a Chinese font, so the dashboard's Chinese screenshots show characters
#   systemd (systemd-analyze)     the unit's offline security check and systemd-notify
#   perl                          stands in for systemd's notify socket in a test
#   fuse3, python3-fusepy         the power-cut tests: a filesystem layer that drops unsynced writes
#                                 (Debian's /usr/bin/python3, which the tests run it with)
#   curl, socat, openssl          docs/setup.md's own bash blocks, run on the release bundle (SetupGuideIT)
#   mosquitto                     the MQTT export tests' real broker (/usr/sbin/mosquitto, started by the tests)
set -euo pipefail
cd "$(dirname "$0")"

declare -A package=(
  [socat]=socat [openssl]=openssl [sqlite3]=sqlite3 [chromium]=chromium [chromedriver]=chromium-driver
  [systemd-analyze]=systemd [perl]=perl-base [fusermount3]=fuse3 [curl]=curl [python3]=python3
)
need=()
for cmd in "${!package[@]}"; do
  command -v "$cmd" >/dev/null || need+=("${package[$cmd]}")
done
/usr/bin/python3 -c 'import fusepy' 2>/dev/null || need+=(python3-fusepy)
[[ -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ]] || need+=(fonts-wqy-microhei)
[[ -x /usr/sbin/mosquitto ]] || need+=(mosquitto)
command -v java >/dev/null || need+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null || need+=(maven)

if ((${#need[@]})); then
  if [[ $(id -u) -ne 0 ]] && ! command -v sudo >/dev/null; then
    echo "missing test prerequisites: ${need[*]}; install them (Debian: apt-get install ${need[*]}) and run again" >&2
    exit 2
  fi
  sudo=""
  [[ $(id -u) -ne 0 ]] && sudo=sudo
  echo "installing test prerequisites: ${need[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi

exec mvn -B verify "$@"
