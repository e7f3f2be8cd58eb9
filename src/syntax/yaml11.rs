//! How YAML 1.1 (Jekyll's Psych/SafeYAML) and YAML 1.2 (saphyr, most other
//! tools) resolve a *plain* (unquoted) scalar, so rules can warn where the two
//! readings differ, plus calendar validation for front-matter dates.
//!
//! YAML 1.1 follows the type repository <https://yaml.org/type/> (`bool`,
//! `int`, `float`, `null`, `timestamp`); YAML 1.2 follows the core schema,
//! YAML 1.2.2 section 10.3.2 (<https://yaml.org/spec/1.2.2/#1032-tag-resolution>).

/// The value a plain scalar resolves to under one schema.
#[derive(Debug, Clone, PartialEq)]
pub enum PlainValue {
    /// `tag:yaml.org,2002:null`.
    Null,
    /// `tag:yaml.org,2002:bool`.
    Bool(bool),
    /// `tag:yaml.org,2002:int` that fits in `i64` (larger ints become [`PlainValue::Float`]).
    Int(i64),
    /// `tag:yaml.org,2002:float`, including `.inf`/`.nan` and overflowing ints.
    Float(f64),
    /// `tag:yaml.org,2002:timestamp` (YAML 1.1 only); may be an impossible date.
    Timestamp(Timestamp),
    /// Anything else: the scalar stays a string.
    Str,
}

/// A YAML 1.1 timestamp (<https://yaml.org/type/timestamp.html>); the
/// fraction of a second and the zone offset are checked but not kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timestamp {
    /// Four-digit year.
    pub year: u16,
    /// Month as written (not yet validated).
    pub month: u8,
    /// Day of month as written (not yet validated).
    pub day: u8,
    /// `(hour, minute, second)` when a time part is present.
    pub time: Option<(u8, u8, u8)>,
    /// Whether a zone (`Z`, `+09:00`, `+0900`, `-5`) was given.
    pub has_zone: bool,
}

/// Byte cursor used by [`Timestamp::parse`]; works on bytes so non-ASCII
/// input simply fails to match instead of panicking on char boundaries.
struct Cursor<'a> {
    b: &'a [u8],
    i: usize,
}

impl Cursor<'_> {
    fn skip(&mut self, pred: impl Fn(u8) -> bool) -> usize {
        let start = self.i;
        while self.b.get(self.i).is_some_and(|&c| pred(c)) {
            self.i += 1;
        }
        self.i - start
    }
    fn eat(&mut self, want: u8) -> Option<()> {
        (self.b.get(self.i) == Some(&want)).then(|| self.i += 1)
    }
    /// Reads `min..=max` ASCII digits; leaves the cursor unmoved on failure.
    fn digits(&mut self, min: usize, max: usize) -> Option<u16> {
        let start = self.i;
        let mut value = 0u16;
        while self.i - start < max && self.b.get(self.i).is_some_and(u8::is_ascii_digit) {
            value = value * 10 + u16::from(self.b[self.i] - b'0');
            self.i += 1;
        }
        if self.i - start < min {
            self.i = start;
            return None;
        }
        Some(value)
    }
    /// One or two digits (at least `min`) as a `u8`.
    fn two(&mut self, min: usize) -> Option<u8> {
        self.digits(min, 2).and_then(|v| u8::try_from(v).ok())
    }
    fn done(&self) -> bool {
        self.i == self.b.len()
    }
}

