//! DL402 invisible-character: zero-width characters, soft hyphens, no-break spaces and
//! bidi controls in headings, paper titles, paper and companion link URLs, or the front
//! matter.
//! Documentation: `docs/rules/DL402.md`.

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::registry::Rule;
use crate::rules::{Context, Sink};
use crate::text::ByteSpan;

/// What an invisible character is and what the fix does with it.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    /// Zero-width characters and soft hyphens: removed.
    ZeroWidth,
    /// No-break spaces: a plain space (or removed next to a blank or in a URL).
    NoBreakSpace,
    /// Bidirectional controls: removed; an error, since they reorder what is shown.
    Bidi,
}

fn classify(c: char) -> Option<(Kind, &'static str)> {
    let found = match c {
        '\u{200B}' => (Kind::ZeroWidth, "zero-width space"),
        '\u{200C}' => (Kind::ZeroWidth, "zero-width non-joiner"),
        '\u{200D}' => (Kind::ZeroWidth, "zero-width joiner"),
        '\u{2060}' => (Kind::ZeroWidth, "word joiner"),
        '\u{FEFF}' => (
            Kind::ZeroWidth,
            "zero-width no-break space (byte order mark)",
        ),
        '\u{00AD}' => (Kind::ZeroWidth, "soft hyphen"),
        '\u{00A0}' => (Kind::NoBreakSpace, "no-break space"),
        '\u{202F}' => (Kind::NoBreakSpace, "narrow no-break space"),
        '\u{202A}' => (Kind::Bidi, "left-to-right embedding"),
        '\u{202B}' => (Kind::Bidi, "right-to-left embedding"),
        '\u{202C}' => (Kind::Bidi, "pop directional formatting"),
        '\u{202D}' => (Kind::Bidi, "left-to-right override"),
        '\u{202E}' => (Kind::Bidi, "right-to-left override"),
        '\u{2066}' => (Kind::Bidi, "left-to-right isolate"),
        '\u{2067}' => (Kind::Bidi, "right-to-left isolate"),
        '\u{2068}' => (Kind::Bidi, "first strong isolate"),
        '\u{2069}' => (Kind::Bidi, "pop directional isolate"),
        '\u{200E}' => (Kind::Bidi, "left-to-right mark"),
        '\u{200F}' => (Kind::Bidi, "right-to-left mark"),
        '\u{061C}' => (Kind::Bidi, "Arabic letter mark"),
        _ => return None,
    };
    Some(found)
}

/// Emoji (skin tone modifiers included), variation selector 16 and the symbol blocks
/// emoji come from: what a zero-width joiner may legitimately join (👩‍💻, 🏳️‍🌈).
fn is_emoji_part(c: char) -> bool {
    matches!(c as u32,
        0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2300..=0x23FF | 0x2B00..=0x2BFF
        | 0xFE0F | 0x2190..=0x21FF | 0x00A9 | 0x00AE | 0x203C | 0x2049 | 0x2122)
}

/// Scripts whose spelling uses joiners (Arabic, Persian, the Indic scripts).
fn is_joining_script(c: char) -> bool {
    matches!(c as u32, 0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0x0900..=0x0DFF)
}

/// Where the character was found.
#[derive(Clone, Copy)]
enum Zone {
    FrontMatter,
    PaperHeading,
    PaperTitle,
    Heading,
    Url,
}

impl Zone {
    fn describe(self) -> &'static str {
        match self {
            Zone::FrontMatter => "the front matter",
            Zone::PaperHeading => "a paper heading",
            Zone::PaperTitle => "a paper title",
            Zone::Heading => "a heading",
            Zone::Url => "a URL",
        }
    }
}

/// The places DL402 looks at, sorted by start, overlaps resolved in favour of URLs.
fn zones(ctx: &Context) -> Vec<(ByteSpan, Zone)> {
    let post = ctx.post;
    let mut urls: Vec<ByteSpan> = Vec::new();
    for paper in &post.papers {
        urls.extend(paper.links.iter().filter_map(|l| l.url_span));
        for &b in &paper.companion_blocks {
            urls.extend(post.blocks[b].links.iter().filter_map(|l| l.url_span));
        }
    }
    let mut zones: Vec<(ByteSpan, Zone)> = urls.iter().map(|&s| (s, Zone::Url)).collect();
    if let Some(fm) = &post.front_matter {
        zones.push((fm.span, Zone::FrontMatter));
    }
    let paper_headings: Vec<ByteSpan> = post
        .papers
        .iter()
        .filter_map(|p| p.heading.as_ref().map(|h| h.heading.span))
        .collect();
    for heading in &post.headings {
        let zone = if paper_headings.contains(&heading.span) {
            Zone::PaperHeading
        } else {
            Zone::Heading
        };
        // Split the heading around the URLs inside it.
        let mut start = heading.span.start;
        let mut inside: Vec<ByteSpan> = urls
            .iter()
            .copied()
            .filter(|u| heading.span.contains_span(*u))
            .collect();
        inside.sort();
        for url in inside {
            zones.push((ByteSpan::new(start, url.start), zone));
            start = url.end;
        }
        zones.push((ByteSpan::new(start, heading.span.end), zone));
    }
    // A title can reach past its heading (link text wrapped onto the next lines) or live
    // outside headings (list-item papers): the reader sees it as the title all the same.
    for paper in &post.papers {
        // The lines a broken link text continues on, up to its `)`, belong to the heading
        // (DL201 joins them onto it, and the finding must read the same after the join).
        let broken = paper.heading.as_ref().and_then(|h| h.broken_link.as_ref());
        if let Some(title) = &paper.title {
            let zone = if broken.is_some() {
                Zone::PaperHeading
            } else {
                Zone::PaperTitle
            };
            zones.push((title.span, zone));
        }
        if let Some(broken) = broken {
            let rest = &ctx.text[broken.url_span.end..broken.continuation_span.end];
            let end = broken.url_span.end + rest.find(['\n', '\r']).unwrap_or(rest.len());
            zones.push((
                ByteSpan::new(broken.continuation_span.start, end),
                Zone::PaperHeading,
            ));
        }
    }
    zones.retain(|(s, _)| !s.is_empty());
    zones.sort_by_key(|(s, _)| (s.start, s.end));
    zones.dedup_by_key(|(s, _)| *s);
    zones
}

