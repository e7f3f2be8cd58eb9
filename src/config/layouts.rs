//! `[[layout]]` tables of `digest-lint.toml`, read into [`Layout`]s.

use super::{ConfigError, Schema};
use crate::layout::{
    DateSource, FrontMatterPolicy, Layout, LinkPlace, PageHeading, PaperUnit, PathDate,
    SectionStyle, TitleStyle,
};
use serde::Deserialize;
use std::ops::Range;
use toml::Spanned;

/// Reads the `[[layout]]` list; a single `[layout]` table gets an error that says so
/// (serde's own is "expected a sequence").
pub(super) fn deserialize_list<'de, D>(deserializer: D) -> Result<Option<Vec<RawLayout>>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    struct List;
    impl<'de> serde::de::Visitor<'de> for List {
        type Value = Vec<RawLayout>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a list of `[[layout]]` tables")
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(
            self,
            mut seq: A,
        ) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some(layout) = seq.next_element()? {
                out.push(layout);
            }
            Ok(out)
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
            Err(serde::de::Error::custom(
                "`[layout]` is written `[[layout]]`, with two brackets: a site may describe several layouts, the first whose `include` matches a post wins",
            ))
        }
    }
    deserializer.deserialize_any(List).map(Some)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawLayout {
    name: Option<String>,
    include: Option<Spanned<Vec<String>>>,
    front_matter: Option<Spanned<String>>,
    date: Option<Vec<Spanned<String>>>,
    page_heading: Option<Spanned<String>>,
    paper: Option<RawPaper>,
    sections: Option<RawSections>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawPaper {
    unit: Option<Spanned<String>>,
    level: Option<Spanned<u8>>,
    numbered: Option<bool>,
    title: Option<Spanned<String>>,
    links: Option<Vec<Spanned<String>>>,
    hosts: Option<Vec<Spanned<String>>>,
    metadata: Option<Vec<Spanned<String>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawSections {
    #[serde(rename = "as")]
    style: Option<Spanned<String>>,
    level: Option<Spanned<u8>>,
    names: Option<Vec<String>>,
    required: Option<Vec<Spanned<String>>>,
}

/// Makes a [`ConfigError`] at a byte range of the file.
pub(super) type ErrorAt<'e> = &'e dyn Fn(Option<Range<usize>>, String) -> ConfigError;

fn choice<T: Copy>(
    value: &Spanned<String>,
    key: &str,
    options: &[(&str, T)],
    error: ErrorAt,
) -> Result<T, ConfigError> {
    let word = value.get_ref().trim().to_ascii_lowercase();
    options
        .iter()
        .find(|(name, _)| *name == word)
        .map(|(_, v)| *v)
        .ok_or_else(|| {
            let names: Vec<&str> = options.iter().map(|(n, _)| *n).collect();
            error(
                Some(value.span()),
                format!(
                    "unknown {key} `{}` (expected {})",
                    value.get_ref(),
                    names.join(", ")
                ),
            )
        })
}

fn level(value: &Spanned<u8>, key: &str, error: ErrorAt) -> Result<u8, ConfigError> {
    let v = *value.get_ref();
    if (1..=6).contains(&v) {
        Ok(v)
    } else {
        Err(error(
            Some(value.span()),
            format!("{key} must be a heading level between 1 and 6"),
        ))
    }
}

impl RawLayout {
    /// The layout this table describes, on top of the default layout of `schema`.
    pub(super) fn into_layout(
        self,
        index: usize,
        schema: &Schema,
        error: ErrorAt,
    ) -> Result<Layout, ConfigError> {
        let mut layout = Layout::from_schema(&schema.sections, schema.paper_heading_level);
        layout.name = self.name.unwrap_or_else(|| format!("layout {}", index + 1));
        match self.include {
            Some(include) => {
                let span = include.span();
                layout
                    .set_include(include.into_inner())
                    .map_err(|e| error(Some(span), format!("invalid glob in include: {e}")))?;
            }
            None => {
                return Err(error(
                    None,
                    format!(
                        "[[layout]] `{}` needs `include`: the globs of the posts it describes",
                        layout.name
                    ),
                ));
            }
        }
        if let Some(v) = &self.front_matter {
            layout.front_matter = choice(
                v,
                "front-matter",
                &[
                    ("required", FrontMatterPolicy::Required),
                    ("optional", FrontMatterPolicy::Optional),
                    ("none", FrontMatterPolicy::None),
                ],
                error,
            )?;
        }
        if let Some(sources) = &self.date {
            layout.date = sources
                .iter()
                .map(|s| match s.get_ref().trim() {
                    "front-matter" => Ok(DateSource::FrontMatter),
                    "file-name" => Ok(DateSource::FileName),
                    other => match other.strip_prefix("path:") {
                        Some(pattern) => PathDate::new(pattern.trim())
                            .map(DateSource::Path)
                            .map_err(|m| error(Some(s.span()), m)),
                        None => Err(error(
                            Some(s.span()),
                            format!(
                                "unknown date source `{other}` (expected front-matter, file-name or path:{{yyyy}}/{{mm}}/{{dd}}.md)"
                            ),
                        )),
                    },
                })
                .collect::<Result<_, _>>()?;
        }
        if let Some(p) = &self.page_heading {
            layout.page_heading =
                Some(PageHeading::new(p.get_ref()).map_err(|m| error(Some(p.span()), m))?);
        }
        if let Some(paper) = self.paper {
            if let Some(unit) = &paper.unit {
                layout.paper.unit = choice(
                    unit,
                    "paper unit",
                    &[
                        ("heading", PaperUnit::Heading),
                        ("list-item", PaperUnit::ListItem),
                        ("post", PaperUnit::Post),
                    ],
                    error,
                )?;
                // Each unit's usual shape, unless the table says otherwise.
                match layout.paper.unit {
                    PaperUnit::Heading => {}
                    PaperUnit::ListItem => {
                        layout.paper.title = TitleStyle::Bold;
                        layout.paper.links = vec![LinkPlace::Heading, LinkPlace::NestedItem];
                        layout.sections.style = SectionStyle::LabelledBullets;
                    }
                    PaperUnit::Post => {
                        layout.paper.numbered = false;
                        layout.paper.title = TitleStyle::Text;
                        layout.paper.links = vec![LinkPlace::FrontMatter("arxiv".into())];
                        layout.sections.level = 2;
                    }
                }
            }
            if let Some(v) = &paper.level {
                layout.paper.level = level(v, "paper level", error)?;
                layout.sections.level = layout.paper.level + 1;
            }
            if let Some(numbered) = paper.numbered {
                layout.paper.numbered = numbered;
            }
            if let Some(title) = &paper.title {
                layout.paper.title = choice(
                    title,
                    "paper title",
                    &[
                        ("link", TitleStyle::Link),
                        ("text", TitleStyle::Text),
                        ("bold", TitleStyle::Bold),
                    ],
                    error,
                )?;
                if layout.paper.unit == PaperUnit::Heading
                    && layout.paper.title != TitleStyle::Link
                    && paper.links.is_none()
                {
                    layout.paper.links = vec![LinkPlace::NextLine];
                }
            }
            if let Some(links) = &paper.links {
                layout.paper.links = links
                    .iter()
                    .map(|l| match l.get_ref().trim() {
                        "heading" => Ok(LinkPlace::Heading),
                        "next-line" => Ok(LinkPlace::NextLine),
                        "nested-item" => Ok(LinkPlace::NestedItem),
                        other => match other.strip_prefix("front-matter:") {
                            Some(key) if !key.trim().is_empty() => {
                                Ok(LinkPlace::FrontMatter(key.trim().to_string()))
                            }
                            _ => Err(error(
                                Some(l.span()),
                                format!(
                                    "unknown link place `{other}` (expected heading, next-line, nested-item or front-matter:KEY)"
                                ),
                            )),
                        },
                    })
                    .collect::<Result<_, _>>()?;
            }
            if let Some(hosts) = paper.hosts {
                for host in &hosts {
                    if let Some(problem) = crate::config_checks::host_problem(host.get_ref()) {
                        return Err(error(Some(host.span()), problem));
                    }
                }
                layout.paper.hosts = hosts.into_iter().map(Spanned::into_inner).collect();
            }
            if let Some(metadata) = paper.metadata {
                if let Some(empty) = metadata.iter().find(|m| m.get_ref().trim().is_empty()) {
                    return Err(error(
                        Some(empty.span()),
                        "an empty metadata prefix would make every line under a paper metadata; remove it".to_string(),
                    ));
                }
                layout.paper.metadata = metadata.into_iter().map(Spanned::into_inner).collect();
            }
        }
        if let Some(sections) = self.sections {
            if let Some(style) = &sections.style {
                layout.sections.style = choice(
                    style,
                    "section style",
                    &[
                        ("headings", SectionStyle::Headings),
                        ("bold-labels", SectionStyle::BoldLabels),
                        ("labelled-bullets", SectionStyle::LabelledBullets),
                        ("none", SectionStyle::None),
                    ],
                    error,
                )?;
            }
            if let Some(v) = &sections.level {
                layout.sections.level = level(v, "section level", error)?;
            }
            if let Some(names) = sections.names {
                layout.sections.required = names.clone();
                layout.sections.names = names;
            }
            if let Some(required) = sections.required {
                let keys: Vec<String> = layout
                    .sections
                    .names
                    .iter()
                    .map(|n| crate::syntax::section_key(n))
                    .collect();
                for r in &required {
                    if !keys.contains(&crate::syntax::section_key(r.get_ref())) {
                        return Err(error(
                            Some(r.span()),
                            format!("required section `{}` is not among `names`", r.get_ref()),
                        ));
                    }
                }
                layout.sections.required = required.into_iter().map(Spanned::into_inner).collect();
            }
        }
        if layout.sections.style == SectionStyle::None {
            layout.sections.names = vec![crate::syntax::SUMMARY.to_string()];
            layout.sections.required = Vec::new();
        }
        if layout.paper.unit == PaperUnit::Post && layout.front_matter == FrontMatterPolicy::None {
            return Err(error(
                None,
                format!(
                    "[[layout]] `{}`: one paper per post needs front matter for its title and identifier",
                    layout.name
                ),
            ));
        }
        layout.resolve_hosts(&schema.link_hosts);
        Ok(layout)
    }
}
