//! The command line: clap types and dispatch to the subcommands.
//!
//! `check` lints posts ([`check`]), `rules` lists the catalogue and `explain` prints a
//! rule's documentation ([`catalogue`]), `lsp` runs the language server ([`digest_lint::lsp`]).

mod catalogue;
mod check;
mod concise;
mod configs;
mod diff;
mod discover;
mod github;
mod init;
mod json;
mod lint_file;
mod output;
mod papers;
mod render;
mod sarif;
mod selection;
mod summary;
mod write;

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

const EXAMPLES: &str = "\
Examples:
  digest-lint check                          lint every post under _posts/ folders here
  digest-lint check _posts/2025-08-31-daily.md
  digest-lint check --fix .                  apply safe fixes, then report what is left
  digest-lint check --diff .                 show what --fix would change, write nothing
  digest-lint check --select DL1,DL401 .     only the front matter rules and DL401
  digest-lint check --output-format concise    one line per finding
  digest-lint check --statistics .           findings per rule, with safe and unsafe fixes
  digest-lint check --output-format json .   findings as JSON (docs/json-output.md)
  digest-lint check --output-format github . annotations in GitHub Actions
  digest-lint check --output-format sarif . > digest-lint.sarif   for code scanning
  digest-lint check --posts-only FILE…       pre-commit: skip named files that are not posts
  cat post.md | digest-lint check - --stdin-filename _posts/2025-08-31-daily.md
  digest-lint rules                          the rule catalogue
  digest-lint explain DL401                  a rule's documentation

Exit status: 0 no problem at or above --fail-on, 1 problems found,
2 usage, configuration, I/O or internal error.";

/// Linter for digest markdown: Jekyll posts summarising a day's arXiv papers.
#[derive(Debug, Parser)]
#[command(name = "digest-lint", version, about, after_help = EXAMPLES)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Lint posts: files, folders (walked for posts) or `-` for standard input
    #[command(after_help = EXAMPLES)]
    Check(CheckArgs),
    /// List every rule: code, name, family, default severity and fix
    Rules(RulesArgs),
    /// Print a rule's documentation (by code or name)
    Explain {
        /// The rule: a code like DL401 or a name like title-whitespace
        rule: String,
    },
    /// List the papers of the posts found: each arXiv identifier with the posts that
    /// cover it (for people, or JSON for a generator that skips covered papers)
    Papers(PapersArgs),
    /// Run the language server over standard input and output
    Lsp,
    /// Infer the blog's layouts from its posts and write digest-lint.toml.
    ///
    /// Reads the Markdown posts under PATH (a sample of up to 300, spread over the
    /// blog), works out how papers are written (headings or list items, where the
    /// titles and links are, how sections are written, metadata lines, a page heading,
    /// where the post date comes from) and writes a commented digest-lint.toml in PATH.
    /// Prints how many posts fit each layout, and the first few that do not.
    /// On posts in the default format it writes the defaults. An existing
    /// digest-lint.toml is never replaced without --force.
    Init {
        /// The blog's folder (default: the current folder).
        path: Option<PathBuf>,
        /// Print the configuration instead of writing it.
        #[arg(long)]
        stdout: bool,
        /// Replace an existing digest-lint.toml.
        #[arg(long)]
        force: bool,
    },
}

/// Options of `digest-lint papers`.
#[derive(Debug, Args)]
pub struct PapersArgs {
    /// Files and folders; folders are walked for posts as `check` walks them [default: .]
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Use this configuration file for every post instead of the nearest
    /// digest-lint.toml / .digest-lint.toml
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// How to print the papers
    #[arg(long, value_enum, default_value_t = PapersFormat::Human, value_name = "FORMAT")]
    pub output_format: PapersFormat,
}

/// How `papers` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PapersFormat {
    /// A table: identifier, number of posts, their dates, the first title
    Human,
    /// A JSON array: each identifier with every post covering it
    Json,
}

