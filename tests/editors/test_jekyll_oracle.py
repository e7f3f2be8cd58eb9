"""Real Jekyll as the oracle for the front matter rules.

Debian's jekyll (4.3) builds a throw-away site (tests/editors/jekyll_site) holding every
rule fixture and every corpus post under _posts/. Its page oracle.json dumps, per post,
what Jekyll read: title, date, layout, tags, categories and the front matter with the
Ruby class of every value (a small Liquid filter in _plugins/). The build log says
which posts raised a YAML exception. Then digest-lint checks the same files, and each
rule is compared with what Jekyll did:

- DL101 <=> Jekyll found no front matter;
- DL102 <=> Jekyll logged a YAML exception, or could not use the front matter (not a
  mapping), or found none although the file starts with `---` (never closed);
- DL105 on `date:` <=> Jekyll refused the post (an invalid date is fatal), or
  published it on another day than the one written (it rolls `2025-02-30` over), or
  the value does not start with a `YYYY-MM-DD` date;
- DL103 <=> a required key is absent from what Jekyll read: the layout came from the
  _config.yml defaults, the title is the one Jekyll made from the file name, the date
  is the file name's at midnight;
- DL106 <=> Jekyll read a boolean or a number where the text, read as YAML 1.2 reads
  it (what an author who did not quote it meant), is a string or another number; or a
  plain title lost text to a ` #` comment or raised a `: ` mapping error;
- DL107 <=> Jekyll's title shows an unbalanced quote, or Jekyll could not read a title
  whose quote is never closed;
- DL108 <=> Jekyll's title names another day than Jekyll's date;
- DL109 <=> Jekyll's date is another day than the file name's.

Every disagreement fails the test, except those listed in DIFFERENCES: deliberate,
each stated in the rule's documentation. Run by tests/editors/run.sh; needs `jekyll`
on PATH (apt install jekyll) and skips without it, except under CI.
"""

import datetime
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
SITE_TEMPLATE = HERE / "jekyll_site"
FIXTURES = REPO / "tests" / "fixtures"
RULES = ["DL101", "DL102", "DL103", "DL105", "DL106", "DL107", "DL108", "DL109"]
UNDER_CI = os.environ.get("CI") == "true"

# Deliberate differences: (rule, post file name) -> why; each is stated in the rule's
# documentation (docs/rules/DLnnn.md).
DIFFERENCES = {
    ("DL108", "2025-08-31-dl105-ok-null-layout.md"): "a date with a zone is compared as "
    "written; Jekyll converts it to the site's timezone (docs/rules/DL108.md)",
    ("DL109", "2025-08-31-dl105-ok-null-layout.md"): "a date with a zone is compared as "
    "written; Jekyll converts it to the site's timezone (docs/rules/DL109.md)",
    ("DL109", "2025-08-31-dl105.md"): "an impossible date (2025-02-30) is DL105's; Jekyll "
    "rolls it over to March 2 (docs/rules/DL109.md)",
}


def corpus_dir():
    given = os.environ.get("DIGEST_LINT_CORPUS")
    path = Path(given) if given else REPO.parent / "shared" / "corpus"
    return path if path.is_dir() else None


def digest_lint():
    return os.environ.get("DIGEST_LINT_BIN") or shutil.which("digest-lint")


def strip_ansi(text):
    return re.sub(r"\x1b\[[0-9;]*m", "", text)


def build(site):
    """Builds the site; a post Jekyll refuses (an invalid date is fatal) is moved
    aside and recorded, and the build repeated. Returns (posts, log, refused)."""
    refused = {}
    aside = site.parent / "refused"
    aside.mkdir(exist_ok=True)
    env = dict(os.environ, TZ="UTC", JEKYLL_ENV="production")
    for _ in range(50):
        run = subprocess.run(
            ["jekyll", "build", "--quiet", "--source", str(site), "--destination", str(site / "_site")],
            cwd=site, env=env, capture_output=True, text=True, timeout=600,
        )
        log = strip_ansi(run.stdout + run.stderr)
        if run.returncode == 0:
            posts = json.loads((site / "_site" / "oracle.json").read_text(encoding="utf-8"))
            return {p["path"]: p for p in posts}, log, refused
        document = re.search(r"Document '([^']+)'", log)
        assert document, f"jekyll failed without naming a post:\n{log}"
        relative = document.group(1)
        refused[relative] = log.strip().splitlines()[-1].strip()
        source = site / relative
        source.rename(aside / source.name)
    raise AssertionError("jekyll refused too many posts")


