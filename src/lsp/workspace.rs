//! The language server's view of the whole blog: the paper index of every post under the
//! workspace folders ([`crate::workspace::PaperIndex`]), kept current from open documents
//! and from the file watcher, and the cached `workspace/diagnostic` reports of the posts
//! that are not open.
//!
//! Open documents win over the disk: a document's entry is re-read from its text (marked
//! stale on every change, re-indexed before the next question that needs it) and from
//! the disk again when it is closed. Every change bumps a per-post version for the posts
//! whose cross-post findings it may change; result ids are made of these versions, so an
//! unchanged post is answered `unchanged` without being read again.

use crate::config::Config;
use crate::lsp::documents::ConfigCache;
use crate::syntax::Post;
use crate::workspace::site::site_root;
use crate::workspace::{IndexedPost, PaperIndex, cross_post_findings, index_post};
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tower_lsp_server::ls_types::{self as lsp, Uri};

/// The workspace part of the server state.
#[derive(Debug, Default)]
pub struct Workspace {
    /// The workspace folders (absolute paths).
    pub folders: Vec<PathBuf>,
    /// The papers of every post.
    pub index: PaperIndex,
    /// Per post: bumped whenever its findings may have changed (its text, or another post
    /// sharing one of its identifiers or titles).
    versions: HashMap<PathBuf, u64>,
    counter: u64,
    /// Open documents whose index entry is behind their text.
    pub stale_open: HashSet<Uri>,
    /// `workspace/diagnostic` reports of posts that are not open: path → (result id, items).
    pub reports: HashMap<PathBuf, (String, Vec<lsp::Diagnostic>)>,
    /// True once the startup indexing is done.
    pub ready: bool,
}

impl Workspace {
    /// The version of a post's findings (0 for a post never seen).
    pub fn version(&self, path: &Path) -> u64 {
        self.versions.get(path).copied().unwrap_or(0)
    }

    /// The `workspace/diagnostic` result id of a post that is not open.
    pub fn result_id(&self, path: &Path) -> String {
        format!("w{}", self.version(path))
    }

    fn bump(&mut self, path: &Path) {
        self.counter += 1;
        self.versions.insert(path.to_path_buf(), self.counter);
        self.reports.remove(path);
    }

    /// Replaces the whole index (after the startup walk, or a configuration change).
    /// Nothing is bumped when the posts are the ones already indexed.
    pub fn replace(&mut self, posts: Vec<IndexedPost>) {
        self.ready = true;
        let same = posts.len() == self.index.len()
            && posts.iter().all(|p| self.index.post(&p.path) == Some(p));
        if same {
            return;
        }
        let paths: Vec<PathBuf> = posts.iter().map(|p| p.path.clone()).collect();
        self.index = PaperIndex::new(posts);
        self.reports.clear();
        for path in paths {
            self.bump(&path);
        }
    }

    /// Adds or replaces a post; returns the posts whose findings changed (it among
    /// them). Other posts sharing a paper with it are compared before and after, so
    /// that only those whose DL308/DL309 findings really changed are reported again.
    pub fn upsert(&mut self, post: IndexedPost) -> BTreeSet<PathBuf> {
        if self.index.post(&post.path) == Some(&post) {
            return BTreeSet::new();
        }
        let path = post.path.clone();
        if self
            .index
            .post(&path)
            .is_some_and(|old| old.same_to_other_posts(&post))
        {
            // Typing moved byte offsets only: no other post's findings can change.
            self.index.upsert(post);
            self.bump(&path);
            return BTreeSet::from([path]);
        }
        let mut neighbours = self.index.neighbours(&post);
        if let Some(old) = self.index.post(&path) {
            neighbours.extend(self.index.neighbours(old));
        }
        let before = self.fingerprints(&neighbours);
        self.index.upsert(post);
        let mut changed = self.changed_since(before);
        changed.insert(path);
        for p in &changed {
            self.bump(p);
        }
        changed
    }

    /// Removes a post; returns the posts whose findings changed.
    pub fn remove(&mut self, path: &Path) -> BTreeSet<PathBuf> {
        let Some(old) = self.index.post(path) else {
            return BTreeSet::new();
        };
        let neighbours = self.index.neighbours(old);
        let before = self.fingerprints(&neighbours);
        self.index.remove(path);
        let changed = self.changed_since(before);
        for p in &changed {
            self.bump(p);
        }
        self.versions.remove(path);
        self.reports.remove(path);
        changed
    }