/// Options of `digest-lint check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files and folders to lint; `-` reads standard input. Folders are walked (honouring
    /// .gitignore) for posts as the configuration's [files] globs define them (default:
    /// Markdown files in a `_posts` folder); files named here are always linted
    /// [default: . (standard input when only --stdin-filename is given)]
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Use this configuration file for every post instead of the nearest
    /// digest-lint.toml / .digest-lint.toml
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// The file name of standard input (`-`): used in messages, for the date in the
    /// file name and to find the configuration
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<PathBuf>,

    /// How to print findings
    #[arg(long, value_enum, default_value_t = OutputFormat::Human, value_name = "FORMAT")]
    pub output_format: OutputFormat,

    /// Only these rules (codes, names or code prefixes like DL1; comma-separated,
    /// repeatable); a selected rule that is off, by default or in the configuration, is
    /// turned on at its default severity
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Vec<String>,

    /// Turn these rules off (codes, names or prefixes; comma-separated, repeatable)
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Vec<String>,

    /// Print how many findings each rule has instead of each finding
    #[arg(long)]
    pub statistics: bool,

    /// The lowest severity that makes the exit status 1
    #[arg(long, value_enum, default_value_t = FailOn::Warning, value_name = "SEVERITY")]
    pub fail_on: FailOn,

    /// Apply safe fixes (with --unsafe-fixes, unsafe ones too), then report what is left.
    /// With `-` the fixed text goes to standard output and the findings to standard error
    #[arg(long)]
    pub fix: bool,

    /// Consider unsafe fixes too: applied by --fix and --diff, counted as fixable
    #[arg(long)]
    pub unsafe_fixes: bool,

    /// Print a unified diff of what --fix would change and write nothing; exit status 1
    /// when there is a change
    #[arg(long)]
    pub diff: bool,

    /// Apply the configuration's exclude globs to files named on the command line too
    #[arg(long)]
    pub force_exclude: bool,

    /// Check a file named on the command line only when it is a post: when the
    /// configuration's [files] globs (include and exclude) select it, as for files found
    /// in folders. For pre-commit hooks, which pass every changed Markdown file
    #[arg(long)]
    pub posts_only: bool,

    /// When to colour the output
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
}

/// Options of `digest-lint rules`.
#[derive(Debug, Args)]
pub struct RulesArgs {
    /// How to print the catalogue
    #[arg(long, value_enum, default_value_t = CatalogueFormat::Human, value_name = "FORMAT")]
    pub output_format: CatalogueFormat,
}

/// How findings are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// For people: each finding with its source line, then a summary
    Human,
    /// For people, short: one line per finding (`[*]`: --fix fixes it), then a summary
    Concise,
    /// For programs: a JSON array (see docs/json-output.md)
    Json,
    /// GitHub Actions workflow commands: an annotation per finding
    Github,
    /// SARIF 2.1.0, as GitHub code scanning reads it
    Sarif,
}

/// How the catalogue is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CatalogueFormat {
    /// A table grouped by family
    Human,
    /// A JSON array
    Json,
}

/// The lowest severity that fails the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// Only errors
    Error,
    /// Warnings and errors
    Warning,
    /// Info, warnings and errors
    Info,
}

impl FailOn {
    /// The lowest severity that fails.
    pub fn severity(self) -> digest_lint::Severity {
        match self {
            FailOn::Error => digest_lint::Severity::Error,
            FailOn::Warning => digest_lint::Severity::Warning,
            FailOn::Info => digest_lint::Severity::Info,
        }
    }
}

/// When to colour output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// When standard output is a terminal (NO_COLOR and CLICOLOR_FORCE are honoured)
    Auto,
    /// Always
    Always,
    /// Never
    Never,
}

/// How a run ended; the process exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ExitStatus {
    /// Nothing at or above `--fail-on`.
    Success = 0,
    /// Findings at or above `--fail-on` (or, with `--diff`, a change).
    Failure = 1,
    /// A usage, configuration, I/O or internal error.
    Error = 2,
}

impl From<ExitStatus> for ExitCode {
    fn from(status: ExitStatus) -> Self {
        ExitCode::from(status as u8)
    }
}

/// Parses the command line and runs the subcommand.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitStatus::Error.into()
            } else {
                ExitStatus::Success.into()
            };
        }
    };
    let status = match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Rules(args) => catalogue::rules(args.output_format),
        Command::Explain { rule } => catalogue::explain(&rule),
        Command::Papers(args) => papers::run(&args),
        Command::Lsp => return digest_lint::lsp::run(),
        Command::Init {
            path,
            stdout,
            force,
        } => return init::run(path.as_deref(), stdout, force),
    };
    status.into()
}