def logged_errors(log, site):
    """Post path (relative to the site) -> the error Jekyll logged while reading it."""
    errors = {}
    for m in re.finditer(r"Error: (YAML Exception reading|could not read file) (\S+?): (.*)", log):
        path = os.path.relpath(m.group(2), site)
        errors[path] = (m.group(1), m.group(3))
    return errors


def lint(site):
    config = site / "digest-lint.toml"
    config.write_text("", encoding="utf-8")
    run = subprocess.run(
        [digest_lint(), "check", "--output-format", "json", "--config", str(config),
         "--select", ",".join(RULES), "_posts"],
        cwd=site, capture_output=True, text=True, timeout=600,
    )
    assert run.returncode in (0, 1), run.stderr
    findings = {}
    for f in json.loads(run.stdout):
        findings.setdefault(f["path"], []).append(f)
    return findings


def front_matter_lines(text):
    """The lines of the front matter block (without the --- lines), or None."""
    text = text.lstrip("\ufeff")
    lines = text.splitlines()
    if not lines or lines[0].rstrip() != "---":
        return None
    for i, line in enumerate(lines[1:], 1):
        if line.rstrip() in ("---", "..."):
            return lines[1:i]
    return None


def raw_values(lines):
    """Top-level `key: value` lines -> (1-based line within the file, raw value)."""
    out = {}
    for i, line in enumerate(lines or [], 2):
        m = re.match(r"^([A-Za-z_][\w-]*):(?:[ \t]+(.*))?$", line)
        if m and m.group(1) not in out:
            out[m.group(1)] = (i, (m.group(2) or "").strip())
    return out


# What the YAML 1.2 core schema reads a plain scalar as (YAML 1.2.2, 10.3.2).
YAML12_BOOL = re.compile(r"^(true|True|TRUE|false|False|FALSE)$")
YAML12_INT = re.compile(r"^[-+]?[0-9]+$|^0o[0-7]+$|^0x[0-9a-fA-F]+$")
YAML12_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")


def yaml12(plain):
    if YAML12_BOOL.match(plain):
        return ("bool", plain.lower() == "true")
    if YAML12_INT.match(plain):
        if plain.startswith("0o"):
            return ("number", int(plain[2:], 8))
        if plain.startswith("0x"):
            return ("number", int(plain[2:], 16))
        return ("number", int(plain))
    if YAML12_FLOAT.match(plain):
        return ("number", float(plain))
    return ("str", plain)


def plain_items(raw):
    """The plain items of a flow list `[a, b]`, the values of a flow mapping `{k: v}`,
    or the value itself."""
    raw = re.sub(r"\s+#.*$", "", raw)
    if raw.startswith("[") and raw.endswith("]"):
        return [i.strip() for i in raw[1:-1].split(",") if i.strip()]
    if raw.startswith("{") and raw.endswith("}"):
        return [i.split(":", 1)[-1].strip() for i in raw[1:-1].split(",") if i.strip()]
    return [raw]


def leaves(typed):
    if "map" in typed:
        for v in typed["map"].values():
            yield from leaves(v)
    elif "list" in typed:
        for v in typed["list"]:
            yield from leaves(v)
    else:
        yield typed


def jekyll_number(leaf):
    if leaf["class"] in ("TrueClass", "FalseClass"):
        return ("bool", leaf["class"] == "TrueClass")
    if leaf["class"] == "Integer":
        return ("number", int(leaf["value"]))
    if leaf["class"] == "Float":
        return ("number", float(leaf["value"]))
    return None


def surprising_keys(data, raw):
    """Keys whose value Jekyll read as a boolean or number that YAML 1.2 reads as a string
    or another value (`date` aside: DL105's)."""
    keys = set()
    for key, typed in (data or {}).get("map", {}).items():
        if key == "date" or key not in raw:
            continue
        items = [i for i in plain_items(raw[key][1]) if not i.startswith(("'", '"'))]
        for leaf in leaves(typed):
            read = jekyll_number(leaf)
            if read is None:
                continue
            meant = [yaml12(i) for i in items]
            if read not in meant:
                keys.add(key)
    return keys


DATE_IN_TITLE = re.compile(r"(?<!\d)(\d{4})[-./]?(\d{2})[-./]?(\d{2})(?!\d)")


def title_dates(title):
    out = []
    for m in DATE_IN_TITLE.finditer(title):
        try:
            out.append(datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3))))
        except ValueError:
            pass
    return out


