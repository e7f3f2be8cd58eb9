//! The `digest-lint` binary: the command line ([`cli`]) over the `digest_lint` library.

mod cli;

// mimalloc, as ruff does: the language server builds and drops a JSON value per
// diagnostic for every publish (tower-lsp-server), which glibc's allocator makes slow.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::main()
}
