"""The digest-lint language server under pytest-lsp (a real LSP client, pygls).

Every test runs twice: as a client that negotiates UTF-16 and gets pushed diagnostics,
and as one that negotiates UTF-8 and pulls them. The server command is
``$DIGEST_LINT_LSP_CMD`` (default ``digest-lint lsp``).
"""

import asyncio
import os
import shlex
import sys

import attrs
import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features
from pygls.protocol import default_converter

SERVER = shlex.split(os.environ.get("DIGEST_LINT_LSP_CMD", "digest-lint lsp"))
URI = "file:///tmp/digest-lint-pytest/_posts/2025-08-31-daily-papers-20250831.md"

# Our own post: Korean text, an emoji, titles with runs of spaces (DL401).
POST = """---
layout: post
title: "Daily Papers — 2025-08-31"
date: 2025-08-31 08:15:00
tags: [papers, arxiv]
categories: []
---

# 1. [한국어  제목 😀 Diffusion](https://arxiv.org/abs/2508.20751)

## Introduction
- Goal: 목표
- Motivation: 동기
- Contribution: 기여

## Method
방법.

## Results
결과.

## Limitations
정보 부족

## Conclusion
결론.

# 2. [Second   paper](https://arxiv.org/abs/2508.20722v2)

## Introduction
- Goal: a
- Motivation: b
- Contribution: c

## Method
m.

## Results
r.

## Limitations
l.

## Conclusion
c.
"""

MODES = ["utf-16-push", "utf-8-pull"]


def capabilities(mode: str) -> types.ClientCapabilities:
    caps = client_capabilities("neovim@v0.11.0")
    if mode == "utf-16-push":
        caps = attrs.evolve(
            caps,
            general=attrs.evolve(caps.general, position_encodings=[types.PositionEncodingKind.Utf16]),
            text_document=attrs.evolve(caps.text_document, diagnostic=None),
        )
    return caps


def on_publish(client: LanguageClient, params: types.PublishDiagnosticsParams):
    """Keeps the diagnostics and the version they are for."""
    client.diagnostics[params.uri] = params.diagnostics
    client.published_version = params.version


def make_client() -> LanguageClient:
    client = LanguageClient(converter_factory=default_converter)
    client.published_version = None
    register_lsp_features(client, {**DEFAULT_CLIENT_FEATURES, types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: on_publish})
    return client


@pytest_lsp.fixture(
    config=ClientServerConfig(
        server_command=SERVER,
        server_env={**os.environ, "DIGEST_LINT_LSP_DEBUG": "1"},
        client_factory=make_client,
    ),
    params=MODES,
)
async def client(lsp_client: LanguageClient, request):
    result = await lsp_client.initialize_session(
        types.InitializeParams(capabilities=capabilities(request.param))
    )
    lsp_client.mode = request.param
    lsp_client.init_result = result
    yield
    await lsp_client.shutdown_session()
    assert lsp_client._server.returncode == 0, "clean exit after shutdown"


def col(text: str, line: int, byte_or_unit: int, mode: str) -> int:
    """Offset in the text of a position in the mode's encoding."""
    lines = text.splitlines(keepends=True)
    start = sum(len(l.encode()) for l in lines[:line])
    raw = lines[line].encode() if line < len(lines) else b""
    if mode.startswith("utf-8"):
        return start + byte_or_unit
    units = 0
    for i, ch in enumerate(lines[line]):
        if units >= byte_or_unit:
            return start + len(lines[line][:i].encode())
        units += 2 if ord(ch) > 0xFFFF else 1
    return start + len(raw)


def apply(text: str, edits, mode: str) -> str:
    data = text.encode()
    spans = sorted(
        (
            (col(text, e.range.start.line, e.range.start.character, mode),
             col(text, e.range.end.line, e.range.end.character, mode),
             e.new_text)
            for e in edits
        ),
        reverse=True,
    )
    for start, end, new in spans:
        data = data[:start] + new.encode() + data[end:]
    return data.decode()


def emoji_units(mode: str) -> int:
    return 4 if mode.startswith("utf-8") else 2