impl Timestamp {
    /// True for a real Gregorian calendar date (leap years included) with
    /// `hour < 24`, `minute < 60` and `second < 61` (leap second) if timed.
    #[must_use]
    pub fn is_valid(&self) -> bool {
        let y = self.year;
        let leap = (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400);
        let days = match self.month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return false,
        };
        (1..=days).contains(&self.day)
            && self.time.is_none_or(|(h, m, s)| h < 24 && m < 60 && s < 61)
    }

    /// Parses the forms of <https://yaml.org/type/timestamp.html>: `YYYY-MM-DD`,
    /// or `YYYY-M[M]-D[D]`, then `T`/`t`/blanks, `H[H]:MM:SS`, an optional
    /// `.fraction` and an optional zone (`Z`, `+09:00`, `-5`, or Psych's
    /// colon-less `+0900`), optionally preceded by blanks. Range checks
    /// are left to [`Self::is_valid`].
    #[must_use]
    pub fn parse(text: &str) -> Option<Timestamp> {
        let b = text.as_bytes();
        let mut c = Cursor { b, i: 0 };
        let year = c.digits(4, 4)?;
        c.eat(b'-')?;
        let month = c.two(1)?;
        c.eat(b'-')?;
        let day = c.two(1)?;
        let (mut time, mut has_zone) = (None, false);
        if c.done() {
            // The date-only form requires a two-digit month and day.
            (text.len() == 10).then_some(())?;
        } else {
            if c.eat(b'T').or_else(|| c.eat(b't')).is_none() && c.skip(is_blank) == 0 {
                return None;
            }
            let hour = c.two(1)?;
            c.eat(b':')?;
            let minute = c.two(2)?;
            c.eat(b':')?;
            time = Some((hour, minute, c.two(2)?));
            if c.eat(b'.').is_some() {
                c.skip(|b| b.is_ascii_digit());
            }
            c.skip(is_blank);
            has_zone = !c.done();
            if has_zone && c.eat(b'Z').is_none() {
                c.eat(b'+').or_else(|| c.eat(b'-'))?;
                let n = c.skip(|b| b.is_ascii_digit());
                (1..=4).contains(&n).then_some(())?;
                if n <= 2 && c.eat(b':').is_some() {
                    c.two(2)?;
                }
            }
        }
        let stamp = Timestamp {
            year,
            month,
            day,
            time,
            has_zone,
        };
        c.done().then_some(stamp)
    }
}

fn is_blank(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

/// Non-empty and every byte satisfies `pred`.
fn all_bytes(s: &str, pred: impl Fn(u8) -> bool) -> bool {
    !s.is_empty() && s.bytes().all(pred)
}

fn split_sign(s: &str) -> (bool, &str) {
    match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    }
}

/// Folds `(base, digit)` pairs into an int; beyond `i64` it becomes a float.
fn fold(negative: bool, digits: impl Iterator<Item = (u32, u32)>) -> PlainValue {
    let (mut exact, mut approx) = (Some(0i128), 0f64);
    for (base, d) in digits {
        exact = exact.and_then(|v| v.checked_mul(base.into())?.checked_add(d.into()));
        approx = approx * f64::from(base) + f64::from(d);
    }
    let sign = if negative { -1 } else { 1 };
    match exact.map(|v| v * sign) {
        Some(v) => i64::try_from(v).map_or(PlainValue::Float(v as f64), PlainValue::Int),
        None => PlainValue::Float(if negative { -approx } else { approx }),
    }
}

/// The digits of `s` in `radix` as `(radix, digit)` pairs, skipping `_`.
fn digits_of(s: &str, radix: u32) -> impl Iterator<Item = (u32, u32)> + '_ {
    s.chars()
        .filter_map(move |c| Some((radix, c.to_digit(radix)?)))
}

fn is_digits(s: &str) -> bool {
    all_bytes(s, |b| b.is_ascii_digit())
}

/// `prefix` then a non-empty run of `radix` digits; YAML 1.1 also allows a
/// sign and `_` separators, the YAML 1.2 core schema neither.
fn radix_int(s: &str, prefix: &str, radix: u32, yaml11: bool) -> Option<PlainValue> {
    let (negative, body) = split_sign(s);
    let d = body
        .strip_prefix(prefix)
        .filter(|_| yaml11 || body.len() == s.len())?;
    let ok_byte = |b: u8| (yaml11 && b == b'_') || char::from(b).is_digit(radix);
    all_bytes(d, ok_byte).then(|| fold(negative, digits_of(d, radix)))
}

