//! The paper index: every indexed post's papers, looked up by identifier and by title.

use crate::suppression::Suppression;
use crate::text::{ByteSpan, LineColumns};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A place in a post: its byte span and the positions of both ends, so that it can be
/// shown without the post's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Place {
    /// Byte span in the post.
    pub span: ByteSpan,
    /// Where the span starts.
    pub start: LineColumns,
    /// Where the span ends.
    pub end: LineColumns,
}

/// A post's date: `(year, month, day)`.
pub type PostDate = (u16, u8, u8);

/// One paper of an indexed post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexedPaper {
    /// The arXiv identifier without its version (`2508.20751`, `hep-th/0112019`).
    pub id: String,
    /// The paper's number as written (`3` of `# 3. [Title](URL)`).
    pub number: Option<u32>,
    /// The title as written (the link text), trimmed.
    pub title: String,
    /// The title's comparison key ([`super::title::title_key`]).
    pub title_key: String,
    /// The paper heading.
    pub heading: Place,
    /// The paper's link (where cross-post findings are reported).
    pub link: Place,
}

/// One indexed post.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexedPost {
    /// The post's path (as the caller names it: shown in messages and related places).
    pub path: PathBuf,
    /// The root of the site it belongs to ([`super::site::site_root`]).
    pub site: Arc<Path>,
    /// The post's date (front matter `date:`, else the file name's).
    pub date: Option<PostDate>,
    /// The front matter `title:`.
    pub title: Option<String>,
    /// The papers with an arXiv identifier, in document order.
    pub papers: Vec<IndexedPaper>,
    /// The post's suppression comments that cover DL308 or DL309.
    pub suppressions: Vec<Suppression>,
}

impl IndexedPost {
    /// True when the other posts' DL308/DL309 findings cannot tell `self` from `other`
    /// (the same post, date and papers; places equal in lines and columns): they read a
    /// post's papers, not its suppressions, and show its places by line and column.
    pub fn same_to_other_posts(&self, other: &IndexedPost) -> bool {
        fn shown(p: &IndexedPaper) -> ((&str, Option<u32>, &str), [LineColumns; 4]) {
            (
                (&p.id, p.number, &p.title),
                [p.heading.start, p.heading.end, p.link.start, p.link.end],
            )
        }
        self.path == other.path
            && self.site == other.site
            && self.date == other.date
            && self.title == other.title
            && self.papers.len() == other.papers.len()
            && self
                .papers
                .iter()
                .zip(&other.papers)
                .all(|(a, b)| shown(a) == shown(b))
    }

    /// The file name (last path component).
    pub fn file_name(&self) -> &str {
        self.path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
    }

    /// Posts are ordered by date (undated last), then by file name (the same day counts
    /// by file name order), then by path.
    fn order_key(&self) -> (bool, Option<PostDate>, &str, &Path) {
        (self.date.is_none(), self.date, self.file_name(), &self.path)
    }

    /// `2025-08-30`, when the post has a date.
    pub fn date_text(&self) -> Option<String> {
        self.date.map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}"))
    }

    /// How a message names the post: `the post of 2025-08-30 (“Daily Papers”)`, or its
    /// path inside the site when it has no date.
    pub fn describe(&self) -> String {
        let what = match self.date_text() {
            Some(date) => format!("the post of {date}"),
            // The path inside the site: `09.md` alone says little in `logs/2025/04/`.
            None => format!(
                "the post {}",
                self.path
                    .strip_prefix(&*self.site)
                    .map_or_else(|_| self.file_name().into(), |p| p.to_string_lossy())
                    .replace('\\', "/")
            ),
        };
        match &self.title {
            Some(title) if !title.trim().is_empty() => format!("{what} (“{}”)", title.trim()),
            _ => what,
        }
    }
}

/// A paper of the index: the post's slot and the paper's position among its papers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PaperRef {
    /// The post's slot.
    pub post: usize,
    /// The paper's position in [`IndexedPost::papers`].
    pub paper: usize,
}

/// The papers of every indexed post, by identifier and by title key. Each list is
/// sorted in post order (date, then file name), so its first entry is the first
/// coverage.
#[derive(Debug, Default)]
pub struct PaperIndex {
    posts: Vec<Option<IndexedPost>>,
    slots: HashMap<PathBuf, usize>,
    free: Vec<usize>,
    by_id: HashMap<String, Vec<PaperRef>>,
    by_title: HashMap<String, Vec<PaperRef>>,
    /// One `Arc` per site root, so that posts of one site share it ([`Self::same_site`]).
    sites: HashSet<Arc<Path>>,
}

impl PaperIndex {
    /// An index of `posts` (a later post with the same path replaces an earlier one).
    pub fn new(posts: impl IntoIterator<Item = IndexedPost>) -> Self {
        let mut index = PaperIndex::default();
        for post in posts {
            index.insert_unsorted(post);
        }
        let posts = &index.posts;
        for list in index.by_id.values_mut().chain(index.by_title.values_mut()) {
            sort_refs(posts, list);
        }
        index
    }

