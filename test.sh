#!/usr/bin/env bash
# Runs the whole test suite. Installs what the tests need first (Debian packages listed in
# tests/packages.d/*.txt, NuGet packages by restore), so it works on a fresh machine.
set -euo pipefail
cd "$(dirname "$0")"

mapfile -t pkgs < <(cat tests/packages.d/*.txt | sed -e 's/#.*//' -e 's/[[:space:]]//g' | grep -v '^$' | sort -u)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "test.sh: installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

dotnet restore OsInstall.sln
dotnet build OsInstall.sln --no-restore -c Release
log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test OsInstall.sln --no-build -c Release --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
set -e
# One plain closing line: "N passed, N failed, N skipped" (from the runner's "Total tests" block,
# or its one-line "Passed!/Failed!" summary, whichever it printed).
count() { { grep -E "^ +$1: +[0-9]+" "$log" || true; } | tail -n 1 | tr -dc '0-9'; }
passed=$(count Passed); failed=$(count Failed); skipped=$(count Skipped)
if [ -z "$passed$failed" ]; then
  summary=$({ grep -E '^(Passed|Failed)!' "$log" || true; } | tail -n 1)
  passed=$(sed -nE 's/.*Passed: +([0-9]+).*/\1/p' <<<"$summary")
  failed=$(sed -nE 's/.*Failed: +([0-9]+),.*/\1/p' <<<"$summary")
  skipped=$(sed -nE 's/.*Skipped: +([0-9]+).*/\1/p' <<<"$summary")
fi
echo "${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
exit "$rc"