/// One `:[0-5]?[0-9]` sexagesimal component (without the colon).
fn sexagesimal_digit(seg: &str) -> Option<u32> {
    match seg.as_bytes() {
        [d @ b'0'..=b'9'] => Some(u32::from(d - b'0')),
        [t @ b'0'..=b'5', d @ b'0'..=b'9'] => Some(u32::from(t - b'0') * 10 + u32::from(d - b'0')),
        _ => None,
    }
}

fn split_exp(body: &str) -> (&str, Option<&str>) {
    match body.split_once(['e', 'E']) {
        Some((mantissa, exp)) => (mantissa, Some(exp)),
        None => (body, None),
    }
}

fn is_null(s: &str) -> bool {
    matches!(s, "" | "~" | "null" | "Null" | "NULL")
}

/// `[-+]?.(inf|Inf|INF)` and `.(nan|NaN|NAN)`, shared by both schemas.
fn special_float(s: &str) -> Option<f64> {
    let (negative, body) = split_sign(s);
    let sign = if negative { -1.0 } else { 1.0 };
    match (body, s) {
        (".inf" | ".Inf" | ".INF", _) => Some(sign * f64::INFINITY),
        (_, ".nan" | ".NaN" | ".NAN") => Some(f64::NAN),
        _ => None,
    }
}

/// Psych's sexagesimal value: `Σ part × 60^|index − 2|` over the `:`-separated parts
/// (Ruby's `to_i`/`to_f` of each part). Right for three parts (`190:20:30`), but two
/// parts are read as hours and minutes, not the spec's minutes and seconds (`1:30` is
/// 5400, not 90), and a sign applies to the first part only (`-1:30` is −1800).
fn psych_sexagesimal(body: &str, float: bool) -> PlainValue {
    let parts: Vec<&str> = body.split(':').collect();
    let (mut exact, mut approx) = (Some(0i128), 0f64);
    for (index, part) in parts.iter().enumerate() {
        let weight = 60i128.pow((index as i32 - 2).unsigned_abs());
        let (negative, digits) = split_sign(part);
        let digits = digits.replace('_', "");
        let (whole, fraction) = digits.split_once('.').unwrap_or((&digits, ""));
        let mut value: f64 = whole.parse().unwrap_or(0.0);
        if !fraction.is_empty() {
            value += format!("0.{fraction}").parse::<f64>().unwrap_or(0.0);
        }
        let sign = if negative { -1.0 } else { 1.0 };
        approx += sign * value * weight as f64;
        exact = exact.and_then(|e| {
            let n: i128 = whole.parse().ok()?;
            e.checked_add(n.checked_mul(weight)? * if negative { -1 } else { 1 })
        });
    }
    match exact {
        Some(v) if !float => i64::try_from(v).map_or(PlainValue::Float(v as f64), PlainValue::Int),
        _ => PlainValue::Float(approx),
    }
}

/// True for what Psych's first test takes for a word (`^[^\d.:-]?[[:alpha:]_\s!@#$%^&*(){}<>|/\\~;=]+`):
/// such a scalar can only be a string, a null or a boolean.
fn psych_word_like(s: &str) -> bool {
    let word_char =
        |c: char| c.is_alphabetic() || c.is_whitespace() || "_!@#$%^&*(){}<>|/\\~;=".contains(c);
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if word_char(c) => true,
        Some(c) if !c.is_ascii_digit() && !".:-".contains(c) => chars.next().is_some_and(word_char),
        _ => false,
    }
}