    /// The number of posts.
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    /// True when no post is indexed.
    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// The post at `path`.
    pub fn post(&self, path: &Path) -> Option<&IndexedPost> {
        self.slots.get(path).and_then(|&s| self.posts[s].as_ref())
    }

    /// Every post, in no particular order.
    pub fn posts(&self) -> impl Iterator<Item = &IndexedPost> {
        self.posts.iter().flatten()
    }

    /// The slot of the post at `path`.
    pub fn slot(&self, path: &Path) -> Option<usize> {
        self.slots.get(path).copied()
    }

    /// The post in `slot`, to move its places after an edit that changes nothing else
    /// (its identifiers, titles and order must stay as they are).
    pub fn post_mut(&mut self, slot: usize) -> Option<&mut IndexedPost> {
        self.posts.get_mut(slot).and_then(Option::as_mut)
    }

    /// The post and paper a reference names.
    pub fn get(&self, r: PaperRef) -> Option<(&IndexedPost, &IndexedPaper)> {
        let post = self.posts.get(r.post)?.as_ref()?;
        Some((post, post.papers.get(r.paper)?))
    }

    /// Every paper with identifier `id` (without version), in post order.
    pub fn by_id(&self, id: &str) -> &[PaperRef] {
        self.by_id.get(id).map_or(&[], Vec::as_slice)
    }

    /// Every paper whose title key is `key`, in post order.
    pub fn by_title_key(&self, key: &str) -> &[PaperRef] {
        self.by_title.get(key).map_or(&[], Vec::as_slice)
    }

    /// Every identifier with its papers in post order, sorted by identifier.
    pub fn identifiers(&self) -> Vec<(&str, &[PaperRef])> {
        let mut all: Vec<(&str, &[PaperRef])> = self
            .by_id
            .iter()
            .map(|(id, refs)| (id.as_str(), refs.as_slice()))
            .collect();
        all.sort_by(|a, b| a.0.cmp(b.0));
        all
    }

    /// True when the post of `a` comes before the post of `b` (by date, then file name).
    pub fn is_before(&self, a: usize, b: usize) -> bool {
        match (&self.posts[a], &self.posts[b]) {
            (Some(a), Some(b)) => a.order_key() < b.order_key(),
            _ => false,
        }
    }

    /// Adds or replaces a post. Returns the paths of the other posts whose cross-post
    /// findings may change: those sharing an identifier or title with the old or the new
    /// version of the post.
    pub fn upsert(&mut self, post: IndexedPost) -> BTreeSet<PathBuf> {
        let mut affected = self.remove(&post.path.clone());
        let (ids, titles) = keys(&post);
        let slot = self.insert_unsorted(post);
        for id in &ids {
            if let Some(list) = self.by_id.get_mut(id.as_str()) {
                sort_refs(&self.posts, list);
            }
        }
        for key in &titles {
            if let Some(list) = self.by_title.get_mut(key.as_str()) {
                sort_refs(&self.posts, list);
            }
        }
        affected.extend(self.sharing(slot, &ids, &titles));
        affected
    }

    /// Removes the post at `path`. Returns the paths of the posts that shared an
    /// identifier or title with it.
    pub fn remove(&mut self, path: &Path) -> BTreeSet<PathBuf> {
        let Some(slot) = self.slots.remove(path) else {
            return BTreeSet::new();
        };
        let Some(old) = self.posts[slot].take() else {
            return BTreeSet::new();
        };
        let (ids, titles) = keys(&old);
        for (map, keys) in [(&mut self.by_id, &ids), (&mut self.by_title, &titles)] {
            for key in keys {
                if let Some(list) = map.get_mut(key.as_str()) {
                    list.retain(|r| r.post != slot);
                    if list.is_empty() {
                        map.remove(key.as_str());
                    }
                }
            }
        }
        self.free.push(slot);
        self.sharing(slot, &ids, &titles)
    }

    /// The paths of the posts other than `post` (by path) that share an identifier or a
    /// title with it: those whose cross-post findings a change of `post` may change.
    pub fn neighbours(&self, post: &IndexedPost) -> BTreeSet<PathBuf> {
        let (ids, titles) = keys(post);
        let mut out = self.sharing(usize::MAX, &ids, &titles);
        out.remove(&post.path);
        out
    }

    /// The paths of the posts other than `slot` holding one of `ids` or `titles`.
    fn sharing(&self, slot: usize, ids: &[String], titles: &[String]) -> BTreeSet<PathBuf> {
        let refs = ids
            .iter()
            .flat_map(|id| self.by_id(id))
            .chain(titles.iter().flat_map(|t| self.by_title_key(t)));
        refs.filter(|r| r.post != slot)
            .filter_map(|r| self.posts[r.post].as_ref().map(|p| p.path.clone()))
            .collect()
    }

    /// True when the posts of two references belong to one site.
    pub fn same_site(&self, a: &IndexedPost, b: &IndexedPost) -> bool {
        // Site roots are interned on insertion: one pointer per site.
        Arc::ptr_eq(&a.site, &b.site)
    }

