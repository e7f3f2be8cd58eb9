//! Configuration values that parse but cannot work: an empty `sections` list while the
//! section rules are on, and a name listed twice in a `[schema]` list. Reads the file's
//! `[schema]` lists a second time, with the span of every item, so each refusal points at
//! its line and column.

use crate::config::Config;
use crate::registry::Rule;
use crate::syntax::section_key;
use serde::Deserialize;
use std::ops::Range;
use toml::Spanned;

type List = Spanned<Vec<Spanned<String>>>;

/// The `[schema]` lists, each item with its span (other keys are the main parser's).
#[derive(Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
struct SchemaLists {
    sections: Option<List>,
    required_keys: Option<List>,
    recommended_keys: Option<List>,
    known_keys: Option<List>,
    known_tags: Option<List>,
    link_hosts: Option<List>,
    placeholders: Option<List>,
    intro_labels: Option<Spanned<Vec<List>>>,
}

#[derive(Deserialize, Default)]
struct Lists {
    #[serde(default)]
    schema: SchemaLists,
}

/// A refusal: the byte range it points at, and what is wrong.
pub(crate) type Refusal = (Range<usize>, String);

/// The rules that read sections by name: with no section names they report nothing, or
/// every section as unknown.
fn section_rules() -> impl Iterator<Item = Rule> {
    Rule::ALL
        .iter()
        .copied()
        .filter(|r| r.name().starts_with("section-"))
}

/// Checks the `[schema]` lists of the configuration file `text`, parsed as `config`.
pub(crate) fn check(text: &str, config: &Config) -> Result<(), Refusal> {
    let Ok(lists) = toml::from_str::<Lists>(text) else {
        // The main parser accepted the file; a shape it tolerates is not ours to refuse.
        return Ok(());
    };
    let s = lists.schema;
    if let Some(sections) = &s.sections
        && sections.get_ref().is_empty()
    {
        let on: Vec<String> = section_rules()
            .filter(|r| config.level(*r).is_some())
            .map(|r| format!("{} {}", r.code(), r.name()))
            .collect();
        if !on.is_empty() {
            return Err((
                sections.span(),
                format!(
                    "`sections` is empty, but the section rules read it: {} (list the sections, or set those rules to \"off\" under [rules])",
                    on.join(", ")
                ),
            ));
        }
    }
    let keys: Vec<&Spanned<String>> = [&s.required_keys, &s.recommended_keys, &s.known_keys]
        .into_iter()
        .flatten()
        .flat_map(|l| l.get_ref())
        .collect();
    no_repeats(text, "a front matter key", &keys, |k| k.trim().to_string())?;
    if let Some(sections) = &s.sections {
        let items: Vec<&Spanned<String>> = sections.get_ref().iter().collect();
        no_repeats(text, "a section", &items, section_key)?;
    }
    if let Some(tags) = &s.known_tags {
        let items: Vec<&Spanned<String>> = tags.get_ref().iter().collect();
        no_repeats(text, "a tag", &items, |t| t.trim().to_lowercase())?;
    }
    if let Some(hosts) = &s.link_hosts {
        let items: Vec<&Spanned<String>> = hosts.get_ref().iter().collect();
        no_repeats(text, "a host", &items, |h| h.trim().to_lowercase())?;
        for host in items {
            if let Some(problem) = host_problem(host.get_ref()) {
                return Err((host.span(), problem));
            }
        }
    }
    if let Some(phrases) = &s.placeholders {
        let items: Vec<&Spanned<String>> = phrases.get_ref().iter().collect();
        no_repeats(text, "a placeholder", &items, |p| p.trim().to_string())?;
    }
    if let Some(labels) = &s.intro_labels {
        let items: Vec<&Spanned<String>> =
            labels.get_ref().iter().flat_map(|l| l.get_ref()).collect();
        no_repeats(text, "an introduction label", &items, |l| {
            l.trim().to_lowercase()
        })?;
    }
    Ok(())
}