/// `0b…`, `0…` (octal), decimal or `0x…` with Psych's `_` and `,` separators, read as
/// Ruby's `Integer()` reads it once they are removed.
fn psych_int(s: &str) -> Option<PlainValue> {
    let (negative, body) = split_sign(s);
    let ok = |digits: &str, radix: u32| {
        !digits.is_empty()
            && digits
                .chars()
                .all(|c| c == '_' || c == ',' || c.is_digit(radix))
    };
    let (digits, radix) = if let Some(d) = body.strip_prefix("0b").filter(|d| ok(d, 2)) {
        (d, 2)
    } else if let Some(d) = body.strip_prefix("0x").filter(|d| ok(d, 16)) {
        (d, 16)
    } else if let Some(d) = body.strip_prefix('0').filter(|d| ok(d, 8)) {
        (d, 8)
    } else if body == "0" {
        ("0", 10)
    } else {
        // `[1-9]` then digits, each `,` or `_` followed by a digit.
        let b = body.as_bytes();
        let separators_ok = b
            .windows(2)
            .all(|w| !matches!(w[0], b',' | b'_') || w[1].is_ascii_digit());
        let shaped = b.first().is_some_and(|c| (b'1'..=b'9').contains(c))
            && b.iter()
                .all(|c| c.is_ascii_digit() || matches!(c, b',' | b'_'))
            && separators_ok
            && !matches!(b.last(), Some(b',' | b'_'));
        if !shaped {
            return None;
        }
        (body, 10)
    };
    let clean: String = digits.chars().filter(|c| *c != '_' && *c != ',').collect();
    if clean.is_empty() {
        return None; // Ruby's Integer("0b") raises: Jekyll could not read the file
    }
    Some(fold(negative, digits_of(&clean, radix)))
}

/// Psych's base-10 float `[-+]?([0-9][0-9_,]*)?\.[0-9]*([eE][-+][0-9]+)?`, read as Ruby's
/// `Float()` reads it without `_` and `,` and with a `.` before `e` or at the end dropped.
fn psych_float(s: &str) -> Option<f64> {
    let (_, body) = split_sign(s);
    let (mantissa, exp) = split_exp(body);
    let (int_part, frac) = mantissa.split_once('.')?;
    let int_ok = int_part.is_empty()
        || (int_part.starts_with(|c: char| c.is_ascii_digit())
            && int_part
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b'_' || b == b','));
    let exp_ok = exp.is_none_or(|e| e.starts_with(['+', '-']) && is_digits(&e[1..]));
    if !(int_ok && frac.bytes().all(|b| b.is_ascii_digit()) && exp_ok) || body == "." {
        return None;
    }
    let clean: String = s.chars().filter(|c| *c != '_' && *c != ',').collect();
    let clean = clean.replace(".e", "e").replace(".E", "E");
    clean.strip_suffix('.').unwrap_or(&clean).parse().ok()
}

/// Psych's sexagesimal shape: `[-+]?[0-9][0-9_]*(:[0-5]?[0-9]){1,2}`, then for a float
/// `\.[0-9_]*`.
fn psych_sexagesimal_shape(s: &str) -> Option<bool> {
    let (_, body) = split_sign(s);
    let (ints, fraction) = match body.split_once('.') {
        Some((ints, fraction)) => (ints, Some(fraction)),
        None => (body, None),
    };
    let mut parts = ints.split(':');
    let head = parts.next()?;
    let rest: Vec<&str> = parts.collect();
    let head_ok = head.starts_with(|c: char| c.is_ascii_digit())
        && head.bytes().all(|b| b.is_ascii_digit() || b == b'_');
    let rest_ok =
        (1..=2).contains(&rest.len()) && rest.iter().all(|p| sexagesimal_digit(p).is_some());
    let fraction_ok = fraction.is_none_or(|f| f.bytes().all(|b| b.is_ascii_digit() || b == b'_'));
    (head_ok && rest_ok && fraction_ok).then_some(fraction.is_some())
}

