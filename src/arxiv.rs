//! arXiv identifiers and URLs.
//!
//! Implements the scheme described at
//! <https://info.arxiv.org/help/arxiv_identifier.html>. Every offset and span in
//! this module is a **byte** offset into the `&str` that was passed in; spans
//! always fall on `char` boundaries, so they can be used to slice that string.

use std::fmt;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

/// Archives of the old (before April 2007) identifier scheme.
const OLD_ARCHIVES: &[&str] = &[
    "acc-phys", "adap-org", "alg-geom", "ao-sci", "astro-ph", "atom-ph", "bayes-an", "chao-dyn",
    "chem-ph", "cmp-lg", "comp-gas", "cond-mat", "cs", "dg-ga", "funct-an", "gr-qc", "hep-ex",
    "hep-lat", "hep-ph", "hep-th", "math", "math-ph", "mtrl-th", "nlin", "nucl-ex", "nucl-th",
    "patt-sol", "physics", "plasm-ph", "q-alg", "q-bio", "quant-ph", "solv-int", "supr-con",
];

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("valid regex")
}

// `[0-9]`, not `\d`: the regex crate's `\d` also matches non-ASCII digits.
static NEW_SHAPE: LazyLock<Regex> =
    LazyLock::new(|| re(r"^([0-9]{4})\.([0-9]+)(?:([vV])([0-9]*))?$"));
static OLD_SHAPE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^([A-Za-z][A-Za-z-]*)(?:\.([A-Za-z][A-Za-z-]*))?/([0-9]+)(?:([vV])([0-9]*))?$")
});
static ARCHIVE_SEGMENT: LazyLock<Regex> =
    LazyLock::new(|| re(r"^[A-Za-z][A-Za-z-]*(?:\.[A-Za-z][A-Za-z-]*)?$"));
static NEW_AT: LazyLock<Regex> = LazyLock::new(|| re(r"^[0-9]{4}\.[0-9]+(?:v[0-9]+)?"));
static OLD_DIGITS_AT: LazyLock<Regex> = LazyLock::new(|| re(r"^[0-9]+(?:v[0-9]+)?"));

/// A parsed arXiv identifier.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ArxivId {
    /// `YYMM.NNNN` (2007-04 .. 2014-12) or `YYMM.NNNNN` (2015-01 on), e.g. `2508.20751v2`.
    /// The digit count of `number` follows from the era of `yymm`.
    New {
        yymm: u16,
        number: u32,
        version: Option<u32>,
    },
    /// `archive(.SUBJ)?/YYMMNNN` (1991 .. 2007-03), e.g. `math.GT/0309136v1`.
    Old {
        archive: String,
        subject_class: Option<String>,
        yymm: u16,
        number: u32,
        version: Option<u32>,
    },
}

/// Why a string is not a valid arXiv identifier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdError {
    /// The text does not look like an arXiv identifier at all (e.g. `hello`).
    NotAnIdentifier,
    /// The text has the shape of an identifier but is invalid; the string says why.
    Malformed(String),
}

impl fmt::Display for IdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IdError::NotAnIdentifier => f.write_str("not an arXiv identifier"),
            IdError::Malformed(reason) => write!(f, "malformed arXiv identifier: {reason}"),
        }
    }
}

impl std::error::Error for IdError {}

fn bad(reason: String) -> IdError {
    IdError::Malformed(reason)
}

/// Value of a short run of ASCII digits (callers bound its length).
fn digits(s: &str) -> u32 {
    s.bytes().fold(0u32, |n, b| {
        n.saturating_mul(10).saturating_add(u32::from(b - b'0'))
    })
}

fn check_month(yymm: u16) -> Result<(), IdError> {
    match yymm % 100 {
        1..=12 => Ok(()),
        m => Err(bad(format!("month {m:02} does not exist"))),
    }
}

fn parse_version(marker: Option<&str>, num: Option<&str>) -> Result<Option<u32>, IdError> {
    let Some(marker) = marker else {
        return Ok(None);
    };
    if marker == "V" {
        return Err(bad("version marker must be a lowercase 'v'".into()));
    }
    match num.unwrap_or("") {
        "" => Err(bad("missing version number after 'v'".into())),
        n => match n.parse::<u32>() {
            Ok(0) => Err(bad("versions start at v1; v0 does not exist".into())),
            Ok(v) => Ok(Some(v)),
            Err(_) => Err(bad(format!("version number {n} is too large"))),
        },
    }
}