/// Refuses the second of two items that are the same once `normalise`d.
/// Why `host` cannot be a link host: hosts are compared with a URL's host name, so a URL
/// (`https://arxiv.org`) or a path would match no link.
pub(crate) fn host_problem(host: &str) -> Option<String> {
    let host = host.trim();
    let bare = host.split("://").last().unwrap_or(host);
    let bare = bare.split(['/', '?', '#']).next().unwrap_or(bare);
    if host.is_empty() {
        Some("a link host is empty; write a host name such as `arxiv.org`".to_string())
    } else if bare != host {
        Some(format!(
            "`{host}` is not a host name: write `{bare}` (links are compared by their host, with or without `www.`)"
        ))
    } else {
        None
    }
}

fn no_repeats(
    text: &str,
    what: &str,
    items: &[&Spanned<String>],
    normalise: impl Fn(&str) -> String,
) -> Result<(), Refusal> {
    let mut seen: Vec<(String, &Spanned<String>)> = Vec::new();
    for item in items {
        let key = normalise(item.get_ref());
        if let Some((_, first)) = seen.iter().find(|(k, _)| *k == key) {
            return Err((
                item.span(),
                format!(
                    "`{}` is listed twice as {what} (first as `{}` on line {}); list it once",
                    item.get_ref(),
                    first.get_ref(),
                    text[..first.span().start].matches('\n').count() + 1
                ),
            ));
        }
        seen.push((key, item));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use std::path::Path;

    /// The refusal as `line:col: message`.
    fn refusal(toml: &str) -> String {
        let e = Config::from_toml(toml, Path::new("digest-lint.toml")).unwrap_err();
        format!("{}:{}: {}", e.line.unwrap(), e.column.unwrap(), e.message)
    }

    #[test]
    fn empty_sections_with_section_rules_on_are_refused() {
        let message = refusal("[schema]\nsections = []\n");
        assert!(
            message.starts_with("2:12: `sections` is empty"),
            "{message}"
        );
        assert!(message.contains("DL207 section-unknown"), "{message}");
        let off = "[rules]\nDL204 = \"off\"\nDL205 = \"off\"\nDL206 = \"off\"\nDL207 = \"off\"\nDL208 = \"off\"\nDL209 = \"off\"\nDL210 = \"off\"\n[schema]\nsections = []\n";
        assert!(Config::from_toml(off, Path::new("d.toml")).is_ok());
    }

    #[test]
    fn a_name_listed_twice_is_refused_where_it_repeats() {
        let message = refusal("[schema]\nsections = [\"Method\", \"Results\", \"method\"]\n");
        assert_eq!(
            message,
            "2:34: `method` is listed twice as a section (first as `Method` on line 2); list it once"
        );
        let message = refusal(
            "[schema]\nrequired-keys = [\"title\"]\nrecommended-keys = [\"tags\", \"title\"]\n",
        );
        assert!(
            message.starts_with("3:29: `title` is listed twice as a front matter key"),
            "{message}"
        );
        let message = refusal("[schema]\nintro-labels = [[\"Goal\", \"목표\"], [\"goal\"]]\n");
        assert!(
            message.starts_with("2:34: `goal` is listed twice"),
            "{message}"
        );
    }

    #[test]
    fn a_rule_given_two_levels_by_code_and_name_is_refused() {
        let message = refusal("[rules]\nDL401 = \"off\"\ntitle-whitespace = \"error\"\n");
        assert_eq!(
            message,
            "3:1: DL401 title-whitespace is given a level twice: `title-whitespace` here and `DL401` on line 2; keep one"
        );
        // A prefix and a code are not a clash: the later line refines the earlier.
        let ok = "[rules]\nDL4 = \"off\"\nDL401 = \"error\"\n";
        let config = Config::from_toml(ok, Path::new("d.toml")).unwrap();
        assert_eq!(
            config.level(crate::Rule::TitleWhitespace),
            Some(crate::Severity::Error)
        );
        assert_eq!(config.level(crate::Rule::InvisibleCharacter), None);
    }
}
