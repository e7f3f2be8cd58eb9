//! The `digest-lint` binary: the command line ([`cli`]) over the `digest_lint` library.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