fn opt<'a>(m: Option<regex::Match<'a>>) -> Option<&'a str> {
    m.map(|m| m.as_str())
}

/// Parses an identifier without any `arXiv:` prefix.
fn parse_bare(text: &str) -> Result<ArxivId, IdError> {
    if let Some(c) = NEW_SHAPE.captures(text) {
        let yymm = digits(&c[1]) as u16;
        check_month(yymm)?;
        if yymm < 704 {
            return Err(bad(format!(
                "new-style identifiers start at 0704 (April 2007), not {yymm:04}"
            )));
        }
        let (want, num) = (if yymm < 1501 { 4 } else { 5 }, &c[2]);
        if num.len() != want {
            let (y, m) = (2000 + yymm / 100, yymm % 100);
            return Err(bad(format!(
                "identifiers from {y}-{m:02} have {want}-digit numbers, not {}",
                num.len()
            )));
        }
        let number = digits(num);
        if number == 0 {
            return Err(bad("paper number 0 does not exist".into()));
        }
        let version = parse_version(opt(c.get(3)), opt(c.get(4)))?;
        return Ok(ArxivId::New {
            yymm,
            number,
            version,
        });
    }
    let Some(c) = OLD_SHAPE.captures(text) else {
        return Err(IdError::NotAnIdentifier);
    };
    let archive = &c[1];
    if !OLD_ARCHIVES.contains(&archive) {
        return Err(bad(format!("unknown archive `{archive}`")));
    }
    let num = &c[3];
    if num.len() != 7 {
        return Err(bad(format!(
            "old-style numbers have 7 digits (YYMMNNN), not {}",
            num.len()
        )));
    }
    let (yymm, number) = (digits(&num[..4]) as u16, digits(&num[4..]));
    check_month(yymm)?;
    if !(yymm >= 9100 || yymm <= 703) {
        return Err(bad(format!(
            "old-style identifiers run from 1991 to 0703 (March 2007), not {yymm:04}"
        )));
    }
    if number == 0 {
        return Err(bad("paper number 000 does not exist".into()));
    }
    let version = parse_version(opt(c.get(4)), opt(c.get(5)))?;
    let subject_class = opt(c.get(2)).map(str::to_owned);
    Ok(ArxivId::Old {
        archive: archive.to_owned(),
        subject_class,
        yymm,
        number,
        version,
    })
}

/// Strips a case-insensitive `arXiv:` prefix; returns the rest and the prefix length in bytes.
fn strip_arxiv_prefix(text: &str) -> (&str, usize) {
    match text.get(..6) {
        Some(p) if p.eq_ignore_ascii_case("arxiv:") => (&text[6..], 6),
        _ => (text, 0),
    }
}

impl ArxivId {
    /// Parses a bare identifier; the whole string must match. An `arXiv:` prefix (any case)
    /// is accepted, e.g. `"2508.20751v2"`, `"arXiv:2508.20751"`, `"hep-th/9901001"`.
    pub fn parse(text: &str) -> Result<ArxivId, IdError> {
        parse_bare(strip_arxiv_prefix(text).0)
    }

    fn yymm(&self) -> u16 {
        match self {
            ArxivId::New { yymm, .. } | ArxivId::Old { yymm, .. } => *yymm,
        }
    }

    /// Four-digit year of submission, e.g. 2025; old-style `91..=99` is 1991.., `00..=07` is 2000...
    pub fn year(&self) -> u16 {
        let yy = self.yymm() / 100;
        if matches!(self, ArxivId::Old { .. }) && yy >= 91 {
            1900 + yy
        } else {
            2000 + yy
        }
    }

    /// Month of submission, 1..=12.
    pub fn month(&self) -> u8 {
        (self.yymm() % 100) as u8
    }

    /// The version number (`vN`), if the identifier has one.
    pub fn version(&self) -> Option<u32> {
        match self {
            ArxivId::New { version, .. } | ArxivId::Old { version, .. } => *version,
        }
    }

    /// The same identifier with no version.
    pub fn without_version(&self) -> ArxivId {
        let mut id = self.clone();
        match &mut id {
            ArxivId::New { version, .. } | ArxivId::Old { version, .. } => *version = None,
        }
        id
    }

