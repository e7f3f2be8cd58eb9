//! Shared helpers for the integration tests.
#![allow(dead_code)]

use digest_lint::text::LineIndex;
use digest_lint::{Applicability, Config, Diagnostic};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Renders findings as one line each (`line:col-line:col CODE name severity: message`),
/// with the fix and its edits indented below. Columns are 1-based chars.
pub fn render(text: &str, diagnostics: &[Diagnostic]) -> String {
    let index = LineIndex::new(text);
    let pos = |offset: usize| {
        let p = index.display_position(text, offset);
        format!("{}:{}", p.line, p.column)
    };
    let mut out = String::new();
    for d in diagnostics {
        out.push_str(&format!(
            "{}-{} {} {} {}: {}\n",
            pos(d.span.start),
            pos(d.span.end),
            d.rule.code(),
            d.rule.name(),
            d.severity.as_str(),
            d.message
        ));
        for r in &d.related {
            out.push_str(&format!(
                "  related {}-{}: {}\n",
                pos(r.span.start),
                pos(r.span.end),
                r.message
            ));
        }
        if let Some(fix) = &d.fix {
            let kind = match fix.applicability {
                Applicability::Safe => "safe",
                Applicability::Unsafe => "unsafe",
                Applicability::DisplayOnly => "display-only",
            };
            out.push_str(&format!("  fix ({kind}): {}\n", fix.title));
            for e in &fix.edits {
                out.push_str(&format!(
                    "    {}-{} {:?}\n",
                    pos(e.span.start),
                    pos(e.span.end),
                    e.new_text
                ));
            }
        }
    }
    out
}

/// The `.md` files directly in `dir`, sorted by path.
pub fn markdown_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    files
}

/// The file names of [`markdown_files`].
pub fn markdown_names(dir: &Path) -> Vec<String> {
    markdown_files(dir)
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect()
}

/// The corpus folder: `$DIGEST_LINT_CORPUS`, else `../shared/corpus` from the repository.
/// Under CI (`CI=true`) a missing corpus is a failure; elsewhere the caller skips.
pub fn corpus_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("DIGEST_LINT_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"));
    if dir.is_dir() {
        return Some(dir);
    }
    if std::env::var("CI").is_ok_and(|v| v == "true" || v == "1") {
        panic!(
            "corpus not found at {} (set DIGEST_LINT_CORPUS)",
            dir.display()
        );
    }
    eprintln!(
        "skipping: corpus not found at {} (set DIGEST_LINT_CORPUS)",
        dir.display()
    );
    None
}

/// The default configuration.
pub fn default_config() -> Config {
    Config::default()
}

/// What one run printed and how it ended.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn run_in(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_digest-lint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("digest-lint starts");
    if let Some(input) = stdin {
        child.stdin.take().unwrap().write_all(input).unwrap();
    }
    let out = child.wait_with_output().unwrap();
    let run = Run {
        code: out.status.code().expect("exited normally"),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    };
    assert!(
        !run.stderr.contains("panicked"),
        "digest-lint panicked: {run:?}"
    );
    run
}

pub fn run(dir: &Path, args: &[&str]) -> Run {
    run_in(dir, args, None)
}

/// A post with one paper titled `title` whose Limitations section is `limitations`.
pub fn post(title: &str, limitations: &str) -> String {
    format!(
        "---
layout: post
title: \"Daily Papers — 2025-08-31\"
date: 2025-08-31 08:15:00
tags: [papers, arxiv]
categories: [daily-papers]
---

# 1. [{title}](https://arxiv.org/abs/2508.20751)

## Introduction
- Goal: 긴 문맥을 다루는 모델을 만든다.
- Motivation: 기존 모델은 짧은 문맥만 다룬다.
- Contribution: 새로운 학습 방법을 제안한다.

## Method
문맥을 나누어 차례로 학습한다.

## Results
긴 문서 요약 성능이 좋아졌다.

## Limitations
{limitations}

## Conclusion
긴 문맥 학습은 가능하다.
"
    )
}
