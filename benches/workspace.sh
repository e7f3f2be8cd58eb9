#!/usr/bin/env bash
# The blog as a workspace, measured on the corpus repeated 20 times (as corpus-x20.sh
# builds it: 20 copies of each corpus folder, each its own site `siteN/FOLDER/_posts`):
#   1. the paper index: walk + read + parse + index in parallel, heap held, peak
#      (examples/index_bench.rs);
#   2. `digest-lint check` with DL308/DL309 on (the default) against --ignore DL308,DL309
#      (hyperfine);
#   3. `digest-lint papers` (hyperfine; /usr/bin/time for its peak RSS);
#   4. the language server's startup indexing and workspace/diagnostic: first full
#      report, second with result ids, after one edit (benches/workspace_diagnostic.py,
#      with the pytest-lsp virtualenv of tests/lsp_clients/run.sh; and with a minimal
#      JSON-RPC client, benches/workspace_diagnostic_raw.py, for the server's own time and CPU).
# Needs hyperfine (apt-get install hyperfine). Usage: benches/workspace.sh [corpus-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
. benches/corpus-x20-site.sh "${1:-}"
cargo build --release --quiet --bin digest-lint --example index_bench
bin=target/release/digest-lint

echo "== the paper index"
target/release/examples/index_bench "$work"

echo "== check with DL308/DL309 (default) and without"
hyperfine --warmup 2 --runs "${RUNS:-10}" -i --export-markdown "${EXPORT:-$work/hyperfine.md}" \
  "$bin check --output-format json $work" \
  "$bin check --ignore DL308,DL309 --output-format json $work" \
  "$bin papers --output-format json $work"
[ -n "${EXPORT:-}" ] || cat "$work/hyperfine.md"
/usr/bin/time -f "papers: peak RSS %M KiB" "$bin" papers --output-format json "$work" >/dev/null
/usr/bin/time -f "check: peak RSS %M KiB" "$bin" check --output-format json "$work" >/dev/null || true
/usr/bin/time -f "check --ignore DL308,DL309: peak RSS %M KiB" "$bin" check --ignore DL308,DL309 --output-format json "$work" >/dev/null || true

echo "== language server: startup indexing and workspace/diagnostic"
venv="${CARGO_TARGET_DIR:-target}/lsp-clients/venv"
[ -x "$venv/bin/python" ] || tests/lsp_clients/run.sh >/dev/null
"$venv/bin/python" benches/workspace_diagnostic.py "$PWD/$bin" "$work"
echo "-- the same on the wire (server time, server CPU)"
python3 benches/workspace_diagnostic_raw.py "$PWD/$bin" "$work"
