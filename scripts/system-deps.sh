#!/usr/bin/env bash
# Installs the Debian packages the test suite and the benchmark need, only when missing.
# Usage: scripts/system-deps.sh [test|bench]
set -euo pipefail
# libpango: WeasyPrint (PDF of the handlingsveileder).
want=(postgresql gettext chromium fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0)
if [ "${1:-test}" = "bench" ]; then
  want+=(nginx wrk)
fi
missing=()
for pkg in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "Installerer systempakker: ${missing[*]}"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# Debian starts a system cluster on install; the tests use a private one instead.
if printf '%s\n' "${missing[@]}" | grep -qx postgresql; then
  $SUDO service postgresql stop >/dev/null 2>&1 || true
fi
