//! Which posts form one site: DL308 and DL309 compare a post only with the posts of its
//! own site.

use std::path::{Path, PathBuf};

/// The site a post belongs to (its root folder): the folder holding the post's `_posts`
/// folder (Jekyll's site layout), else the folder of its configuration file, else the
/// post's own folder. `post_path` is absolute; `config_root` is the configuration file's
/// folder, when there is one.
pub fn site_root(post_path: &Path, config_root: Option<&Path>) -> PathBuf {
    let mut ancestors = post_path.ancestors().skip(1);
    if let Some(posts) = ancestors.find(|a| a.file_name().is_some_and(|n| n == "_posts")) {
        return posts.parent().unwrap_or(posts).to_path_buf();
    }
    if let Some(root) = config_root {
        return root.to_path_buf();
    }
    post_path.parent().unwrap_or(Path::new("")).to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn posts_folder_then_configuration_then_folder() {
        assert_eq!(
            site_root(
                Path::new("/blog/_posts/2025/2025-09-01-a.md"),
                Some(Path::new("/"))
            ),
            Path::new("/blog")
        );
        assert_eq!(
            site_root(
                Path::new("/notes/x/2025-09-01-a.md"),
                Some(Path::new("/notes"))
            ),
            Path::new("/notes")
        );
        assert_eq!(
            site_root(Path::new("/notes/x/2025-09-01-a.md"), None),
            Path::new("/notes/x")
        );
    }
}