    /// `https://arxiv.org/abs/<id>`, including the version if there is one.
    pub fn canonical_url(&self) -> String {
        format!("https://arxiv.org/abs/{self}")
    }
}

impl fmt::Display for ArxivId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ArxivId::New { yymm, number, .. } => {
                let width = if *yymm < 1501 { 4 } else { 5 };
                write!(f, "{yymm:04}.{number:0width$}")?;
            }
            ArxivId::Old {
                archive,
                subject_class,
                yymm,
                number,
                ..
            } => {
                f.write_str(archive)?;
                if let Some(s) = subject_class {
                    write!(f, ".{s}")?;
                }
                write!(f, "/{yymm:04}{number:03}")?;
            }
        }
        match self.version() {
            Some(v) => write!(f, "v{v}"),
            None => Ok(()),
        }
    }
}

/// How an arXiv URL was written (for the "non-canonical" rule).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArxivUrl {
    /// The identifier the URL points to.
    pub id: ArxivId,
    /// Byte span of the identifier in the URL string, including any version suffix.
    pub id_span: Range<usize>,
    /// Byte span of the `vN` version suffix in the URL string.
    pub version_span: Option<Range<usize>>,
    /// Lowercase host, e.g. `arxiv.org`, `www.arxiv.org`, `export.arxiv.org`.
    pub host: String,
    /// Ways the URL differs from `https://arxiv.org/abs/<id>`, sorted; empty means canonical.
    pub deviations: Vec<UrlDeviation>,
}

/// One way an arXiv URL differs from the canonical `https://arxiv.org/abs/<id>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum UrlDeviation {
    Http,
    WwwHost,
    ExportHost,
    /// Any other subdomain of arxiv.org (e.g. an old mirror such as `de.arxiv.org`).
    OtherHost,
    PdfPath,
    PdfSuffix,
    /// `/abs/arXiv:ID`.
    ArxivPrefix,
    TrailingSlash,
    Query,
    Fragment,
    /// A page other than `/abs/` or `/pdf/`, e.g. `/html/ID` or `/format/ID`.
    OtherPath,
}

impl UrlDeviation {
    /// A short human phrase, e.g. "uses http instead of https".
    pub fn describe(&self) -> &'static str {
        match self {
            UrlDeviation::Http => "uses http instead of https",
            UrlDeviation::WwwHost => "uses www.arxiv.org instead of arxiv.org",
            UrlDeviation::ExportHost => "uses export.arxiv.org instead of arxiv.org",
            UrlDeviation::OtherHost => "uses a subdomain of arxiv.org instead of arxiv.org",
            UrlDeviation::PdfPath => "links the PDF (/pdf/) instead of the abstract page (/abs/)",
            UrlDeviation::PdfSuffix => "has a .pdf suffix",
            UrlDeviation::ArxivPrefix => "has an arXiv: prefix before the identifier",
            UrlDeviation::TrailingSlash => "has a trailing slash",
            UrlDeviation::Query => "has a query string",
            UrlDeviation::Fragment => "has a #fragment",
            UrlDeviation::OtherPath => "links a page other than the abstract page (/abs/)",
        }
    }
}

/// Why [`parse_url`] found no arXiv paper.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UrlError {
    /// Not an http(s) URL, or its host is neither arxiv.org nor a subdomain of it.
    NotArxiv,
    /// An arXiv URL that names no paper, e.g. `https://arxiv.org/list/cs.AI/recent`.
    NoIdentifier,
    /// A paper URL whose identifier is invalid; `span` is its byte span in the URL.
    Malformed { reason: String, span: Range<usize> },
}

impl fmt::Display for UrlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UrlError::NotArxiv => f.write_str("not an arXiv URL"),
            UrlError::NoIdentifier => f.write_str("arXiv URL without a paper identifier"),
            UrlError::Malformed { reason, .. } => write!(f, "malformed arXiv identifier: {reason}"),
        }
    }
}

impl std::error::Error for UrlError {}

/// Byte ranges of the parts of `scheme://authority/path?query#fragment`.
struct UrlParts {
    scheme: Range<usize>,
    authority: Range<usize>,
    path: Range<usize>,
    has_query: bool,
    has_fragment: bool,
}