/// How Jekyll reads a plain scalar: YAML 1.1 as Psych (Ruby's YAML, through SafeYAML)
/// implements it, following `Psych::ScalarScanner#tokenize` step by step. Where Psych
/// departs from the YAML 1.1 type repository (<https://yaml.org/type/>), Jekyll's reading
/// is what the site shows, so this follows Psych:
/// - `y`, `Y`, `n`, `N` stay strings (1.1: booleans); `yes`/`true`/`on` and
///   `no`/`false`/`off` are booleans in any case (`yEs`), `~` and `null` (any case) null;
/// - sexagesimal numbers take the first part as hours even with two parts (`1:30` is
///   5400, `08:15` is 29700; 1.1: 90 and a string), and a sign applies to the first
///   part only (`-1:30` is −1800);
/// - decimal, binary, octal and hex ints may hold `,` as well as `_` (`1,000` is 1000);
/// - floats need a `.` (`1e5` stays a string, as in 1.1) and allow no `_` after it.
///
/// Timestamps (`2025-08-31`, `2025-08-31 08:15:00`) are reported as such even when the
/// date is impossible (`2025-02-30`, which Psych leaves a string and Jekyll's date
/// parsing then rolls over or refuses): check [`Timestamp::is_valid`].
#[must_use]
pub fn resolve_yaml11(plain: &str) -> PlainValue {
    if plain.is_empty() {
        return PlainValue::Null;
    }
    if psych_word_like(plain) || plain.contains('\n') {
        let lower = plain.to_lowercase();
        return match lower.as_str() {
            "~" | "null" => PlainValue::Null,
            "yes" | "true" | "on" => PlainValue::Bool(true),
            "no" | "false" | "off" => PlainValue::Bool(false),
            _ => PlainValue::Str,
        };
    }
    if let Some(stamp) = Timestamp::parse(plain) {
        return PlainValue::Timestamp(stamp);
    }
    let (_, body) = split_sign(plain);
    match (plain.to_lowercase().as_str(), body.to_lowercase().as_str()) {
        (".inf" | "+.inf", _) => return PlainValue::Float(f64::INFINITY),
        ("-.inf", _) => return PlainValue::Float(f64::NEG_INFINITY),
        (".nan", _) => return PlainValue::Float(f64::NAN),
        _ => {}
    }
    if let Some(float) = psych_sexagesimal_shape(plain) {
        return psych_sexagesimal(plain, float);
    }
    if let Some(f) = psych_float(plain) {
        return PlainValue::Float(f);
    }
    psych_int(plain).unwrap_or(PlainValue::Str)
}

/// How the YAML 1.2 core schema (YAML 1.2.2 section 10.3.2) resolves a plain
/// scalar: `true`/`True`/`TRUE`/`false`/`False`/`FALSE`; `null`/`Null`/`NULL`/
/// `~`/empty; ints (decimal, `0o` octal, `0x` hex); floats (`1.5`, `1e5`,
/// `.inf`, `.nan`); everything else, timestamps included, is a string.
#[must_use]
pub fn resolve_yaml12(plain: &str) -> PlainValue {
    if is_null(plain) {
        return PlainValue::Null;
    }
    match plain {
        "true" | "True" | "TRUE" => return PlainValue::Bool(true),
        "false" | "False" | "FALSE" => return PlainValue::Bool(false),
        _ => {}
    }
    for (prefix, radix) in [("0o", 8), ("0x", 16)] {
        if let Some(v) = radix_int(plain, prefix, radix, false) {
            return v;
        }
    }
    let (negative, body) = split_sign(plain);
    if is_digits(body) {
        return fold(negative, digits_of(body, 10));
    }
    if let Some(f) = special_float(plain) {
        return PlainValue::Float(f);
    }
    let (mantissa, exp) = split_exp(body);
    let mantissa_ok = match mantissa.split_once('.') {
        Some(("", frac)) => is_digits(frac),
        Some((int, frac)) => is_digits(int) && (frac.is_empty() || is_digits(frac)),
        None => is_digits(mantissa),
    };
    let exp_ok = exp.is_none_or(|e| is_digits(e.strip_prefix(['+', '-']).unwrap_or(e)));
    match plain.parse() {
        Ok(f) if mantissa_ok && exp_ok => PlainValue::Float(f),
        _ => PlainValue::Str,
    }
}

fn same(a: &PlainValue, b: &PlainValue) -> bool {
    match (a, b) {
        (PlainValue::Float(x), PlainValue::Float(y)) => x == y || (x.is_nan() && y.is_nan()),
        _ => a == b,
    }
}

