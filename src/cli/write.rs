//! Writing a fixed post back: atomically, keeping the file's permissions, and only when
//! the file still holds what was read.

use atomic_write_file::AtomicWriteFile;
use std::io::Write;
use std::path::Path;

/// Replaces the contents of `path` with `new_text`, provided the file still holds
/// `read` (the bytes the fixes were computed from). Links are followed, so the file
/// they point to is written, not replaced by a regular file. The new file keeps the
/// old one's permissions.
pub fn write_fixed(path: &Path, read: &[u8], new_text: &str) -> Result<(), String> {
    let target = std::fs::canonicalize(path).map_err(|e| format!("cannot write: {e}"))?;
    // Replacing the file by a rename would succeed even when the file itself is
    // read-only (only its folder must be writable): honour the file's own permission.
    let metadata = std::fs::metadata(&target).map_err(|e| format!("cannot write: {e}"))?;
    if metadata.permissions().readonly() {
        return Err("not written: the file is read-only".into());
    }
    let now = std::fs::read(&target).map_err(|e| format!("cannot write: {e}"))?;
    if now != read {
        return Err(
            "not written: the file changed on disk while it was being checked; run again".into(),
        );
    }
    let mut file = AtomicWriteFile::options()
        .open(&target)
        .map_err(|e| format!("cannot write: {e}"))?;
    file.write_all(new_text.as_bytes())
        .map_err(|e| format!("cannot write: {e}"))?;
    file.commit().map_err(|e| format!("cannot write: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_to_overwrite_a_changed_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("post.md");
        std::fs::write(&path, "edited meanwhile").unwrap();
        let error = write_fixed(&path, b"original", "fixed").unwrap_err();
        assert!(error.contains("changed on disk"), "{error}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "edited meanwhile");
        write_fixed(&path, b"edited meanwhile", "fixed").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "fixed");
    }

    #[test]
    fn refuses_read_only_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("post.md");
        std::fs::write(&path, "original").unwrap();
        let mut permissions = std::fs::metadata(&path).unwrap().permissions();
        permissions.set_readonly(true);
        std::fs::set_permissions(&path, permissions).unwrap();
        let error = write_fixed(&path, b"original", "fixed").unwrap_err();
        assert!(error.contains("read-only"), "{error}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "original");
    }

    #[cfg(unix)]
    #[test]
    fn writes_through_links() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.md");
        let link = dir.path().join("link.md");
        std::fs::write(&real, "a").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_fixed(&link, b"a", "b").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "b");
    }
}
