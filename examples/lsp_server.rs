//! The language server as a stand-alone binary, for editors and the real-client tests
//! (`tests/lsp_clients/`) until `digest-lint lsp` calls the same `digest_lint::lsp::run()`.
//!
//! `cargo build --example lsp_server`, then point the editor at
//! `target/debug/examples/lsp_server`.

fn main() -> std::process::ExitCode {
    digest_lint::lsp::run()
}