def korean_units(mode: str) -> int:
    return 9 if mode.startswith("utf-8") else 3


async def diagnostics(client: LanguageClient, version: int):
    """The document's diagnostics at `version`: pulled, or waited for when pushed."""
    if client.mode.endswith("pull"):
        report = await client.text_document_diagnostic_async(
            types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=URI))
        )
        assert report.kind == "full"
        assert not client.diagnostics, "a pull client never gets pushed diagnostics"
        return report.items
    for _ in range(200):
        if URI in client.diagnostics and client.published_version == version:
            return client.diagnostics[URI]
        await asyncio.sleep(0.05)
    raise AssertionError(f"no diagnostics for version {version}")


def open_post(client: LanguageClient, text: str = POST):
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=URI, language_id="markdown", version=1, text=text)
        )
    )


def change(client: LanguageClient, version: int, line: int, start: int, end: int, text: str):
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=URI, version=version),
            content_changes=[
                types.TextDocumentContentChangePartial(
                    range=types.Range(start=types.Position(line, start), end=types.Position(line, end)), text=text
                )
            ],
        )
    )


def dl401(items):
    return sorted((d for d in items if d.code == "DL401"), key=lambda d: (d.range.start.line, d.range.start.character))


@pytest.mark.asyncio
async def test_encoding_and_diagnostics_follow_incremental_changes(client: LanguageClient):
    expected = "utf-8" if client.mode.startswith("utf-8") else "utf-16"
    assert client.init_result.capabilities.position_encoding == expected
    assert (client.init_result.capabilities.diagnostic_provider is not None) == client.mode.endswith("pull")
    open_post(client)
    items = await diagnostics(client, 1)
    first = dl401(items)[0]
    assert first.range.start == types.Position(8, 6 + korean_units(client.mode))
    assert first.source == "digest-lint"
    assert first.code_description.href.endswith("docs/rules/DL401.md")
    # An emoji at the start of the title text (just after `[`).
    change(client, 2, 8, 6, 6, "😀")
    moved = dl401(await diagnostics(client, 2))[0]
    assert moved.range.start.character - first.range.start.character == emoji_units(client.mode)
    assert moved.range.end.character - first.range.end.character == emoji_units(client.mode)
    # Korean text typed before the finding, then removed again.
    change(client, 3, 8, 6, 6, "가나")
    change(client, 4, 8, 6, 6 + 2 * korean_units(client.mode) // 3, "")
    back = dl401(await diagnostics(client, 4))[0]
    assert back.range == moved.range


@pytest.mark.asyncio
async def test_crlf_post(client: LanguageClient):
    open_post(client, POST.replace("\n", "\r\n"))
    items = dl401(await diagnostics(client, 1))
    assert [d.range.start.line for d in items] == [8, 27]
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=URI),
            range=items[0].range,
            context=types.CodeActionContext(diagnostics=[items[0]]),
        )
    )
    fix = next(a for a in actions if a.kind == types.CodeActionKind.QuickFix and a.is_preferred)
    edits = fix.edit.document_changes[0].edits if fix.edit.document_changes else fix.edit.changes[URI]
    fixed = apply(POST.replace("\n", "\r\n"), edits, client.mode)
    assert "[한국어 제목 😀 Diffusion]" in fixed and "\r\n" in fixed and "\n\n" not in fixed


@pytest.mark.asyncio
async def test_symbols_folding_hover_links(client: LanguageClient):
    open_post(client)
    await diagnostics(client, 1)
    doc = types.TextDocumentIdentifier(uri=URI)
    symbols = await client.text_document_document_symbol_async(types.DocumentSymbolParams(text_document=doc))
    names = [s.name for s in symbols]
    assert names == ["Front matter", "1. 한국어 제목 😀 Diffusion", "2. Second paper"]
    assert [len(s.children) for s in symbols[1:]] == [5, 5]
    assert symbols[2].detail == "2508.20722v2"

    folds = await client.text_document_folding_range_async(types.FoldingRangeParams(text_document=doc))
    assert (folds[0].start_line, folds[0].end_line) == (0, 6)
    assert len(folds) == 13

    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=doc, position=types.Position(27, 30))
    )
    assert "version 2" in hover.contents.value and "August 2025" in hover.contents.value
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=doc, position=types.Position(8, 6 + korean_units(client.mode)))
    )
    assert "DL401 title-whitespace" in hover.contents.value

    links = await client.text_document_document_link_async(types.DocumentLinkParams(text_document=doc))
    assert [l.target for l in links] == ["https://arxiv.org/abs/2508.20751", "https://arxiv.org/abs/2508.20722v2"]


