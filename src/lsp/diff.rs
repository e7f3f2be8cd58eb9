//! The smallest set of edits turning one text into another, for fix-all and formatting:
//! a line diff (Myers' O(ND) algorithm), then each changed run of lines trimmed to the
//! bytes that differ. Edits are byte spans of the old text, sorted, never overlapping.

use crate::diagnostic::Edit;
use crate::text::ByteSpan;

/// Above this many changed lines one edit replaces the whole changed middle.
const MAX_D: usize = 4000;

/// Splits into lines that keep their line breaks (`\n`, `\r\n`, `\r`).
fn lines(text: &str) -> Vec<&str> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                out.push(&text[start..=i]);
                start = i + 1;
            }
            b'\r' if bytes.get(i + 1) != Some(&b'\n') => {
                out.push(&text[start..=i]);
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// Edits turning `old` into `new`.
pub fn diff(old: &str, new: &str) -> Vec<Edit> {
    if old == new {
        return Vec::new();
    }
    let a = lines(old);
    let b = lines(new);
    // Byte offset of each old line and each new line.
    let offsets = |ls: &[&str]| {
        let mut v = Vec::with_capacity(ls.len() + 1);
        let mut o = 0;
        v.push(0);
        for l in ls {
            o += l.len();
            v.push(o);
        }
        v
    };
    let (ao, bo) = (offsets(&a), offsets(&b));
    let mut edits = Vec::new();
    for (a0, a1, b0, b1) in hunks(&a, &b) {
        let old_part = &old[ao[a0]..ao[a1]];
        let new_part = &new[bo[b0]..bo[b1]];
        // Trim what the run's start and end have in common, on character boundaries.
        let prefix = common_prefix(old_part, new_part);
        let suffix = common_suffix(&old_part[prefix..], &new_part[prefix..]);
        let span = ByteSpan::new(ao[a0] + prefix, ao[a1] - suffix);
        edits.push(Edit::replace(
            span,
            &new_part[prefix..new_part.len() - suffix],
        ));
    }
    edits
}

fn common_prefix(a: &str, b: &str) -> usize {
    let mut n = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    while !a.is_char_boundary(n) || !b.is_char_boundary(n) {
        n -= 1;
    }
    n
}

fn common_suffix(a: &str, b: &str) -> usize {
    let mut n = a
        .bytes()
        .rev()
        .zip(b.bytes().rev())
        .take_while(|(x, y)| x == y)
        .count();
    while !a.is_char_boundary(a.len() - n) || !b.is_char_boundary(b.len() - n) {
        n -= 1;
    }
    n
}

/// Changed runs `(old_start, old_end, new_start, new_end)` in line indices.
fn hunks(a: &[&str], b: &[&str]) -> Vec<(usize, usize, usize, usize)> {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (a_mid, b_mid) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    let Some(ops) = myers(a_mid, b_mid) else {
        return vec![(prefix, a.len() - suffix, prefix, b.len() - suffix)];
    };
    let mut out = Vec::new();
    let (mut i, mut j) = (prefix, prefix);
    let mut current: Option<(usize, usize)> = None;
    for op in ops {
        match op {
            Op::Equal => {
                if let Some((i0, j0)) = current.take() {
                    out.push((i0, i, j0, j));
                }
                i += 1;
                j += 1;
            }
            Op::Delete => {
                current.get_or_insert((i, j));
                i += 1;
            }
            Op::Insert => {
                current.get_or_insert((i, j));
                j += 1;
            }
        }
    }
    if let Some((i0, j0)) = current {
        out.push((i0, i, j0, j));
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Op {
    Equal,
    Delete,
    Insert,
}

/// Myers' shortest edit script, or `None` when more than [`MAX_D`] lines changed.
fn myers(a: &[&str], b: &[&str]) -> Option<Vec<Op>> {
    let (n, m) = (a.len() as isize, b.len() as isize);
    let max = (n + m) as usize;
    let offset = max as isize + 1;
    let mut v = vec![0isize; 2 * max + 3];
    let mut trace: Vec<Vec<isize>> = Vec::new();
    let mut found = None;
    'outer: for d in 0..=(max.min(MAX_D) as isize) {
        trace.push(v.clone());
        let mut k = -d;
        while k <= d {
            let idx = (k + offset) as usize;
            let mut x = if k == -d || (k != d && v[idx - 1] < v[idx + 1]) {
                v[idx + 1]
            } else {
                v[idx - 1] + 1
            };
            let mut y = x - k;
            while x < n && y < m && a[x as usize] == b[y as usize] {
                x += 1;
                y += 1;
            }
            v[idx] = x;
            if x >= n && y >= m {
                found = Some(d);
                break 'outer;
            }
            k += 2;
        }
    }
    let d_final = found?;
    let mut ops = Vec::new();
    let (mut x, mut y) = (n, m);
    for d in (1..=d_final).rev() {
        let v = &trace[d as usize];
        let k = x - y;
        let idx = (k + offset) as usize;
        let prev_k = if k == -d || (k != d && v[idx - 1] < v[idx + 1]) {
            k + 1
        } else {
            k - 1
        };
        let prev_x = v[(prev_k + offset) as usize];
        let prev_y = prev_x - prev_k;
        while x > prev_x && y > prev_y {
            x -= 1;
            y -= 1;
            ops.push(Op::Equal);
        }
        ops.push(if x == prev_x { Op::Insert } else { Op::Delete });
        x = prev_x;
        y = prev_y;
    }
    while x > 0 && y > 0 {
        x -= 1;
        y -= 1;
        ops.push(Op::Equal);
    }
    ops.reverse();
    Some(ops)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(old: &str, edits: &[Edit]) -> String {
        let refs: Vec<&Edit> = edits.iter().collect();
        crate::fix::apply_edits(old, &refs).0
    }

    #[test]
    fn edits_are_small_and_reproduce_the_new_text() {
        let cases = [
            ("a\nb\nc\n", "a\nB\nc\n"),
            ("a\nb\nc\n", "a\nc\n"),
            ("a\nc\n", "a\nb\nc\n"),
            ("x  y\r\nz\r\n", "x y\r\nz\r\n"),
            (
                "title: a\"\nq\nr\ns\n# 1. [A  b](u)\n",
                "title: \"a\"\nq\nr\ns\n# 1. [A b](u)\n",
            ),
            ("", "new\n"),
            ("old\n", ""),
            ("한글  😀\n", "한글 😀\n"),
        ];
        for (old, new) in cases {
            let edits = diff(old, new);
            assert_eq!(apply(old, &edits), new, "{old:?} -> {new:?}: {edits:?}");
        }
        let edits = diff(
            "title: a\"\nq\nr\ns\n# 1. [A  b](u)\n",
            "title: \"a\"\nq\nr\ns\n# 1. [A b](u)\n",
        );
        assert_eq!(edits.len(), 2);
        assert_eq!(edits[1].new_text, "");
    }
}