fn split_url(url: &str) -> Option<UrlParts> {
    let sep = url.find("://")?;
    let scheme_ok = |c: char| c.is_ascii_alphanumeric() || matches!(c, '+' | '.' | '-');
    if sep == 0 || !url[..sep].chars().all(scheme_ok) {
        return None;
    }
    let start = sep + 3;
    let auth_end = url[start..]
        .find(['/', '?', '#'])
        .map_or(url.len(), |i| start + i);
    let path_end = url[auth_end..]
        .find(['?', '#'])
        .map_or(url.len(), |i| auth_end + i);
    Some(UrlParts {
        scheme: 0..sep,
        authority: start..auth_end,
        path: auth_end..path_end,
        has_query: url[path_end..].starts_with('?'),
        has_fragment: url[path_end..].contains('#'),
    })
}

/// Parses an arXiv paper URL in every form people write: https/http, arxiv.org /
/// www.arxiv.org / export.arxiv.org, `/abs/ID`, `/pdf/ID`, `/pdf/ID.pdf`, `/abs/arXiv:ID`,
/// `/html/ID`, trailing slash, `?query`, `#fragment`, any case in scheme and host.
/// Whitespace anywhere, userinfo or an explicit port give `NotArxiv` (callers trim).
/// Scheme/host case is not a deviation. All spans are byte offsets into `url`.
pub fn parse_url(url: &str) -> Result<ArxivUrl, UrlError> {
    use UrlDeviation as D;
    let p = split_url(url).ok_or(UrlError::NotArxiv)?;
    if url.chars().any(char::is_whitespace) {
        return Err(UrlError::NotArxiv);
    }
    let mut dev = Vec::new();
    match url[p.scheme].to_ascii_lowercase().as_str() {
        "https" => {}
        "http" => dev.push(D::Http),
        _ => return Err(UrlError::NotArxiv),
    }
    let host = url[p.authority].to_ascii_lowercase();
    if !host
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
    {
        return Err(UrlError::NotArxiv);
    }
    match host.as_str() {
        "arxiv.org" => {}
        "www.arxiv.org" => dev.push(D::WwwHost),
        "export.arxiv.org" => dev.push(D::ExportHost),
        h if h.ends_with(".arxiv.org") => dev.push(D::OtherHost),
        _ => return Err(UrlError::NotArxiv),
    }
    let path = &url[p.path.clone()];
    let Some((kind, _)) = path.strip_prefix('/').and_then(|s| s.split_once('/')) else {
        return Err(UrlError::NoIdentifier);
    };
    match kind {
        "abs" => {}
        "pdf" => dev.push(D::PdfPath),
        "html" | "format" | "ps" | "src" | "e-print" => dev.push(D::OtherPath),
        _ => return Err(UrlError::NoIdentifier),
    }
    let (rest, prefix_len) = strip_arxiv_prefix(&path[kind.len() + 2..]);
    if prefix_len > 0 {
        dev.push(D::ArxivPrefix);
    }
    let start = p.path.start + kind.len() + 2 + prefix_len;
    // The identifier is one path segment, or two for old style (`archive/YYMMNNN`).
    let seg1 = rest.find('/').unwrap_or(rest.len());
    let mut id_end = seg1;
    if seg1 < rest.len() && ARCHIVE_SEGMENT.is_match(&rest[..seg1]) {
        id_end = rest[seg1 + 1..]
            .find('/')
            .map_or(rest.len(), |i| seg1 + 1 + i);
    }
    match &rest[id_end..] {
        "" => {}
        "/" => dev.push(D::TrailingSlash),
        _ => dev.push(D::OtherPath),
    }
    let mut id_text = &rest[..id_end];
    if let Some(s) = id_text.strip_suffix(".pdf") {
        id_text = s;
        dev.push(D::PdfSuffix);
    }
    if id_text.is_empty() {
        return Err(UrlError::NoIdentifier);
    }
    let id_span = start..start + id_text.len();
    let id = parse_bare(id_text).map_err(|e| UrlError::Malformed {
        reason: match e {
            IdError::NotAnIdentifier => format!("`{id_text}` is not an arXiv identifier"),
            IdError::Malformed(reason) => reason,
        },
        span: id_span.clone(),
    })?;
    // A parsed version is always a lowercase `v` followed by the last digits of the id.
    let version_span = id
        .version()
        .and(id_text.rfind('v'))
        .map(|i| start + i..id_span.end);
    if p.has_query {
        dev.push(D::Query);
    }
    if p.has_fragment {
        dev.push(D::Fragment);
    }
    dev.sort();
    dev.dedup();
    Ok(ArxivUrl {
        id,
        id_span,
        version_span,
        host,
        deviations: dev,
    })
}