@pytest.mark.asyncio
async def test_code_actions_fix_all_and_formatting(client: LanguageClient):
    open_post(client)
    items = await diagnostics(client, 1)
    doc = types.TextDocumentIdentifier(uri=URI)
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=doc,
            range=dl401(items)[0].range,
            context=types.CodeActionContext(diagnostics=[]),
        )
    )
    titles = [a.title for a in actions]
    assert "Replace with one space" in titles
    assert "Disable DL401 for this line" in titles
    fix_all = next(a for a in actions if a.kind == "source.fixAll.digest-lint")
    edits = fix_all.edit.document_changes[0].edits if fix_all.edit.document_changes else fix_all.edit.changes[URI]
    fixed = apply(POST, edits, client.mode)
    assert "[Second paper]" in fixed and "[한국어 제목 😀 Diffusion]" in fixed

    formatting = await client.text_document_formatting_async(
        types.DocumentFormattingParams(text_document=doc, options=types.FormattingOptions(tab_size=2, insert_spaces=True))
    )
    assert apply(POST, formatting, client.mode) == fixed

    # After applying it, nothing safe is left to fix.
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=URI, version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=fixed)],
        )
    )
    assert not dl401(await diagnostics(client, 2))
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=doc,
            range=types.Range(start=types.Position(0, 0), end=types.Position(0, 0)),
            context=types.CodeActionContext(diagnostics=[], only=["source.fixAll"]),
        )
    )
    assert not actions


@pytest.mark.asyncio
async def test_completion(client: LanguageClient):
    open_post(client)
    await diagnostics(client, 1)
    doc = types.TextDocumentIdentifier(uri=URI)
    # `## ` where the first paper's Method was: Method is offered first.
    change(client, 2, 15, 0, 9, "## ")
    result = await client.text_document_completion_async(
        types.CompletionParams(text_document=doc, position=types.Position(15, 3))
    )
    items = sorted(result if isinstance(result, list) else result.items, key=lambda i: i.sort_text)
    assert items[0].label == "Method" and len(items) == 5
    # `# ` on a new last line: the next paper number.
    last = len(POST.splitlines())
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=URI, version=3),
            content_changes=[
                types.TextDocumentContentChangePartial(
                    range=types.Range(start=types.Position(last, 0), end=types.Position(last, 0)), text="\n# "
                )
            ],
        )
    )
    result = await client.text_document_completion_async(
        types.CompletionParams(text_document=doc, position=types.Position(last + 1, 2))
    )
    items = result if isinstance(result, list) else result.items
    assert items[0].label == "3."
    # A known tag inside `tags: [...]`.
    result = await client.text_document_completion_async(
        types.CompletionParams(text_document=doc, position=types.Position(4, 20))
    )
    labels = [i.label for i in (result if isinstance(result, list) else result.items)]
    assert "huggingface" in labels and "papers" not in labels


@pytest.mark.asyncio
async def test_bad_requests_and_a_panic_leave_the_server_serving(client: LanguageClient):
    open_post(client)
    await diagnostics(client, 1)
    with pytest.raises(Exception):
        await client.protocol.send_request_async("textDocument/noSuchMethod", {})
    with pytest.raises(Exception, match="panicked"):
        await client.workspace_execute_command_async(
            types.ExecuteCommandParams(command="digest-lint.debug.panic", arguments=[])
        )
    # Positions far past the end clamp instead of failing.
    change(client, 2, 10_000, 0, 5, "\n")
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=URI), position=types.Position(10_000, 10_000))
    )
    assert hover is None
    assert dl401(await diagnostics(client, 2))


