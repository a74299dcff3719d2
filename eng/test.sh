#!/usr/bin/env bash
# The one test command (README, .ci/run): installs what the tests need on a fresh machine of this
# kind, then builds and runs every test project. Safe to run again: each step checks before acting.
set -euo pipefail
cd "$(dirname "$0")/.."

for step in eng/test-setup.d/*.sh; do
  [ -e "$step" ] || continue
  echo "== setup: $step"
  bash "$step"
done

dotnet build LifeSweep.slnx -c Release -nologo -clp:ErrorsOnly
dotnet test LifeSweep.slnx -c Release --no-build -nologo "$@"