fn describe(value: &PlainValue, plain: &str, yaml11: bool) -> String {
    let body = split_sign(plain).1;
    let octal11 = matches!(value, PlainValue::Int(_)) && body.len() > 1 && body.starts_with('0');
    let kind = match (yaml11, body.get(..2)) {
        (_, Some("0x")) => "hexadecimal ",
        (true, Some("0b")) => "binary ",
        (false, Some("0o")) => "octal ",
        (true, _) if body.contains(':') => "sexagesimal ",
        (true, _) if octal11 => "octal ",
        _ => "",
    };
    match value {
        PlainValue::Null => "null".into(),
        PlainValue::Bool(b) => format!("the boolean {b}"),
        PlainValue::Int(n) => format!("the {kind}number {n}"),
        PlainValue::Float(f) => format!("the {kind}number {f}"),
        PlainValue::Timestamp(_) => "a timestamp".into(),
        PlainValue::Str => "a string".into(),
    }
}

/// `Some(explanation)` when Jekyll (YAML 1.1 as Psych reads it) reads a plain scalar
/// as a boolean, number or null that YAML 1.2 reads differently, e.g. "YAML 1.1
/// (Jekyll) reads `no` as the boolean false, but YAML 1.2 reads it as a string".
/// Returns `None` when both agree (e.g. `~`, `null`, `true`, `12`), for timestamps,
/// which are not a trap, and when Jekyll keeps the text as a string (`y`, `1e5`,
/// `0o17`): the site then shows what was written.
#[must_use]
pub fn yaml11_trap(plain: &str) -> Option<String> {
    let v11 = resolve_yaml11(plain);
    let v12 = resolve_yaml12(plain);
    if matches!(v11, PlainValue::Timestamp(_) | PlainValue::Str) || same(&v11, &v12) {
        return None;
    }
    Some(format!(
        "YAML 1.1 (Jekyll) reads `{plain}` as {}, but YAML 1.2 reads it as {}",
        describe(&v11, plain, true),
        describe(&v12, plain, false)
    ))
}

/// Whole calendar months from `from` to `to` (`(year, month)` pairs), for
/// windows like "older than 24 months": `(to.year*12 + to.month) -
/// (from.year*12 + from.month)`; negative when `to` is earlier.
#[must_use]
pub fn months_between(from: (u16, u8), to: (u16, u8)) -> i32 {
    let index = |(y, m): (u16, u8)| i32::from(y) * 12 + i32::from(m);
    index(to) - index(from)
}

#[cfg(test)]
mod tests {
    use super::PlainValue::{Bool, Float, Int, Null, Str};
    use super::*;

    /// Compact rendering so the tables below stay one case per line.
    fn show(v: PlainValue) -> String {
        match v {
            Null => "null".into(),
            Bool(b) => b.to_string(),
            Int(n) => format!("int {n}"),
            Float(f) => format!("float {f}"),
            PlainValue::Timestamp(t) => show_ts(Some(t)),
            Str => "str".into(),
        }
    }

    fn show_ts(t: Option<Timestamp>) -> String {
        let Some(t) = t else { return "-".into() };
        let time = t
            .time
            .map_or(String::new(), |(h, m, s)| format!(" {h}:{m}:{s}"));
        let zone = if t.has_zone { " Z" } else { "" };
        let ok = if t.is_valid() { "ok" } else { "bad" };
        format!("{}-{}-{}{time}{zone} {ok}", t.year, t.month, t.day)
    }

    /// Rows of `cells` columns separated by ` | `; blank lines are skipped.
    fn rows(table: &str, cells: usize) -> impl Iterator<Item = Vec<&str>> {
        table
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(move |line| {
                let row: Vec<&str> = line.trim_start().split(" | ").collect();
                assert_eq!(row.len(), cells, "malformed row {line:?}");
                row
            })
    }