# --- The blog as a workspace: a site of posts on disk, opened as a workspace folder. ---

def site_post(day: str, papers) -> str:
    """A post of `day` (`2025-08-30`) with `papers`: (title, URL) pairs."""
    out = f'---\nlayout: post\ntitle: "Daily Papers {day}"\ndate: {day}\ntags: [papers]\ncategories: []\n---\n'
    for n, (title, url) in enumerate(papers, 1):
        out += (
            f"\n# {n}. [{title}]({url})\n\n## Introduction\n- Goal: 목표\n- Motivation: 동기\n- Contribution: 기여\n\n"
            "## Method\n방법.\n\n## Results\n결과.\n\n## Limitations\n한계.\n\n## Conclusion\n결론.\n"
        )
    return out


FIRST = "2025-08-30-daily-papers.md"
SECOND = "2025-08-31-daily-papers.md"
THIRD = "2025-09-01-daily-papers.md"
SITE = {
    FIRST: site_post("2025-08-30", [
        ("Scaling Laws for Digests 😀", "https://arxiv.org/abs/2508.20751"),
        ("Noncommutative Strings", "https://arxiv.org/abs/hep-th/0112019"),
    ]),
    # The same paper as version 2, under the same title.
    SECOND: site_post("2025-08-31", [
        ("Tokenizers for Korean", "https://arxiv.org/abs/2508.30002"),
        ("Scaling Laws for Digests 😀", "https://arxiv.org/abs/2508.20751v2"),
    ]),
}


def workspace_capabilities(mode: str) -> types.ClientCapabilities:
    caps = capabilities(mode)
    return attrs.evolve(
        caps,
        window=attrs.evolve(caps.window or types.WindowClientCapabilities(), work_done_progress=True),
        workspace=attrs.evolve(
            caps.workspace,
            did_change_watched_files=types.DidChangeWatchedFilesClientCapabilities(dynamic_registration=True),
            diagnostics=types.DiagnosticWorkspaceClientCapabilities(refresh_support=True),
            code_lens=types.CodeLensWorkspaceClientCapabilities(refresh_support=True),
        ),
    )


def make_site_client() -> LanguageClient:
    """A client that records the server's dynamic registrations and code lens refreshes."""
    client = make_client()
    client.registrations = []
    client.code_lens_refreshes = 0

    @client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams):
        client.registrations.extend(params.registrations)

    @client.feature(types.WORKSPACE_CODE_LENS_REFRESH)
    def code_lens_refresh(params):
        client.code_lens_refreshes += 1

    return client


@pytest_lsp.fixture(
    config=ClientServerConfig(server_command=SERVER, client_factory=make_site_client),
    params=MODES,
)
async def site_client(lsp_client: LanguageClient, request, tmp_path_factory):
    root = tmp_path_factory.mktemp("site")
    files = {f"_posts/{name}": text for name, text in SITE.items()}
    await open_site(lsp_client, root, files, request.param)
    yield
    await lsp_client.shutdown_session()


async def open_site(client: LanguageClient, root, files: dict, mode: str):
    """Writes `files` (path relative to `root`: text) and initializes `client` with `root`
    as its workspace folder, in `mode`."""
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    client.root = root
    client.mode = mode
    client.init_result = await client.initialize_session(
        types.InitializeParams(
            capabilities=workspace_capabilities(mode),
            workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name=root.name)],
        )
    )


def post_uri(client: LanguageClient, name: str) -> str:
    return (client.root / "_posts" / name).as_uri()


def same_file(uri: str, client: LanguageClient, name: str) -> bool:
    return uri.endswith("/_posts/" + name)


async def indexed(client: LanguageClient):
    """Waits for the end of the indexing progress; returns its reports."""
    for _ in range(200):
        for reports in client.progress_reports.values():
            if reports and reports[-1].kind == "end":
                return reports
        await asyncio.sleep(0.05)
    raise AssertionError(f"no indexing progress: {client.progress_reports}")