    /// A fingerprint of each post's cross-post findings (both rules on: what a
    /// configuration turns off cannot change).
    fn fingerprints(&self, paths: &BTreeSet<PathBuf>) -> Vec<(PathBuf, u64)> {
        static ALL_ON: std::sync::LazyLock<Config> = std::sync::LazyLock::new(Config::default);
        paths
            .iter()
            .map(|p| {
                let mut hasher = std::collections::hash_map::DefaultHasher::new();
                for d in cross_post_findings(&self.index, p, &ALL_ON) {
                    (d.rule, d.span, &d.message).hash(&mut hasher);
                    // A place in another post as it is shown: path, lines and columns
                    // (its byte offsets move with every keystroke there).
                    for r in &d.related {
                        match &r.elsewhere {
                            Some(e) => (&e.path, e.start, e.end).hash(&mut hasher),
                            None => r.span.hash(&mut hasher),
                        }
                        r.message.hash(&mut hasher);
                    }
                }
                (p.clone(), hasher.finish())
            })
            .collect()
    }

    /// The posts of `before` whose fingerprint is different now.
    fn changed_since(&self, before: Vec<(PathBuf, u64)>) -> BTreeSet<PathBuf> {
        let paths: BTreeSet<PathBuf> = before.iter().map(|(p, _)| p.clone()).collect();
        let after: HashMap<PathBuf, u64> = self.fingerprints(&paths).into_iter().collect();
        before
            .into_iter()
            .filter(|(p, hash)| after.get(p) != Some(hash))
            .map(|(p, _)| p)
            .collect()
    }

    /// True when `path` lies under a workspace folder.
    pub fn contains(&self, path: &Path) -> bool {
        self.folders.iter().any(|f| path.starts_with(f))
    }
}

/// The posts under `folders`: Markdown files (.gitignore honoured) that their
/// configuration's `[files]` globs select, each with that configuration.
pub fn find_posts(folders: &[PathBuf]) -> Vec<(PathBuf, Arc<Config>)> {
    let mut configs = ConfigCache::default();
    let mut found = Vec::new();
    for folder in folders {
        for entry in ignore::WalkBuilder::new(folder).build().flatten() {
            let path = entry.path();
            let is_markdown = path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown")
            });
            if !is_markdown || !entry.file_type().is_some_and(|t| t.is_file()) {
                continue;
            }
            let (config, _) = configs.resolve(Some(path));
            if config.files.is_post(path, config.root()) {
                found.push((path.to_path_buf(), config));
            }
        }
    }
    found.sort_by(|a, b| a.0.cmp(&b.0));
    found
}

/// True when the file at `path` is a post by its configuration's `[files]` globs.
pub fn is_post(path: &Path) -> Option<Arc<Config>> {
    let (config, _) = ConfigCache::default().resolve(Some(path));
    config.files.is_post(path, config.root()).then_some(config)
}

/// The index entry of a post's text.
pub fn index_text(path: &Path, text: &str, config: &Config) -> IndexedPost {
    let post = Post::parse(text, config.layout_for(path.to_str()));
    let site: Arc<Path> = Arc::from(site_root(path, config.root()));
    index_post(&post, config, path.to_path_buf(), site)
}

/// Reads and indexes one post from disk (`None` when it cannot be read as text).
pub fn index_file(path: &Path, config: &Config) -> Option<IndexedPost> {
    let text = std::fs::read_to_string(path).ok()?;
    let indexed = std::panic::catch_unwind(|| index_text(path, &text, config));
    indexed.ok()
}