/// Reports each invisible character in the zones; the range is the character.
pub fn check(ctx: &Context, sink: &mut Sink) {
    let text = ctx.text;
    let mut seen = std::collections::HashSet::new();
    for (zone_span, zone) in zones(ctx) {
        let zone_text = zone_span.slice(text);
        for (i, c) in zone_text.char_indices() {
            let Some((kind, name)) = classify(c) else {
                continue;
            };
            let at = zone_span.start + i;
            if at < ctx.post.bom_len || !seen.insert(at) {
                continue;
            }
            let prev = text[..at].chars().next_back();
            let next = text[at + c.len_utf8()..].chars().next();
            if matches!(c, '\u{200D}' | '\u{200C}') {
                let joins = |f: fn(char) -> bool| prev.is_some_and(f) && next.is_some_and(f);
                if (c == '\u{200D}' && joins(is_emoji_part)) || joins(is_joining_script) {
                    continue;
                }
            }
            let span = ByteSpan::new(at, at + c.len_utf8());
            let code = format!("U+{:04X}", c as u32);
            let mut message = format!("{name} ({code}) in {}", zone.describe());
            message[..1].make_ascii_uppercase();
            // A link destination cannot hold a space: `[T](x 2)` is no link at all.
            let line = &text[text[..at].rfind('\n').map_or(0, |n| n + 1)..at];
            let in_destination = line
                .rfind("](")
                .is_some_and(|open| !line[open..].contains(')'));
            let space = kind == Kind::NoBreakSpace
                && !matches!(zone, Zone::Url)
                && !in_destination
                && !prev.is_some_and(char::is_whitespace)
                && !next.is_some_and(|n| n == ' ' || n == '\t' || n == '\r' || n == '\n');
            // Right after a line's `#` run, removing the character would turn the line
            // into a heading (`#\u{FEFF}` is text, `#` a heading): no fix there.
            let opens_heading = {
                let marker = line.trim_start_matches(' ');
                !marker.is_empty() && marker.len() <= 6 && marker.bytes().all(|b| b == b'#')
            };
            // A no-break space inside a link's destination, with more of it after: the URL
            // is broken either way (`…20751 z`), and only the author knows which part is
            // wrong. At the destination's end it is simply removed.
            let splits_destination = kind == Kind::NoBreakSpace
                && (in_destination || matches!(zone, Zone::Url))
                && next.is_some_and(|n| n != ')' && !n.is_whitespace());
            let fix = if opens_heading || splits_destination {
                None
            } else if space {
                Some(Fix::safe(
                    "Replace with a plain space",
                    vec![Edit::replace(span, " ")],
                ))
            } else {
                Some(Fix::safe(
                    format!("Remove the {name}"),
                    vec![Edit::delete(span)],
                ))
            };
            let mut diagnostic = Diagnostic::new(Rule::InvisibleCharacter, span, message);
            if let Some(fix) = fix {
                diagnostic = diagnostic.with_fix(fix);
            }
            if kind == Kind::Bidi {
                diagnostic = diagnostic.with_severity(Severity::Error);
            }
            sink.push(diagnostic);
        }
    }
    for line in &ctx.post.no_break_headings {
        let span = line.space_span;
        if !seen.insert(span.start) {
            continue;
        }
        let marker = "#".repeat(usize::from(line.level));
        let name = line.name_span.slice(text);
        sink.push(
            Diagnostic::new(
                Rule::InvisibleCharacter,
                span,
                format!(
                    "No-break space (U+{:04X}) after `{marker}`: the line is not a heading, so readers see `{marker} {name}` as plain text",
                    span.slice(text).chars().next().map_or(0, |c| c as u32)
                ),
            )
            .with_severity(Severity::Error)
            .with_fix(Fix::safe(
                "Replace with a plain space",
                vec![Edit::replace(span, " ")],
            )),
        );
    }
}