def open_site_post(client: LanguageClient, name: str):
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=post_uri(client, name), language_id="markdown", version=1, text=SITE[name]
            )
        )
    )


async def document_diagnostics(client: LanguageClient, name: str, until=lambda items: True):
    """The open post's diagnostics once `until` holds: pulled, or waited for when pushed."""
    uri = post_uri(client, name)
    for _ in range(200):
        if client.mode.endswith("pull"):
            report = await client.text_document_diagnostic_async(
                types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=uri))
            )
            items = report.items
        else:
            items = client.diagnostics.get(uri)
        if items is not None and until(items):
            return items
        await asyncio.sleep(0.05)
    raise AssertionError(f"diagnostics of {name} never matched")


def heading_line(name: str, title: str) -> int:
    return next(i for i, l in enumerate(SITE[name].splitlines()) if title in l and l.startswith("# "))


@pytest.mark.asyncio
async def test_indexing_progress_and_workspace_symbols(site_client: LanguageClient):
    reports = await indexed(site_client)
    assert reports[0].kind == "begin" and reports[0].title == "Indexing posts"
    globs = [w["globPattern"] for r in site_client.registrations for w in r.register_options["watchers"]]
    assert "**/*.md" in globs and "**/digest-lint.toml" in globs, globs
    assert any(r.kind == "report" and r.message == "Indexing posts 2/2" for r in reports), reports
    symbols = await site_client.workspace_symbol_async(types.WorkspaceSymbolParams(query="scaling digests"))
    assert sorted(s.container_name for s in symbols) == [
        "the post of 2025-08-30 (“Daily Papers 2025-08-30”)",
        "the post of 2025-08-31 (“Daily Papers 2025-08-31”)",
    ]
    assert all(s.name == "Scaling Laws for Digests 😀 (2508.20751)" for s in symbols)
    old_style = await site_client.workspace_symbol_async(types.WorkspaceSymbolParams(query="hep-th/0112019"))
    assert len(old_style) == 1 and same_file(old_style[0].location.uri, site_client, FIRST)
    assert old_style[0].location.range.start == types.Position(heading_line(FIRST, "Noncommutative"), 0)


@pytest.mark.asyncio
async def test_references_definition_code_lens_and_dl308(site_client: LanguageClient):
    await indexed(site_client)
    open_site_post(site_client, SECOND)
    line = heading_line(SECOND, "Scaling")
    items = await document_diagnostics(site_client, SECOND, lambda items: any(d.code == "DL308" for d in items))
    covered = [d for d in items if d.code == "DL308"]
    assert len(covered) == 1 and covered[0].range.start.line == line
    related = covered[0].related_information[0]
    assert same_file(related.location.uri, site_client, FIRST)
    assert related.location.range.start == types.Position(heading_line(FIRST, "Scaling"), 0)
    # The heading's end: after the emoji, 2 UTF-16 units or 4 bytes.
    first_heading = SITE[FIRST].splitlines()[heading_line(FIRST, "Scaling")]
    units = len(first_heading) + (1 if site_client.mode.startswith("utf-16") else 3)
    assert related.location.range.end.character == units

    position = types.Position(line, 10)
    doc = types.TextDocumentIdentifier(uri=post_uri(site_client, SECOND))
    refs = await site_client.text_document_references_async(
        types.ReferenceParams(text_document=doc, position=position, context=types.ReferenceContext(include_declaration=True))
    )
    assert sorted(r.uri.rsplit("/", 1)[1] for r in refs) == [FIRST, SECOND]
    definition = await site_client.text_document_definition_async(
        types.DefinitionParams(text_document=doc, position=position)
    )
    assert same_file(definition.uri, site_client, FIRST)
    nothing = await site_client.text_document_references_async(
        types.ReferenceParams(text_document=doc, position=types.Position(1, 0), context=types.ReferenceContext(include_declaration=True))
    )
    assert not nothing

    lenses = await site_client.text_document_code_lens_async(types.CodeLensParams(text_document=doc))
    assert [(l.range.start.line, l.command.title, l.command.command) for l in lenses] == [
        (line, "also in 1 post", "digest-lint.showReferences")
    ]
    uri, at, locations = lenses[0].command.arguments
    assert uri == doc.uri and at["line"] == line and len(locations) == 2