/// On a host other than arXiv, a paper page whose identifier is malformed
/// (`https://huggingface.co/papers/2504.1010`): the path segment after `papers`, `paper`,
/// `abs` or `pdf`, when it starts with a digit and [`find_id_in_url`] finds no
/// identifier. Returns why it is not one and its byte range in `url`.
pub fn malformed_id_on_paper_page(url: &str) -> Option<(String, Range<usize>)> {
    if find_id_in_url(url).is_some() {
        return None;
    }
    let path = split_url(url)?.path;
    let mut offset = path.start;
    let mut previous = "";
    for segment in url[path].split('/') {
        let at = offset;
        offset += segment.len() + 1;
        if matches!(previous, "papers" | "paper" | "abs" | "pdf")
            && segment.starts_with(|c: char| c.is_ascii_digit())
        {
            let reason = match parse_bare(segment) {
                Err(IdError::Malformed(reason)) => reason,
                _ => format!("`{segment}` is not an arXiv identifier"),
            };
            return Some((reason, at..at + segment.len()));
        }
        previous = segment;
    }
    None
}

/// Finds the first arXiv identifier in the path of any URL (any host), e.g.
/// `https://www.alphaxiv.org/ko/overview/2508.20751` or `https://huggingface.co/papers/2508.20751`.
/// New-style ids may sit anywhere in a path segment bounded by non-digits; old-style ids are
/// `archive/YYMMNNN` across two segments. Input without `://` is scanned whole up to any `?`/`#`.
/// Returns the id and its byte span in `url`, including any version suffix.
pub fn find_id_in_url(url: &str) -> Option<(ArxivId, Range<usize>)> {
    let path = match split_url(url) {
        Some(p) => p.path,
        None => 0..url.find(['?', '#']).unwrap_or(url.len()),
    };
    let mut offset = path.start;
    let segments: Vec<(usize, &str)> = url[path]
        .split('/')
        .map(|s| {
            let at = offset;
            offset += s.len() + 1;
            (at, s)
        })
        .collect();
    for (i, &(at, seg)) in segments.iter().enumerate() {
        let (archive, skip) = strip_arxiv_prefix(seg);
        if let Some(&(next_at, next)) = segments.get(i + 1)
            && ARCHIVE_SEGMENT.is_match(archive)
            && let Some(m) = OLD_DIGITS_AT.find(next)
        {
            let span = at + skip..next_at + m.end();
            if let Ok(id) = parse_bare(&url[span.clone()]) {
                return Some((id, span));
            }
        }
        let bytes = seg.as_bytes();
        for (j, b) in bytes.iter().enumerate() {
            // An ASCII digit byte is always a char boundary.
            if b.is_ascii_digit()
                && (j == 0 || !bytes[j - 1].is_ascii_digit())
                && let Some(m) = NEW_AT.find(&seg[j..])
                && let Ok(id) = parse_bare(m.as_str())
            {
                return Some((id, at + j..at + j + m.end()));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rows of a `|`-separated table, cells trimmed; `-` stands for an empty cell.
    fn rows(table: &str) -> Vec<Vec<&str>> {
        fn cell(c: &str) -> &str {
            let c = c.trim();
            if c == "-" { "" } else { c }
        }
        let lines = table.lines().filter(|l| !l.trim().is_empty());
        lines.map(|l| l.split(" | ").map(cell).collect()).collect()
    }

    #[test]
    fn parses_valid_ids() {
        // input | Display | year | month
        let table = "
            0704.0001 | 0704.0001 | 2007 | 4
            1412.9999 | 1412.9999 | 2014 | 12
            1501.00001 | 1501.00001 | 2015 | 1
            2508.20751v2 | 2508.20751v2 | 2025 | 8
            2508.20751v12 | 2508.20751v12 | 2025 | 8
            2508.20751v007 | 2508.20751v7 | 2025 | 8
            arXiv:2508.20751 | 2508.20751 | 2025 | 8
            ARXIV:2508.20751v1 | 2508.20751v1 | 2025 | 8
            hep-th/9901001 | hep-th/9901001 | 1999 | 1
            hep-th/9108001 | hep-th/9108001 | 1991 | 8
            math.GT/0309136v1 | math.GT/0309136v1 | 2003 | 9
            cs/0112017 | cs/0112017 | 2001 | 12
            cond-mat.stat-mech/0703001 | cond-mat.stat-mech/0703001 | 2007 | 3
            arXiv:hep-th/9901001v3 | hep-th/9901001v3 | 1999 | 1";
        for r in rows(table) {
            let id = ArxivId::parse(r[0]).unwrap_or_else(|e| panic!("{}: {e:?}", r[0]));
            let got = format!("{id} | {} | {}", id.year(), id.month());
            assert_eq!(got, r[1..].join(" | "), "{}", r[0]);
        }
        let gt = r#"Old { archive: "math", subject_class: Some("GT"), yymm: 309, number: 136, version: Some(1) }"#;
        assert_eq!(
            format!("{:?}", ArxivId::parse("math.GT/0309136v1").unwrap()),
            gt
        );
        let first = "New { yymm: 704, number: 1, version: None }";
        assert_eq!(format!("{:?}", ArxivId::parse("0704.0001").unwrap()), first);
    }

    #[test]
    fn rejects_invalid_ids() {
        // input | part of the Malformed reason (`-` = NotAnIdentifier)
        let table = "
            2513.12345 | month 13 does not exist
            2500.12345 | month 00
            2508.1234 | have 5-digit numbers, not 4
            1401.12345 | 4-digit
            1412.99999 | 4-digit
            1501.0001 | 5-digit
            0703.0001 | 0704
            2508.00000 | number 0
            2508.20751v0 | v0
            2508.20751v | missing version
            2508.20751V2 | lowercase
            2508.20751v99999999999 | too large
            foo-th/9901001 | unknown archive `foo-th`
            hep-th/990100 | 7 digits
            hep-th/0704001 | 0703
            hep-th/9013001 | month 13
            hep-th/8912001 | 1991
            hep-th/9901000 | 000
            hello | -
            arXiv: | -
            25080.20751 | -
            ٢٥٠٨.٢٠٧٥١ | -
            hep-th/9901001/ | -
            🎉2508.20751 | -
            arXiv:arXiv:2508.20751 | -";
        let mut cases = rows(table);
        cases.extend(["", "2508.20751 ", " 2508.20751"].map(|s| vec![s, ""]));
        for r in cases {
            match (ArxivId::parse(r[0]), r[1]) {
                (Err(IdError::NotAnIdentifier), "") => {}
                (Err(IdError::Malformed(m)), part) if !part.is_empty() => {
                    assert!(m.contains(part), "{}: {m}", r[0])
                }
                (got, _) => panic!("{:?}: got {got:?}, want {:?}", r[0], r[1]),
            }
        }
    }

    #[test]
    fn display_round_trips_and_helpers() {
        let canonical = "0704.0001 0704.0001v1 1412.9999 1501.00001 2508.20751v2 2508.00007 \
                         hep-th/9901001 math.GT/0309136v1 cs/0112017 q-bio/0703001v10";
        for text in canonical.split(' ') {
            let id = ArxivId::parse(text).unwrap();
            assert_eq!(id.to_string(), text);
            assert_eq!(id.canonical_url(), format!("https://arxiv.org/abs/{text}"));
            assert_eq!(parse_url(&id.canonical_url()).unwrap().deviations, []);
            assert_eq!(id.without_version().version(), None);
            assert!(text.starts_with(&id.without_version().to_string()));
        }
        assert_eq!(ArxivId::parse("2508.20751v2").unwrap().version(), Some(2));
    }

    #[test]
    fn parses_url_forms() {
        // url | id text at id_span | host | deviations
        let mut seen = std::collections::BTreeSet::new();
        let table = "
            https://arxiv.org/abs/2508.20751v2 | 2508.20751v2 | arxiv.org | -
            http://arxiv.org/abs/2508.20751v2 | 2508.20751v2 | arxiv.org | Http
            https://www.arxiv.org/abs/2508.20751v2 | 2508.20751v2 | www.arxiv.org | WwwHost
            https://export.arxiv.org/abs/2508.20751 | 2508.20751 | export.arxiv.org | ExportHost
            https://de.arxiv.org/abs/2508.20751 | 2508.20751 | de.arxiv.org | OtherHost
            HTTPS://ArXiv.ORG/abs/2508.20751v2 | 2508.20751v2 | arxiv.org | -
            https://arxiv.org/pdf/2508.20751v2 | 2508.20751v2 | arxiv.org | PdfPath
            https://arxiv.org/pdf/2508.20751v2.pdf | 2508.20751v2 | arxiv.org | PdfPath PdfSuffix
            https://arxiv.org/abs/arXiv:2508.20751v2 | 2508.20751v2 | arxiv.org | ArxivPrefix
            https://arxiv.org/abs/2508.20751v2/ | 2508.20751v2 | arxiv.org | TrailingSlash
            https://arxiv.org/abs/2508.20751v2?context=cs | 2508.20751v2 | arxiv.org | Query
            https://arxiv.org/abs/2508.20751v2#S3 | 2508.20751v2 | arxiv.org | Fragment
            https://arxiv.org/abs/2508.20751?a=1#b?c | 2508.20751 | arxiv.org | Query Fragment
            https://arxiv.org/abs/2508.20751? | 2508.20751 | arxiv.org | Query
            https://arxiv.org/html/2508.20751v2 | 2508.20751v2 | arxiv.org | OtherPath
            https://arxiv.org/html/2508.20751v1/#S3 | 2508.20751v1 | arxiv.org | TrailingSlash Fragment OtherPath
            https://arxiv.org/html/2508.20751v1/x1.png | 2508.20751v1 | arxiv.org | OtherPath
            https://arxiv.org/format/2508.20751 | 2508.20751 | arxiv.org | OtherPath
            https://arxiv.org/abs/hep-th/9901001 | hep-th/9901001 | arxiv.org | -
            https://arxiv.org/abs/arxiv:hep-th/9901001/ | hep-th/9901001 | arxiv.org | ArxivPrefix TrailingSlash
            http://www.arxiv.org/pdf/math.GT/0309136v1.pdf | math.GT/0309136v1 | www.arxiv.org | Http WwwHost PdfPath PdfSuffix";
        for r in rows(table) {
            let (url, id) = (r[0], r[1]);
            let got = parse_url(url).unwrap_or_else(|e| panic!("{url}: {e:?}"));
            assert_eq!(&url[got.id_span.clone()], id, "{url}");
            assert_eq!(got.id.to_string(), id, "{url}");
            assert_eq!(got.host, r[2], "{url}");
            let devs: Vec<String> = got.deviations.iter().map(|d| format!("{d:?}")).collect();
            assert_eq!(devs.join(" "), r[3], "{url}");
            seen.extend(got.deviations);
            let version = got.version_span.map(|s| &url[s]);
            assert_eq!(version, id.rfind('v').map(|i| &id[i..]), "{url}");
        }
        // Every deviation occurs in the table above, each with its own phrase.
        let phrases: std::collections::BTreeSet<_> = seen.iter().map(|d| d.describe()).collect();
        assert_eq!((seen.len(), phrases.len()), (11, 11));
        assert_eq!(UrlDeviation::Http.describe(), "uses http instead of https");
        let u = parse_url("https://arxiv.org/abs/2508.20751v2").unwrap();
        assert_eq!((u.id_span, u.version_span), (22..34, Some(32..34)));
    }

    #[test]
    fn rejects_bad_urls() {
        // url | expected error
        let table = "
            https://arxiv.org/list/cs.AI/recent | NoIdentifier
            https://arxiv.org/ | NoIdentifier
            https://arxiv.org | NoIdentifier
            https://arxiv.org/abs/ | NoIdentifier
            https://arxiv.org/abs/arXiv: | NoIdentifier
            https://info.arxiv.org/help/arxiv_identifier.html | NoIdentifier
            https://example.org/abs/2508.20751 | NotArxiv
            https://notarxiv.org/abs/2508.20751 | NotArxiv
            https://arxiv.org.evil.com/abs/2508.20751 | NotArxiv
            https://user@arxiv.org/abs/2508.20751 | NotArxiv
            https://아카이브.org/abs/2508.20751 | NotArxiv
            ftp://arxiv.org/abs/2508.20751 | NotArxiv
            arxiv.org/abs/2508.20751 | NotArxiv
            2508.20751 | NotArxiv
            hello | NotArxiv";
        let mut cases = rows(table);
        let blank = [
            " https://arxiv.org/abs/2508.20751",
            "https://arxiv.org/abs/2508.20751\n",
            "",
        ];
        cases.extend(blank.map(|u| vec![u, "NotArxiv"]));
        for r in cases {
            let got = format!("{:?}", parse_url(r[0]));
            assert_eq!(got, format!("Err({})", r[1]), "{:?}", r[0]);
        }
        // url | text at the error span | part of the reason
        let table = "
            https://arxiv.org/abs/2513.12345 | 2513.12345 | month 13
            https://arxiv.org/pdf/2508.1234v2.pdf | 2508.1234v2 | 5-digit
            https://arxiv.org/abs/2508.20751v0 | 2508.20751v0 | v0
            https://arxiv.org/abs/foo-th/9901001 | foo-th/9901001 | unknown archive
            https://arxiv.org/abs/hello | hello | not an arXiv identifier
            https://arxiv.org/abs/논문🎉 | 논문🎉 | not an arXiv identifier";
        for r in rows(table) {
            match parse_url(r[0]) {
                Err(UrlError::Malformed { reason, span }) => {
                    assert_eq!(&r[0][span], r[1], "{}", r[0]);
                    assert!(reason.contains(r[2]), "{}: {reason}", r[0]);
                }
                other => panic!("{}: {other:?}", r[0]),
            }
        }
    }

    #[test]
    fn finds_ids_in_any_url() {
        // url | id text at the returned span (`-` = none found)
        let table = "
            https://www.alphaxiv.org/ko/overview/2508.20751 | 2508.20751
            https://huggingface.co/papers/2508.20751 | 2508.20751
            https://arxiv.org/pdf/2508.20751v2 | 2508.20751v2
            https://arxiv.org/pdf/2508.20751v2.pdf | 2508.20751v2
            https://example.com/arxiv-2508.20751v3-notes | 2508.20751v3
            https://example.com/x/12508.20751/1.2508.20751 | 2508.20751
            https://arxiv.org/abs/hep-th/9901001v2 | hep-th/9901001v2
            https://arxiv.org/abs/arXiv:math.GT/0309136 | math.GT/0309136
            https://example.com/2513.12345/then/1401.1234 | 1401.1234
            https://🎉.example/논문/2508.20751 | 2508.20751
            see 2508.20751 here | 2508.20751
            https://2508.20751.example.com/ | -
            https://example.com/page?id=2508.20751 | -
            https://example.com/foo-th/9901001 | -
            https://example.com/v2/1234.5678 | -
            not a url at all | -";
        for r in rows(table).into_iter().chain([vec!["", ""]]) {
            let got = find_id_in_url(r[0]);
            let text = got.as_ref().map_or("", |(_, s)| &r[0][s.clone()]);
            assert_eq!(text, r[1], "{}", r[0]);
            let display = got.map_or(String::new(), |(id, _)| id.to_string());
            assert_eq!(display, r[1], "{}", r[0]);
        }
    }

    #[test]
    fn no_panics_on_any_prefix_or_suffix_of_unicode_input() {
        let inputs = [
            "https://arxiv.org/abs/arXiv:2508.20751v2/논문🎉?q=é#frag",
            "http://www.arxiv.org/pdf/math.GT/0309136v1.pdf 🎉🎉",
            "https://arxiv.org/abs/ärXiv:hep-th/9901001",
            "https://www.alphaxiv.org/ko/overview/2508.20751v12/한국어",
            "ａｒＸｉｖ：２５０８.２０７５１🎉arXiv:2508.20751v",
        ];
        for input in inputs {
            for (i, _) in input.char_indices().chain([(input.len(), ' ')]) {
                for s in [&input[..i], &input[i..]] {
                    if let Ok(u) = parse_url(s) {
                        assert!(s.get(u.id_span).is_some());
                    }
                    if let Some((_, span)) = find_id_in_url(s) {
                        assert!(s.get(span).is_some());
                    }
                    let _ = ArxivId::parse(s);
                }
            }
        }
    }
}
