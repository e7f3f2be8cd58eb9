//! Papers as items of an ordered list: `3. **Title** - 👍 12`, the title sometimes
//! wrapped onto the next line, the links and labelled bullets nested under it.

use super::links;
use super::sections::{self, PaperHead, Part};
use super::{BlockKind, ListItem, Paper, PaperNumber, PaperTitle, Post};
use crate::layout::{LinkPlace, TitleStyle};
use crate::text::ByteSpan;

/// The papers of a post whose papers are ordered-list items.
pub(super) fn papers(post: &Post) -> Vec<Paper> {
    let layout = &post.layout;
    let mut papers = Vec::new();
    for block in &post.blocks {
        if block.kind != BlockKind::List || block.span.start < post.body_span.start {
            continue;
        }
        let top: Vec<usize> = (0..block.items.len())
            .filter(|&i| block.items[i].nesting == 0 && block.items[i].ordered)
            .collect();
        for &i in &top {
            let item = &block.items[i];
            let nested: Vec<&ListItem> = block.items[i + 1..]
                .iter()
                .take_while(|n| n.nesting > 0)
                .filter(|n| n.nesting == 1 && item.span.contains_span(n.span))
                .collect();
            let number = item_number(post, item);
            let title = match layout.paper.title {
                TitleStyle::Bold => bold_title(post, item),
                TitleStyle::Link => item
                    .links
                    .first()
                    .filter(|l| item.lead_span.contains_span(l.span))
                    .and_then(|l| l.text_span)
                    .map(|span| PaperTitle { span, joined: None }),
                TitleStyle::Text => text_title(post, item),
            };
            let mut links = Vec::new();
            if layout.has_link_place(&LinkPlace::Heading) || layout.paper.title == TitleStyle::Link
            {
                links.extend(
                    item.links
                        .iter()
                        .filter(|l| item.lead_span.contains_span(l.span))
                        .filter_map(|l| links::carrying_paper(l, LinkPlace::Heading)),
                );
            }
            if layout.has_link_place(&LinkPlace::NestedItem) {
                for n in &nested {
                    links.extend(
                        n.links
                            .iter()
                            .filter_map(|l| links::carrying_paper(l, LinkPlace::NestedItem)),
                    );
                }
            }
            // The body: the item after its first paragraph.
            let body = ByteSpan::new(item.lead_span.end.min(item.span.end), item.span.end);
            let parts: Vec<Part> = nested.iter().map(|n| Part::Item(n)).collect();
            let mut built = sections::build(post, body, &parts, &[]);
            // Nested link bullets are the paper's links, not preamble.
            built.preamble.retain(|s| {
                !nested
                    .iter()
                    .any(|n| n.span == *s && links.iter().any(|l| n.span.contains_span(l.span)))
            });
            let head = PaperHead {
                position: papers.len(),
                span: item.span,
                heading: None,
                number,
                title,
                links,
            };
            // The list block holds the other papers too: it is no block of this one.
            papers.push(built.into_paper(head, Vec::new()));
        }
    }
    papers
}

/// The number written before the item's `.` or `)`.
fn item_number(post: &Post, item: &ListItem) -> Option<PaperNumber> {
    let raw = item.span.slice(post.text);
    let lead = raw.len() - raw.trim_start().len();
    let digits = raw[lead..].bytes().take_while(u8::is_ascii_digit).count();
    (digits > 0).then(|| {
        let start = item.span.start + lead;
        PaperNumber {
            value: raw[lead..lead + digits].parse().unwrap_or(u32::MAX),
            span: ByteSpan::new(start, start + digits),
        }
    })
}

/// `**Title**` at the start of the item, possibly wrapped onto the next line.
fn bold_title(post: &Post, item: &ListItem) -> Option<PaperTitle> {
    let start = item.lead_span.start;
    let rest = &post.text[start..item.span.end];
    let inner = rest.strip_prefix("**")?;
    let close = inner.find("**")?;
    let raw = &inner[..close];
    let span = ByteSpan::new(start + 2, start + 2 + close);
    let joined = raw
        .contains(['\n', '\r'])
        .then(|| raw.split_whitespace().collect::<Vec<_>>().join(" "));
    Some(PaperTitle { span, joined })
}

/// The item's first line as the title, up to a ` - ` that starts trailing details.
fn text_title(post: &Post, item: &ListItem) -> Option<PaperTitle> {
    let lead = item.lead_span.slice(post.text);
    let line = lead.lines().next().unwrap_or("");
    let end = line.find(" - ").unwrap_or(line.len());
    let title = line[..end].trim_end();
    (!title.is_empty()).then(|| PaperTitle {
        span: ByteSpan::new(item.lead_span.start, item.lead_span.start + title.len()),
        joined: None,
    })
}
