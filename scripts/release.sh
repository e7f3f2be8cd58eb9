#!/usr/bin/env bash
# Builds the release artifacts of this checkout into target/dist/, from one release build:
#
#   scripts/release.sh [--target TRIPLE]
#
#   digest-lint-VERSION-TRIPLE.tar.gz    the binary, README.md (.zip on Windows)
#   digest_lint-VERSION-py3-none-*.whl   the binary as a wheel: pip / pipx / uv tool install
#   digest-lint-VSCODETARGET-VERSION.vsix  the VS Code extension with the binary inside
#
# TRIPLE defaults to the host's. Needs cargo, python3 (maturin is pip-installed into
# target/dist-tools) and Node.js 20+ with npm (the extension). The GitHub release workflow
# (.github/workflows/release.yml) runs this on Linux, macOS and Windows.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"

triple=""
while [ $# -gt 0 ]; do
  case "$1" in
    --target) triple="$2"; shift 2 ;;
    *) echo "usage: scripts/release.sh [--target TRIPLE]" >&2; exit 2 ;;
  esac
done
host="$(rustc -vV | sed -n 's/^host: //p')"
triple="${triple:-$host}"
target="${CARGO_TARGET_DIR:-$repo/target}"
export CARGO_TARGET_DIR="$target"
dist="$target/dist"
version="$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)"

# The VS Code platform the binary is for (vsce package --target).
case "$triple" in
  x86_64-unknown-linux-gnu) vscode=linux-x64 ;;
  aarch64-unknown-linux-gnu) vscode=linux-arm64 ;;
  x86_64-apple-darwin) vscode=darwin-x64 ;;
  aarch64-apple-darwin) vscode=darwin-arm64 ;;
  x86_64-pc-windows-msvc) vscode=win32-x64 ;;
  aarch64-pc-windows-msvc) vscode=win32-arm64 ;;
  *) echo "no VS Code platform for $triple" >&2; exit 2 ;;
esac
exe=""
case "$triple" in *windows*) exe=".exe" ;; esac
# Wheels use the platform's Python; Windows runners have `python`, not `python3`.
python="$(command -v python3 || command -v python)"

rm -rf "$dist"
mkdir -p "$dist"

# 1. The wheel: maturin runs the one release build (stripped); the other artifacts reuse
#    its binary. Cargo profile settings from the environment reach maturin's cargo.
export CARGO_PROFILE_RELEASE_STRIP=symbols
tools="$target/dist-tools"
if [ ! -x "$tools/bin/maturin" ] && [ ! -x "$tools/Scripts/maturin.exe" ]; then
  "$python" -m venv "$tools"
  "$tools"/bin/pip --version >/dev/null 2>&1 && pip="$tools/bin/pip" || pip="$tools/Scripts/pip"
  "$pip" install --quiet --disable-pip-version-check "maturin==1.16.0"
fi
maturin="$tools/bin/maturin"
[ -x "$maturin" ] || maturin="$tools/Scripts/maturin.exe"
target_args=()
binary="$target/release/digest-lint$exe"
if [ "$triple" != "$host" ]; then
  target_args=(--target "$triple")
  binary="$target/$triple/release/digest-lint$exe"
fi
"$maturin" build --release --locked "${target_args[@]}" --out "$dist" --quiet
test -x "$binary"

# 2. The binary archive.
stage="$target/dist-stage/digest-lint-$version-$triple"
rm -rf "$target/dist-stage"
mkdir -p "$stage"
cp "$binary" README.md "$stage/"
if [ -n "$exe" ]; then
  (cd "$target/dist-stage" && "$python" -m zipfile -c "$dist/digest-lint-$version-$triple.zip" "digest-lint-$version-$triple")
else
  tar -C "$target/dist-stage" -czf "$dist/digest-lint-$version-$triple.tar.gz" "digest-lint-$version-$triple"
fi

# 3. The VS Code extension for this platform, with the binary in bundled/.
(
  cd editors/vscode
  rm -rf bundled
  mkdir bundled
  cp "$binary" "bundled/digest-lint$exe"
  trap 'rm -rf bundled' EXIT
  npm ci --no-audit --no-fund --loglevel=error
  npx vsce package --no-dependencies --target "$vscode" --out "$dist/digest-lint-$vscode-$version.vsix" >/dev/null
)

echo "target/dist ($triple):"
ls -l "$dist"