def stray_quote(title):
    if title.count('"') % 2 == 1:
        return True
    return title.endswith("'") and len(title) > 1 and not title[-2].isalpha()


def file_date(name):
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})-", name)
    return datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))


def slug_title(name):
    """Jekyll::Utils.titleize_slug of the file name's slug."""
    slug = re.sub(r"^\d{4}-\d{2}-\d{2}-", "", Path(name).stem).rstrip(".")
    return " ".join(w[:1].upper() + w[1:] for w in slug.split("-"))


def describe(post, error, refusal):
    if post is None:
        return f"refused: {refusal}"
    return (
        f"title {post['title']!r} {post['title_class']}, date {post['date']}, "
        f"layout {post['layout']!r}, error {error}"
    )


def jekyll_view(post, error, text):
    """Rule -> True when what Jekyll did shows the problem the rule is about."""
    fm = post["front_matter"] if post else {"found": False}
    lines = front_matter_lines(text)
    raw = raw_values(lines)
    kind, message = error or (None, "")
    data = fm.get("data")
    if data and data.get("class") == "NilClass":
        data = {"map": {}}  # an empty front matter
    yaml_error = kind == "YAML Exception reading"
    error_line = re.search(r"at line (\d+)", message)
    # Psych counts lines from 1 in the block that starts with the opening `---`: the file's.
    error_line = int(error_line.group(1)) if error_line else None
    title_line = raw.get("title", (None,))[0]
    view = {}
    # The author wrote a front matter (whatever the line ends: Jekyll's pattern, with
    # Ruby's `^` and `$`, sees only LF ones).
    starts_with_dashes = re.split(r"\r\n|\r|\n", text.lstrip("\ufeff"), 1)[0].rstrip() == "---"
    view["DL101"] = not fm.get("found") and not starts_with_dashes
    view["DL102"] = bool(error) or (not fm.get("found") and starts_with_dashes) or (
        fm.get("found") and data is not None and "map" not in data and data.get("class") != "NilClass"
    )
    # Required (layout, title, date) and recommended (tags, categories) keys: what Jekyll
    # shows without them is the _config.yml default layout, the title it makes from the
    # file name, the file name's date at midnight, and no tags or categories.
    if not fm.get("found") or error or (data is not None and "map" not in data):
        view["DL103"] = False
    else:
        keys = data["map"] if data else {}
        view["DL103"] = any(
            k not in keys for k in ("layout", "title", "date", "tags", "categories")
        )
        if "layout" not in keys:
            assert post["layout"] == "from-config-defaults", post
        if "title" not in keys:
            assert post["title"] == slug_title(Path(post["path"]).name), post
        if "date" not in keys:
            assert post["date"] == file_date(Path(post["path"]).name).isoformat() + " 00:00:00", post
    title = post and post["title"]
    view["DL106"] = bool(data and "map" in data and surprising_keys(data, raw)) or (
        yaml_error and error_line == title_line and "mapping values" in message
    ) or (
        post is not None and post["title_class"] == "String" and "title" in raw
        and not raw["title"][1].startswith(("'", '"')) and " #" in raw["title"][1]
    )
    # A `\"` in a double-quoted title is an escape, a quote shown on purpose.
    escaped = "title" in raw and raw["title"][1].startswith('"') and '\\"' in raw["title"][1]
    view["DL107"] = (
        post is not None and post["title_class"] == "String" and stray_quote(title)
        and not escaped
    ) or (yaml_error and error_line == title_line and "quoted scalar" in message)
    jekyll_date = post and datetime.date.fromisoformat(post["date"][:10])
    has_date = bool(data and "map" in data and "date" in data["map"])
    view["DL108"] = bool(
        has_date and post["title_class"] == "String"
        and any(d != jekyll_date for d in title_dates(title))
    )
    name = Path(post["path"]).name if post else ""
    view["DL109"] = bool(has_date and jekyll_date != file_date(name))
    view["DL105"] = False
    if post is None:
        view["DL105"] = True  # refused: Jekyll stops the build at an invalid date
    elif has_date and "date" in raw:
        written = raw["date"][1].strip("'\"")
        # A zone moves the day into the site's timezone: only the shape is compared then.
        zoned = re.search(r":\d\d(\.\d*)?\s*(Z|[-+]\d)", written)
        try:
            if not re.match(r"\d{4}-\d{2}-\d{2}", written):
                raise ValueError(written)
            day = datetime.date.fromisoformat(written[:10])
            view["DL105"] = not zoned and day != jekyll_date
        except ValueError:
            view["DL105"] = True
    return view


