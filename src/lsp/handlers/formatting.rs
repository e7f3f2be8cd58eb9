//! `textDocument/formatting`: the safe fixes, as `check --fix` applies them.

use crate::config::Config;
use crate::diagnostic::Applicability;
use crate::lsp::position::Encoding;
use crate::lsp::{convert, diff};
use ropey::Rope;
use tower_lsp_server::ls_types::TextEdit;

/// The edits that turn `text` into its safe-fixed form (none when fixing fails to settle).
pub fn safe_fix_edits(
    rope: &Rope,
    text: &str,
    config: &Config,
    file_name: Option<&str>,
    encoding: Encoding,
) -> Vec<TextEdit> {
    if text.len() > crate::MAX_POST_BYTES {
        return Vec::new();
    }
    let outcome = crate::fix::fix_until_stable(text, config, file_name, Applicability::Safe);
    if outcome.failed.is_some() {
        return Vec::new();
    }
    convert::text_edits(&diff::diff(text, &outcome.text), rope, encoding)
}