    #[test]
    fn booleans_and_nulls() {
        // Psych, as Jekyll reads: any case, and not `y`/`n` (YAML 1.1's spec has them).
        let yes = [
            "yes", "Yes", "YES", "yEs", "true", "True", "TRUE", "tRUE", "on", "On", "ON", "oN",
        ];
        let no = [
            "no", "No", "NO", "nO", "false", "False", "FALSE", "fALSE", "off", "Off", "OFF", "oFF",
        ];
        for (spellings, b) in [(yes, true), (no, false)] {
            for s in spellings {
                let core = matches!(s, "true" | "True" | "TRUE" | "false" | "False" | "FALSE");
                assert_eq!(resolve_yaml11(s), Bool(b), "{s}");
                assert_eq!(resolve_yaml12(s), if core { Bool(b) } else { Str }, "{s}");
                assert_eq!(yaml11_trap(s).is_some(), !core, "{s}");
            }
        }
        for s in ["y", "Y", "n", "N", "yes!", "None", "nil"] {
            assert_eq!((resolve_yaml11(s), resolve_yaml12(s)), (Str, Str), "{s}");
            assert_eq!(yaml11_trap(s), None, "{s}");
        }
        for s in ["", "~", "null", "Null", "NULL"] {
            let got = (resolve_yaml11(s), resolve_yaml12(s), yaml11_trap(s));
            assert_eq!(got, (Null, Null, None), "{s:?}");
        }
        for s in ["nULL", "NuLL"] {
            assert_eq!((resolve_yaml11(s), resolve_yaml12(s)), (Null, Str), "{s}");
        }
    }

    /// text | Jekyll (Psych: Ruby 3.1's YAML, as `ruby -ryaml` prints it) | YAML 1.2
    const NUMBERS: &str = "
        0 | int 0 | int 0
        -0 | int 0 | int 0
        +12 | int 12 | int 12
        1_000 | int 1000 | str
        0755 | int 493 | int 755
        -0755 | int -493 | int -755
        0_7 | int 7 | str
        08 | str | int 8
        0b1010 | int 10 | str
        -0b1_1 | int -3 | str
        0b102 | str | str
        0x1F | int 31 | int 31
        0xff_ff | int 65535 | str
        +0x1F | int 31 | str
        0x | str | str
        0o17 | str | int 15
        1:30 | int 5400 | str
        -1:30 | int -1800 | str
        1:30:00 | int 5400 | str
        12:30 | int 45000 | str
        190:20:30 | int 685230 | str
        08:15 | int 29700 | str
        1,000 | int 1000 | str
        1,000.5 | float 1000.5 | str
        1:60 | str | str
        1: | str | str
        9223372036854775807 | int 9223372036854775807 | int 9223372036854775807
        -9223372036854775808 | int -9223372036854775808 | int -9223372036854775808
        99999999999999999999 | float 100000000000000000000 | float 100000000000000000000
        1.5 | float 1.5 | float 1.5
        -1.5 | float -1.5 | float -1.5
        1. | float 1 | float 1
        .5 | float 0.5 | float 0.5
        6.8523015e+5 | float 685230.15 | float 685230.15
        685.230_15e+03 | str | str
        190:20:30.15 | float 685230.15 | str
        -1:30.5 | float -1770 | str
        1e5 | str | float 100000
        1.0e5 | str | float 100000
        1.2.3 | str | str
        . | str | str
        -. | str | str
        1e | str | str
        .inf | float inf | float inf
        -.Inf | float -inf | float -inf
        +.INF | float inf | float inf
        .nan | float NaN | float NaN
        .NaN | float NaN | float NaN
        -.nan | str | str
        inf | str | str
        NaN | str | str
    ";

    #[test]
    fn numbers() {
        for row in rows(NUMBERS, 3) {
            let got = [show(resolve_yaml11(row[0])), show(resolve_yaml12(row[0]))];
            assert_eq!(got, [row[1], row[2]], "{}", row[0]);
        }
        for s in [".nan", "1.5", "0x1F", "12", "00", "0o17", "1e5", "y"] {
            assert_eq!(yaml11_trap(s), None, "{s}");
        }
    }

