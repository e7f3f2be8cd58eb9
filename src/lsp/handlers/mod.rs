//! One module per protocol method. Each takes the client's capabilities, the document and
//! its current [`super::analysis::Analysis`], and returns the LSP value; none of them
//! looks inside a rule.

pub mod code_action;
pub mod completion;
pub mod diagnostics;
pub mod folding;
pub mod formatting;
pub mod hover;
pub mod links;
pub mod papers;
pub mod symbols;