/// Reads and indexes posts in parallel.
pub fn index_files(files: &[(PathBuf, Arc<Config>)]) -> Vec<IndexedPost> {
    files
        .par_iter()
        .filter_map(|(path, config)| index_file(path, config))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::ByteSpan;

    const POST: &str = "---\nlayout: post\ntitle: \"Daily 한국어\"\ndate: 2025-08-31\n---\n\n# 1. [Scaling Laws 😀](https://arxiv.org/abs/2508.20751)\n\n## Introduction\n- Goal: 목표 text that goes on for a while, with words and 한국어 문장 too.\n- Motivation: more words here so that edits land in the body.\n\n<!-- digest-lint-disable-next-line DL308 -->\n# 2. [Old  Strings](https://arxiv.org/abs/hep-th/0112019v2)\n\n## Method\n방법 and more words, a long paragraph of plain text in which most keystrokes land.\n\n## Results\nNumbers went up by a lot, and the summary says so at length.\n\n### 3. [Third](https://arxiv.org/abs/2509.00001)\ntail\n";

    /// After any run of edits, the entry the analysis gives (only the paper blocks the
    /// edits touched read again) equals indexing the whole edited text.
    #[test]
    fn the_analysis_entry_equals_indexing_the_edited_text() {
        use crate::lsp::analysis::{Analysis, ByteEdit};
        use ropey::Rope;
        let config = Arc::new(Config::default());
        let path = Path::new("/site/_posts/2025-08-31-a.md");
        let site: Arc<Path> = Arc::from(Path::new("/site"));
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state as usize
        };
        let mut text = POST.to_string();
        let mut rope = Rope::from_str(&text);
        let mut analysis =
            Analysis::new(config.clone(), path.to_str().map(String::from), text.len());
        let mut compared = 0;
        for _ in 0..3000 {
            let mut at = next() % (text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let (span, inserted) = if next() % 2 == 0 || at == text.len() {
                let c = [
                    "a", "한", "😀", " ", "#", "\n", "\r\n", "-", "[", "1", "<!--", "```",
                ][next() % 12];
                (ByteSpan::empty(at), c.to_string())
            } else {
                let end = at + text[at..].chars().next().unwrap().len_utf8();
                (ByteSpan::new(at, end), String::new())
            };
            text.replace_range(span.range(), &inserted);
            rope.remove(rope.byte_to_char(span.start)..rope.byte_to_char(span.end));
            rope.insert(rope.byte_to_char(span.start), &inserted);
            analysis.edit(ByteEdit {
                start: span.start,
                old_end: span.end,
                new_len: inserted.len(),
            });
            // Every tenth edit starts over, so that edits pile up but the post stays a post.
            if next() % 10 == 0 {
                text = POST.to_string();
                rope = Rope::from_str(&text);
                analysis.reset(text.len());
            }
            if next() % 3 != 0 {
                continue; // several edits between two looks, as when typing fast
            }
            analysis.update(&rope);
            if let Some(entry) = analysis.index_entry(&rope, path.to_path_buf(), site.clone()) {
                let mut whole = index_text(path, &text, &config);
                whole.site = site.clone();
                assert_eq!(entry, whole, "in {text:?}");
                compared += 1;
            }
        }
        assert!(compared > 600, "{compared} compared");
    }

    /// An edit of an earlier post reports the later post that cites it only when the
    /// cited place moves to another line or column (what the later post shows), or a
    /// paper changes; typing elsewhere in the earlier post reports it alone.
    #[test]
    fn an_edit_reports_the_posts_whose_findings_it_changes() {
        let config = Config::default();
        let earlier = Path::new("/site/_posts/2025-08-30-a.md");
        let later = Path::new("/site/_posts/2025-08-31-b.md");
        let body =
            "# 1. [Scaling Laws](https://arxiv.org/abs/2508.20751)\n\n## Introduction\nwords\n";
        let front = |date: &str| format!("---\nlayout: post\ntitle: \"x\"\ndate: {date}\n---\n\n");
        let earlier_text = format!("{}{body}", front("2025-08-30"));
        let later_text = format!("{}{body}", front("2025-08-31"));
        let edited = |from: &str, to: &str| earlier_text.replacen(from, to, 1);
        let cases = [
            // Typing above the paper on a line of its own: its bytes move, its line and
            // column do not.
            (edited("---\n\n# 1.", "---\nIntro.\n# 1."), false),
            // A line above the paper: the later post's DL308 points one line lower.
            (edited("\n\n# 1.", "\n\nnew line\n\n# 1."), true),
            // The title changed.
            (edited("Scaling Laws", "Scaling Rules"), true),
        ];
        for (text, reports_later) in cases {
            let mut ws = Workspace::default();
            ws.replace(vec![
                index_text(earlier, &earlier_text, &config),
                index_text(later, &later_text, &config),
            ]);
            let changed = ws.upsert(index_text(earlier, &text, &config));
            assert!(changed.contains(earlier));
            assert_eq!(changed.contains(later), reports_later, "{text:?}");
        }
    }
}
