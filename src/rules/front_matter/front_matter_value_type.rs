//! DL105 front-matter-value-type: a value of the wrong type or an impossible date.
//! Documentation: `docs/rules/DL105.md`.

use super::{entries, parsed, shape, yaml11_reading};
use crate::diagnostic::Diagnostic;
use crate::registry::Rule;
use crate::rules::{Context, Sink};
use crate::syntax::yaml11::{self, PlainValue, Timestamp};
use crate::syntax::{FrontMatterEntry, QuoteStyle, YamlKind, YamlNode};
use regex::Regex;
use std::sync::LazyLock;

/// Checks `title` and `layout` (strings), `date` (a real date or timestamp) and
/// `tags`/`categories` (a list of scalars or a space-separated string); every occurrence
/// of a duplicated key is checked. The range is the value (the key when it is empty).
pub fn check(ctx: &Context, sink: &mut Sink) {
    let Some(fm) = parsed(ctx) else {
        return;
    };
    // A plain scalar that is a YAML 1.1 trap is DL106's finding, which comes with a fix.
    let trap_reported = |plain: &str| {
        ctx.enabled(Rule::FrontMatterYaml11Trap) && yaml11::yaml11_trap(plain).is_some()
    };
    let mut report = |entry: &FrontMatterEntry, node: &YamlNode, message: String| {
        let span = if node.span.is_empty() {
            entry.key_span
        } else {
            node.span
        };
        sink.push(Diagnostic::new(Rule::FrontMatterValueType, span, message));
    };
    for entry in entries(fm, "title") {
        if let Some(message) = string_problem(&entry.value, "Title", false, &trap_reported) {
            report(entry, &entry.value, message);
        }
    }
    for entry in entries(fm, "layout") {
        if let Some(message) = string_problem(&entry.value, "Layout", true, &trap_reported) {
            report(entry, &entry.value, message);
        }
    }
    for entry in entries(fm, "date") {
        if let Some(message) = date_problem(&entry.value) {
            report(entry, &entry.value, message);
        }
    }
    for key in ["tags", "categories"] {
        for entry in entries(fm, key) {
            match &entry.value.kind {
                YamlKind::Sequence { items } => {
                    for item in items {
                        if !matches!(item.kind, YamlKind::Scalar { .. }) {
                            let message = format!(
                                "The `{key}` list holds {}; expected plain words",
                                shape(item)
                            );
                            report(entry, item, message);
                        } else if item.as_scalar() == Some(("", QuoteStyle::Plain)) {
                            report(entry, item, format!("The `{key}` list has an empty item"));
                        }
                    }
                }
                YamlKind::Scalar { .. } => {}
                _ => {
                    let message = format!(
                        "The `{key}` value is {}; expected a list or a space-separated string",
                        shape(&entry.value)
                    );
                    report(entry, &entry.value, message);
                }
            }
        }
    }
}

/// Why a value that should be a string is not one. `null_ok`: an empty value is allowed
/// (`layout: null` turns the layout off on purpose).
fn string_problem(
    node: &YamlNode,
    name: &str,
    null_ok: bool,
    trap_reported: &dyn Fn(&str) -> bool,
) -> Option<String> {
    match &node.kind {
        YamlKind::Scalar { value, style, tag } => {
            if tag.as_deref().is_some_and(|t| t != "str") {
                return Some(format!(
                    "{name} has the tag `!!{}`; expected a string",
                    tag.as_deref().unwrap_or("")
                ));
            }
            if tag.is_some() {
                return None;
            }
            match style {
                QuoteStyle::Plain if value.is_empty() => {
                    (!null_ok).then(|| format!("{name} is empty"))
                }
                QuoteStyle::Plain => {
                    if null_ok && yaml11::resolve_yaml11(value) == PlainValue::Null {
                        return None;
                    }
                    let reading = yaml11_reading(value)?;
                    if trap_reported(value) {
                        return None;
                    }
                    Some(format!(
                        "{name} `{value}` is read as {reading}; expected a string"
                    ))
                }
                _ if value.trim().is_empty() && !null_ok => Some(format!("{name} is empty")),
                _ => None,
            }
        }
        _ => Some(format!("{name} is {}; expected a string", shape(node))),
    }
}

/// Dates Jekyll's `Time.parse` reads besides YAML timestamps: `YYYY-MM-DD` or `YYYY/MM/DD`,
/// an optional `HH:MM[:SS[.frac]]` and an optional zone.
static LOOSE_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T\t]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(?:[ \t]*(?:Z|[+-]\d{1,2}(?::?\d{2})?|[A-Z]{2,5}))?$").unwrap()
});

/// Why a `date:` value is not a date Jekyll can use.
fn date_problem(node: &YamlNode) -> Option<String> {
    let YamlKind::Scalar { value, style, .. } = &node.kind else {
        return Some(format!(
            "Date is {}; expected a date like 2025-08-31 08:15:00",
            shape(node)
        ));
    };
    let value = value.trim();
    if value.is_empty() {
        return Some("Date is empty".to_string());
    }
    if let Some(t) = Timestamp::parse(value) {
        return (!t.is_valid()).then(|| format!("Date `{value}` is not a real date or time"));
    }
    if *style == QuoteStyle::Plain
        && let Some(reading) = yaml11_reading(value)
    {
        return Some(format!(
            "Date `{value}` is read as {reading}; expected a date like 2025-08-31"
        ));
    }
    let Some(c) = LOOSE_DATE.captures(value) else {
        return Some(format!(
            "Date `{value}` is not a date; expected a date like 2025-08-31 08:15:00"
        ));
    };
    let num = |i: usize| {
        c.get(i)
            .map_or(0, |m| m.as_str().parse::<u8>().unwrap_or(u8::MAX))
    };
    let t = Timestamp {
        year: c[1].parse().unwrap_or(0),
        month: num(2),
        day: num(3),
        time: c.get(4).map(|_| (num(4), num(5), num(6))),
        has_zone: false,
    };
    (!t.is_valid()).then(|| format!("Date `{value}` is not a real date or time"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::ByteSpan;

    fn plain(value: &str) -> YamlNode {
        YamlNode {
            span: ByteSpan::new(0, value.len()),
            kind: YamlKind::Scalar {
                value: value.into(),
                style: QuoteStyle::Plain,
                tag: None,
            },
        }
    }

    #[test]
    fn dates() {
        for ok in [
            "2025-08-31",
            "2025-08-31 08:15:00",
            "2025-08-31 08:15",
            "2025/08/31",
            "2025-08-31 08:15:00 +0900",
            "2024-02-29",
        ] {
            assert_eq!(date_problem(&plain(ok)), None, "{ok}");
        }
        for bad in [
            "2025-02-30",
            "2025-13-01",
            "2025-08-31 25:00",
            "yesterday",
            "20250831",
            "2025/02/30",
        ] {
            assert!(date_problem(&plain(bad)).is_some(), "{bad}");
        }
    }
}