    fn insert_unsorted(&mut self, mut post: IndexedPost) -> usize {
        match self.sites.get(&post.site) {
            Some(site) => post.site = site.clone(),
            None => {
                self.sites.insert(post.site.clone());
            }
        }
        if let Some(&old) = self.slots.get(&post.path) {
            let path = post.path.clone();
            self.remove(&path);
            debug_assert!(self.free.contains(&old));
        }
        let slot = match self.free.pop() {
            Some(slot) => slot,
            None => {
                self.posts.push(None);
                self.posts.len() - 1
            }
        };
        for (i, paper) in post.papers.iter().enumerate() {
            let r = PaperRef {
                post: slot,
                paper: i,
            };
            self.by_id.entry(paper.id.clone()).or_default().push(r);
            if !paper.title_key.is_empty() {
                self.by_title
                    .entry(paper.title_key.clone())
                    .or_default()
                    .push(r);
            }
        }
        self.slots.insert(post.path.clone(), slot);
        self.posts[slot] = Some(post);
        slot
    }
}

/// A post's distinct identifiers and title keys.
fn keys(post: &IndexedPost) -> (Vec<String>, Vec<String>) {
    let mut ids: Vec<String> = post.papers.iter().map(|p| p.id.clone()).collect();
    let mut titles: Vec<String> = post
        .papers
        .iter()
        .filter(|p| !p.title_key.is_empty())
        .map(|p| p.title_key.clone())
        .collect();
    ids.sort();
    ids.dedup();
    titles.sort();
    titles.dedup();
    (ids, titles)
}

fn sort_refs(posts: &[Option<IndexedPost>], list: &mut [PaperRef]) {
    list.sort_by(|a, b| {
        let key = |r: &PaperRef| posts[r.post].as_ref().map(IndexedPost::order_key);
        key(a).cmp(&key(b)).then(a.paper.cmp(&b.paper))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paper(id: &str, title: &str) -> IndexedPaper {
        IndexedPaper {
            id: id.into(),
            number: Some(1),
            title: title.into(),
            title_key: super::super::title::title_key(title),
            heading: Place::default(),
            link: Place::default(),
        }
    }

    fn post(path: &str, date: Option<PostDate>, papers: Vec<IndexedPaper>) -> IndexedPost {
        IndexedPost {
            path: PathBuf::from(path),
            site: Arc::from(Path::new("/site")),
            date,
            title: None,
            papers,
            suppressions: Vec::new(),
        }
    }

    fn files(index: &PaperIndex, id: &str) -> Vec<String> {
        index
            .by_id(id)
            .iter()
            .map(|&r| index.get(r).unwrap().0.file_name().to_string())
            .collect()
    }

    #[test]
    fn posts_are_ordered_by_date_then_file_name_undated_last() {
        let index = PaperIndex::new([
            post(
                "/site/_posts/b.md",
                Some((2025, 9, 1)),
                vec![paper("2508.1", "T")],
            ),
            post("/site/_posts/z.md", None, vec![paper("2508.1", "T")]),
            post(
                "/site/_posts/c.md",
                Some((2025, 8, 31)),
                vec![paper("2508.1", "T")],
            ),
            post(
                "/site/_posts/a.md",
                Some((2025, 9, 1)),
                vec![paper("2508.1", "T")],
            ),
        ]);
        assert_eq!(files(&index, "2508.1"), ["c.md", "a.md", "b.md", "z.md"]);
    }

    #[test]
    fn upsert_and_remove_keep_the_maps_exact() {
        let mut index = PaperIndex::new([
            post(
                "/site/_posts/a.md",
                Some((2025, 8, 30)),
                vec![paper("2508.1", "Scaling Laws")],
            ),
            post(
                "/site/_posts/b.md",
                Some((2025, 8, 31)),
                vec![paper("2508.1", "Scaling Laws")],
            ),
        ]);
        // b now covers another paper: a no longer shares anything with it.
        let affected = index.upsert(post(
            "/site/_posts/b.md",
            Some((2025, 8, 31)),
            vec![paper("2508.2", "Other")],
        ));
        assert_eq!(
            affected.into_iter().collect::<Vec<_>>(),
            [PathBuf::from("/site/_posts/a.md")]
        );
        assert_eq!(files(&index, "2508.1"), ["a.md"]);
        assert_eq!(files(&index, "2508.2"), ["b.md"]);
        assert_eq!(index.by_title_key("scaling laws").len(), 1);
        assert!(
            index
                .neighbours(index.post(Path::new("/site/_posts/a.md")).unwrap())
                .is_empty()
        );
        index.remove(Path::new("/site/_posts/a.md"));
        assert!(index.by_id("2508.1").is_empty() && index.by_title_key("scaling laws").is_empty());
        assert_eq!(index.len(), 1);
        // A freed slot is reused.
        index.upsert(post(
            "/site/_posts/c.md",
            None,
            vec![paper("2508.2", "Other")],
        ));
        assert_eq!(files(&index, "2508.2"), ["b.md", "c.md"]);
        assert_eq!(index.identifiers().len(), 1);
    }
}