async def workspace_report(client: LanguageClient, previous=()):
    report = await client.workspace_diagnostic_async(
        types.WorkspaceDiagnosticParams(
            previous_result_ids=[types.PreviousResultId(uri=u, value=v) for u, v in previous]
        )
    )
    return {item.uri.rsplit("/", 1)[1]: item for item in report.items}


def watched(client: LanguageClient, name: str, kind: types.FileChangeType):
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(changes=[types.FileEvent(uri=post_uri(client, name), type=kind)])
    )


@pytest.mark.asyncio
async def test_workspace_diagnostics_follow_watched_files(site_client: LanguageClient):
    if not site_client.mode.endswith("pull"):
        pytest.skip("workspace/diagnostic is a pull request")
    await indexed(site_client)
    first = await workspace_report(site_client)
    assert sorted(first) == [FIRST, SECOND]
    assert all(r.kind == "full" for r in first.values())
    assert [d.code for d in first[SECOND].items if d.code.startswith("DL30")] == ["DL308"]
    previous = [(r.uri, r.result_id) for r in first.values()]
    again = await workspace_report(site_client, previous)
    assert {n: r.kind for n, r in again.items()} == {FIRST: "unchanged", SECOND: "unchanged"}

    # An edit of the first post that changes no finding of the second: the second stays
    # unchanged (the open post is reported by textDocument/diagnostic, not here).
    open_site_post(site_client, FIRST)
    lines = SITE[FIRST].count("\n")
    site_client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=post_uri(site_client, FIRST), version=2),
            content_changes=[
                types.TextDocumentContentChangePartial(
                    range=types.Range(start=types.Position(lines, 0), end=types.Position(lines, 0)),
                    text="\n# 3. [A Paper Nobody Else Covers](https://arxiv.org/abs/2509.99999)\n",
                )
            ],
        )
    )
    await document_diagnostics(site_client, FIRST)
    edited = await workspace_report(site_client, previous)
    assert {n: r.kind for n, r in edited.items()} == {SECOND: "unchanged"}
    site_client.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=post_uri(site_client, FIRST)))
    )

    # A third post appears on disk, covering the same paper.
    third = site_post("2025-09-01", [("Scaling Laws for Digests 😀", "https://arxiv.org/abs/2508.20751")])
    (site_client.root / "_posts" / THIRD).write_text(third, encoding="utf-8")
    watched(site_client, THIRD, types.FileChangeType.Created)
    for _ in range(100):
        report = await workspace_report(site_client, previous)
        if THIRD in report:
            break
        await asyncio.sleep(0.05)
    assert report[THIRD].kind == "full"
    covered = [d for d in report[THIRD].items if d.code == "DL308"]
    assert len(covered) == 1 and same_file(covered[0].related_information[0].location.uri, site_client, FIRST)
    previous = [(r.uri, r.result_id) for r in report.values()]

    # The first post is deleted: the second is now the first coverage.
    (site_client.root / "_posts" / FIRST).unlink()
    watched(site_client, FIRST, types.FileChangeType.Deleted)
    for _ in range(100):
        report = await workspace_report(site_client, previous)
        if FIRST not in report:
            break
        await asyncio.sleep(0.05)
    assert sorted(report) == [SECOND, THIRD]
    assert report[SECOND].kind == "full"
    assert not [d for d in report[SECOND].items if d.code == "DL308"]
    moved = [d for d in report[THIRD].items if d.code == "DL308"][0]
    assert same_file(moved.related_information[0].location.uri, site_client, SECOND)


