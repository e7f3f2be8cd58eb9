#!/usr/bin/env bash
# Whole-run benchmark: `digest-lint check` on the corpus repeated 20 times (2,840 posts)
# against the floor of reading and parsing the same files with pulldown-cmark.
# Needs hyperfine (apt-get install hyperfine). Optional peers, if on PATH: rumdl, markdownlint-cli2.
# Usage: benches/corpus-x20.sh [corpus-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
. benches/corpus-x20-site.sh "${1:-}"
cargo build --release --quiet --bin digest-lint --example parse_floor
bin=target/release/digest-lint
floor=target/release/examples/parse_floor
cmds=("$floor $work" "$bin check --output-format json $work")
command -v rumdl >/dev/null && cmds+=("rumdl check --no-cache $work")
command -v markdownlint-cli2 >/dev/null && cmds+=("markdownlint-cli2 '$work/**/*.md'")
hyperfine --warmup 2 --runs "${RUNS:-10}" -i --export-markdown "${EXPORT:-/dev/stdout}" "${cmds[@]}"