@pytest.fixture(scope="module")
def oracle(tmp_path_factory):
    if shutil.which("jekyll") is None:
        if UNDER_CI:
            pytest.fail("jekyll is not installed (apt install jekyll)")
        pytest.skip("jekyll is not installed (apt install jekyll)")
    assert digest_lint(), "digest-lint is not on PATH and DIGEST_LINT_BIN is not set"
    site = tmp_path_factory.mktemp("oracle") / "site"
    shutil.copytree(SITE_TEMPLATE, site)
    posts = site / "_posts"
    # Fixtures get a Jekyll post name with the date the rule tests give them.
    for fixture in sorted(FIXTURES.glob("*/*.md")):
        dest = posts / "fixtures" / f"2025-08-31-{fixture.stem.lower().replace('_', '-')}.md"
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(fixture, dest)
    corpus = corpus_dir()
    if corpus is None and UNDER_CI:
        pytest.fail("corpus not found ($DIGEST_LINT_CORPUS or ../shared/corpus)")
    if corpus is not None:
        for post in sorted(corpus.glob("*/*.md")):
            dest = posts / "corpus" / post.parent.name / post.name
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(post, dest)
    findings = lint(site)
    read, log, refused = build(site)
    errors = logged_errors(log, site)
    return site, read, errors, refused, findings


def test_jekyll_agrees_with_the_front_matter_rules(oracle):
    site, read, errors, refused, findings = oracle
    table = {rule: {"agree": 0, "both": 0, "differ": []} for rule in RULES}
    paths = sorted(set(read) | set(refused))
    assert len(paths) > 100, paths
    for path in paths:
        source = site / path if (site / path).exists() else site.parent / "refused" / Path(path).name
        text = source.read_bytes().decode("utf-8")
        post = read.get(path)
        view = jekyll_view(post, errors.get(path), text)
        # DL105 is compared on the `date:` line only (it also checks title, layout, tags).
        date_line = raw_values(front_matter_lines(text)).get("date", (None,))[0]
        codes = {
            f["code"]
            for f in findings.get(path, [])
            if f["code"] != "DL105" or f["start"]["line"] == date_line
        }
        # A post Jekyll refused is compared on DL105 alone.
        for rule in RULES if post is not None else ["DL105"]:
            says = rule in codes
            if says == view[rule]:
                table[rule]["agree"] += 1
                table[rule]["both"] += says
            elif (rule, Path(path).name) not in DIFFERENCES:
                table[rule]["differ"].append(
                    f"{path}: digest-lint {'reports' if says else 'does not report'} {rule}, "
                    f"Jekyll {'shows' if view[rule] else 'does not show'} the problem "
                    f"({describe(post, errors.get(path), refused.get(path))})"
                )
    summary = "\n".join(
        f"{rule}: {t['agree']} agree ({t['both']} found by both), {len(t['differ'])} differ"
        for rule, t in table.items()
    )
    print(f"\n{len(paths)} posts, {len(refused)} refused by Jekyll: {sorted(refused)}\n{summary}")
    differ = [d for t in table.values() for d in t["differ"]]
    assert not differ, summary + "\n" + "\n".join(differ)


def test_jekyll_and_digest_lint_take_the_same_files_for_posts(tmp_path):
    """A `_posts` that is a symbolic link to a folder elsewhere, and `.MD` and
    `.markdown` files in it, are posts for Jekyll and for digest-lint; a folder named
    like a post is not a post for either."""
    if shutil.which("jekyll") is None:
        if UNDER_CI:
            pytest.fail("jekyll is not installed (apt install jekyll)")
        pytest.skip("jekyll is not installed (apt install jekyll)")
    site = tmp_path / "site"
    shutil.copytree(SITE_TEMPLATE, site)
    example = REPO / "examples" / "posts" / "_posts" / "2025-09-01-typical-mistakes.md"
    elsewhere = tmp_path / "shared-posts"
    (elsewhere / "2025-09-01-folder.md").mkdir(parents=True)
    names = ["2025-09-01-upper.MD", "2025-09-01-long.markdown", "2025-09-01-plain.md"]
    for name in names:
        shutil.copyfile(example, elsewhere / name)
    (site / "_posts").symlink_to(elsewhere, target_is_directory=True)
    read, _, refused = build(site)
    assert not refused
    jekyll_posts = {Path(p).name for p in read}
    checked = {Path(p).name for p in lint(site)}  # the example has findings
    assert jekyll_posts == checked == set(names), (jekyll_posts, checked)
