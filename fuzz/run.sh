#!/usr/bin/env bash
# Runs every fuzz target in turn, SECONDS each (default 60): `fuzz/run.sh [SECONDS]`;
# `fuzz/run.sh SECONDS TARGET...` runs only the targets named.
#
# Each target starts from its corpus (fuzz/corpus/TARGET, kept between runs), the seeds
# in fuzz/seeds and the regression fixtures in tests/fix_settles_inputs, with the
# dictionary fuzz/digest.dict. A failure leaves its input in fuzz/artifacts/TARGET; the
# script goes on with the next target, prints each target's executions, and exits 1 if
# any target failed. Minimise a failing input with
#   cargo +nightly fuzz tmin -s none TARGET fuzz/artifacts/TARGET/crash-…
# and keep it as a fixture in tests/fix_settles_inputs (tests/fix_settles.rs reads them).
#
# cargo-fuzz needs a nightly compiler: the nightly toolchain when rustup has one, else
# the installed compiler with RUSTC_BOOTSTRAP=1. Built without a sanitizer (`-s none`):
# the code is safe Rust, and what we look for is panics and failed assertions, which the
# sanitizer would only slow down.
set -uo pipefail
cd "$(dirname "$0")"
seconds="${1:-60}"
shift || true

if ! command -v cargo-fuzz >/dev/null; then
  echo "cargo-fuzz is not installed: cargo install cargo-fuzz --locked" >&2
  exit 2
fi
if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  fuzz=(cargo +nightly fuzz)
else
  export RUSTC_BOOTSTRAP=1
  fuzz=(cargo fuzz)
fi

mkdir -p logs
failed=()
targets=("$@")
if [ "${#targets[@]}" -eq 0 ]; then
  mapfile -t targets < <("${fuzz[@]}" list)
fi
for target in "${targets[@]}"; do
  mkdir -p "corpus/$target"
  echo "== $target (${seconds}s)"
  "${fuzz[@]}" run -s none "$target" "corpus/$target" seeds ../tests/fix_settles_inputs -- \
    -dict=digest.dict -max_total_time="$seconds" -max_len=2048 -timeout=20 \
    -print_final_stats=1 >"logs/$target.log" 2>&1
  status=$?
  executions=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "logs/$target.log" | grep -o '[0-9]*$')
  echo "   executions: ${executions:-?}; exit status $status (log: fuzz/logs/$target.log)"
  if [ "$status" -ne 0 ]; then
    failed+=("$target")
    grep -m5 -E 'panicked|Test unit written|SUMMARY' "logs/$target.log" | sed 's/^/   /'
  fi
done

if [ "${#failed[@]}" -ne 0 ]; then
  echo "failed: ${failed[*]}" >&2
  exit 1
fi
echo "no failures"