    /// text | Timestamp::parse rendered by `show_ts` (`-` = None)
    const TIMESTAMPS: &str = "
        2025-08-31 | 2025-8-31 ok
        2024-02-29 | 2024-2-29 ok
        2000-02-29 | 2000-2-29 ok
        1900-02-29 | 1900-2-29 bad
        2025-02-29 | 2025-2-29 bad
        2025-02-30 | 2025-2-30 bad
        2025-13-01 | 2025-13-1 bad
        2025-04-31 | 2025-4-31 bad
        2025-00-10 | 2025-0-10 bad
        2025-08-31 08:15:00 | 2025-8-31 8:15:0 ok
        2025-08-31T08:15:00Z | 2025-8-31 8:15:0 Z ok
        2025-8-3 8:15:00 | 2025-8-3 8:15:0 ok
        2001-12-14 21:59:43.10 -5 | 2001-12-14 21:59:43 Z ok
        2001-12-14t21:59:43.10-05:00 | 2001-12-14 21:59:43 Z ok
        2025-08-31 08:15:00 +09:00 | 2025-8-31 8:15:0 Z ok
        2025-08-31 08:15:00 +0900 | 2025-8-31 8:15:0 Z ok
        2025-08-31		08:15:00	Z | 2025-8-31 8:15:0 Z ok
        2025-08-31 25:00:00 | 2025-8-31 25:0:0 bad
        2025-08-31 23:60:00 | 2025-8-31 23:60:0 bad
        2025-08-31 23:59:60 | 2025-8-31 23:59:60 ok
        2025-08-31 23:59:61 | 2025-8-31 23:59:61 bad
        2025-08-31t08:15:00.123z | -
        2025-8-31 | -
        2025-08-31  | -
        2025-08-31 08:15 | -
        2025-08-31 08:15:00 +09:0 | -
        2025-08-31 08:15:00 +123456 | -
        2025-08-31 08:15:00 JST | -
        2025/08/31 | -
        Daily Papers — 2025-08-31 | -
        2025-08-31 — Daily Papers | -
    ";

    #[test]
    fn timestamps() {
        for row in rows(TIMESTAMPS, 2) {
            let (s, want) = (row[0], row[1]);
            assert_eq!(show_ts(Timestamp::parse(s)), want, "{s}");
            let v11 = if want == "-" { "str" } else { want };
            let got = [show(resolve_yaml11(s)), show(resolve_yaml12(s))];
            assert_eq!(got, [v11, "str"], "{s}");
            assert_eq!(yaml11_trap(s), None, "{s}");
        }
    }

    #[test]
    fn non_ascii_is_plain_string() {
        let texts = [
            "한국어 제목",
            "🎉",
            "2025-08-31🎉",
            "２０２５-08-31",
            "1:3０",
            "0x１",
            "ｙｅｓ",
            "é.5",
        ];
        for s in texts {
            let got = (resolve_yaml11(s), resolve_yaml12(s), yaml11_trap(s));
            assert_eq!(got, (Str, Str, None), "{s}");
            assert_eq!(Timestamp::parse(s), None, "{s}");
        }
    }

    /// text | how YAML 1.1 reads it | how YAML 1.2 reads it
    const TRAPS: &str = "
        no | the boolean false | a string
        On | the boolean true | a string
        0755 | the octal number 493 | the number 755
        1:30 | the sexagesimal number 5400 | a string
        08:15 | the sexagesimal number 29700 | a string
        0b11 | the binary number 3 | a string
        0xff_ff | the hexadecimal number 65535 | a string
        1:30.5 | the sexagesimal number 5430 | a string
    ";

    #[test]
    fn trap_messages() {
        for row in rows(TRAPS, 3) {
            let want = format!(
                "YAML 1.1 (Jekyll) reads `{}` as {}, but YAML 1.2 reads it as {}",
                row[0], row[1], row[2]
            );
            assert_eq!(yaml11_trap(row[0]), Some(want));
        }
    }

    #[test]
    fn months() {
        assert_eq!(months_between((2023, 8), (2025, 8)), 24);
        assert_eq!(months_between((2025, 1), (2024, 12)), -1);
        assert_eq!(months_between((2025, 3), (2025, 3)), 0);
    }
}
