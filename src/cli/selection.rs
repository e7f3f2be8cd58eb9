//! `--select` and `--ignore`: rule selectors applied on top of each post's configuration.

use digest_lint::{Config, Rule};

/// The rules named by `--select` and `--ignore`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RuleSelection {
    /// `Some`: only these rules run (turned on when off). `None`: no `--select`.
    select: Option<Vec<Rule>>,
    /// Rules turned off.
    ignore: Vec<Rule>,
}

impl RuleSelection {
    /// Resolves the selectors (codes, names, prefixes like `DL1`, or `ALL`). An unknown
    /// selector is an error naming it and, when there are, close matches.
    pub fn parse(select: &[String], ignore: &[String]) -> Result<Self, String> {
        let resolve = |flag: &str, selectors: &[String]| -> Result<Vec<Rule>, String> {
            let mut rules = Vec::new();
            for selector in selectors.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
                let matched = Rule::matching(selector);
                if matched.is_empty() {
                    return Err(unknown_selector(flag, selector));
                }
                rules.extend(matched);
            }
            rules.sort();
            rules.dedup();
            Ok(rules)
        };
        let select = if select.is_empty() {
            None
        } else {
            let rules = resolve("--select", select)?;
            // `--select ''` would silently run nothing and pass: refuse it.
            if rules.is_empty() {
                return Err(
                    "--select names no rule (give codes, names or prefixes such as DL1, or ALL)"
                        .into(),
                );
            }
            Some(rules)
        };
        Ok(Self {
            select,
            ignore: resolve("--ignore", ignore)?,
        })
    }

    /// Applies the selection to a post's configuration: with `--select`, unselected
    /// rules are turned off and selected rules that are off are turned on at their
    /// default severity (a configured severity is kept); `--ignore` then turns rules off.
    pub fn apply(&self, config: &mut Config) {
        if let Some(selected) = &self.select {
            for &rule in Rule::ALL {
                if !selected.contains(&rule) {
                    config.levels.insert(rule, None);
                } else if config.level(rule).is_none() {
                    config.levels.insert(rule, Some(rule.default_severity()));
                }
            }
        }
        for &rule in &self.ignore {
            config.levels.insert(rule, None);
        }
    }
}

/// The message for a selector that names no rule.
pub fn unknown_selector(flag: &str, selector: &str) -> String {
    let mut message = format!(
        "{flag}: `{selector}` names no rule (use a code like DL401, a name like title-whitespace, a prefix like DL4, or ALL)"
    );
    let close = Rule::similar(selector);
    if !close.is_empty() {
        message.push_str(&format!("; did you mean {}?", close.join(", ")));
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn select_turns_on_off_by_default_rules_and_ignore_wins() {
        let selection =
            RuleSelection::parse(&strings(&["DL3", "title-whitespace"]), &strings(&["DL301"]))
                .unwrap();
        let mut config = Config::default();
        selection.apply(&mut config);
        assert_eq!(
            config.level(Rule::ArxivIdVersioned),
            Some(Rule::ArxivIdVersioned.default_severity())
        );
        assert!(config.level(Rule::TitleWhitespace).is_some());
        assert_eq!(config.level(Rule::ArxivLinkInvalid), None);
        assert_eq!(config.level(Rule::TitleStrayQuote), None);
    }

    #[test]
    fn select_keeps_a_configured_severity() {
        let selection = RuleSelection::parse(&strings(&["DL401"]), &[]).unwrap();
        let mut config = Config::default();
        config
            .levels
            .insert(Rule::TitleWhitespace, Some(digest_lint::Severity::Error));
        selection.apply(&mut config);
        assert_eq!(
            config.level(Rule::TitleWhitespace),
            Some(digest_lint::Severity::Error)
        );
    }

    #[test]
    fn an_empty_select_is_refused() {
        assert!(
            RuleSelection::parse(&[" ".into()], &[])
                .unwrap_err()
                .contains("names no rule")
        );
    }

    #[test]
    fn unknown_selectors_suggest_close_matches() {
        let error = RuleSelection::parse(&strings(&["title-whitespac"]), &[]).unwrap_err();
        assert!(error.contains("did you mean `title-whitespace`"), "{error}");
        assert!(RuleSelection::parse(&[], &strings(&["nope"])).is_err());
    }
}