@pytest.mark.asyncio
async def test_open_post_findings_follow_another_post(site_client: LanguageClient):
    await indexed(site_client)
    open_site_post(site_client, SECOND)
    await document_diagnostics(site_client, SECOND, lambda items: any(d.code == "DL308" for d in items))
    refreshes = site_client.diagnostic_refresh_count
    (site_client.root / "_posts" / FIRST).unlink()
    watched(site_client, FIRST, types.FileChangeType.Deleted)
    if site_client.mode.endswith("pull"):
        for _ in range(100):
            if site_client.diagnostic_refresh_count > refreshes:
                break
            await asyncio.sleep(0.05)
        assert site_client.diagnostic_refresh_count > refreshes, "the client is asked to pull again"
    for _ in range(100):
        if site_client.code_lens_refreshes:
            break
        await asyncio.sleep(0.05)
    assert site_client.code_lens_refreshes, "and to ask for code lenses again"
    await document_diagnostics(site_client, SECOND, lambda items: not any(d.code == "DL308" for d in items))


# --- A site in another layout: what the server finds equals `check`, opened or not. ---

LAYOUT_CONFIG = """[files]
include = ["logs/**/*.md"]

[[layout]]
name = "daily-log"
include = ["logs/**"]
front-matter = "none"
date = ["path:{yyyy}/{mm}/{dd}.md"]
page-heading = "## Daily Papers ({date})"

[layout.paper]
level = 3
metadata = ["Authors:"]

[layout.sections]
as = "none"
"""


def log_post(day: str, heading_day: str) -> str:
    return (
        f"## Daily Papers (2025-04-{heading_day})\n\n"
        f"### 1. [Routing Tokens Sparsely](https://arxiv.org/abs/2504.101{day})\n"
        "Authors: Ada Park\n\nA router sends each token to two of eight experts.\n\n"
        f"### 2. [Reading  Long Contexts](https://arxiv.org/abs/2504.102{day})\n"
        "Authors: Min Lee\n\nA memory of summaries lets the model read a whole book.\n"
    )


# 11.md says the wrong day in its page heading (DL108), and both have a title with a run
# of spaces (DL401); read in the default layout they would have dozens of findings.
LOG_SITE = {"logs/2025/04/10.md": log_post("10", "10"), "logs/2025/04/11.md": log_post("11", "12")}


@pytest_lsp.fixture(
    config=ClientServerConfig(server_command=SERVER, client_factory=make_site_client),
    params=["utf-8-pull"],
)
async def layout_client(lsp_client: LanguageClient, request, tmp_path_factory):
    root = tmp_path_factory.mktemp("layout-site")
    await open_site(lsp_client, root, {"digest-lint.toml": LAYOUT_CONFIG, **LOG_SITE}, request.param)
    yield
    await lsp_client.shutdown_session()


def check_findings(root) -> dict:
    """`digest-lint check --output-format json` on the site: file name -> [(code, line)]."""
    import json
    import subprocess

    run = subprocess.run(
        [*SERVER[:-1], "check", "--output-format", "json", "."], cwd=root, capture_output=True, text=True
    )
    assert run.returncode in (0, 1), run.stderr
    found = {}
    for f in json.loads(run.stdout):
        found.setdefault(f["path"].rsplit("/", 1)[1], []).append((f["code"], f["start"]["line"] - 1))
    return {name: sorted(items) for name, items in found.items()}


def codes_and_lines(items) -> list:
    return sorted((d.code, d.range.start.line) for d in items)


@pytest.mark.asyncio
async def test_a_site_in_another_layout_is_read_in_it_opened_or_not(layout_client: LanguageClient):
    await indexed(layout_client)
    expected = check_findings(layout_client.root)
    assert expected["11.md"].count(("DL108", 0)) == 1 and len(expected["11.md"]) < 5, expected
    report = await workspace_report(layout_client)
    assert {name: codes_and_lines(item.items) for name, item in report.items()} == expected

    # An open post keeps its layout after the configuration is read again.
    uri = (layout_client.root / "logs/2025/04/11.md").as_uri()
    layout_client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id="markdown", version=1, text=LOG_SITE["logs/2025/04/11.md"]
            )
        )
    )
    layout_client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
    for _ in range(100):
        pulled = await layout_client.text_document_diagnostic_async(
            types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=uri))
        )
        if codes_and_lines(pulled.items) == expected["11.md"]:
            break
        await asyncio.sleep(0.05)
    assert codes_and_lines(pulled.items) == expected["11.md"]
