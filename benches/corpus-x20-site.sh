# Sourced by the benches: builds the corpus repeated 20 times in a temporary folder (20
# copies of each corpus folder, each its own site `siteN/FOLDER/_posts`), removed on exit.
# Sets `work` to its path. Takes the corpus folder as $1, else $DIGEST_LINT_CORPUS, else
# ../shared/corpus.
corpus="${1:-${DIGEST_LINT_CORPUS:-../shared/corpus}}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for i in $(seq 1 20); do
  for folder in seed hahngt hahngt-history; do
    mkdir -p "$work/site$i/$folder/_posts"
    cp "$corpus/$folder/"*.md "$work/site$i/$folder/_posts/"
  done
done
echo "$(find "$work" -name '*.md' | wc -l) posts, $(du -sh "$work" | cut -f1)"
