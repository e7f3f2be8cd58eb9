"""workspace/diagnostic over a whole blog (a benchmark, not a test).

    target/lsp-clients/venv/bin/python benches/workspace_diagnostic.py SERVER_BINARY FOLDER

Starts `SERVER_BINARY lsp` as a pull client with work-done progress, opens FOLDER as
the workspace folder and reports: the startup indexing (from `initialized` to the end of
its progress), the first full `workspace/diagnostic` report (every post linted once), a
second one with the result ids (everything `unchanged`), and one after an edit of one
post (which posts come back `full`). Uses pytest-lsp's client (tests/lsp_clients/run.sh
installs it).
"""

import asyncio
import sys
import time
from pathlib import Path

import attrs
from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import LanguageClient, client_capabilities
from pytest_lsp.client import register_lsp_features


async def main(binary: str, folder: Path) -> None:
    client = LanguageClient(converter_factory=default_converter)
    register_lsp_features(client)

    @client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params):
        pass

    @client.feature(types.WORKSPACE_CODE_LENS_REFRESH)
    def lens_refresh(params):
        pass

    await client.start_io(binary, "lsp")
    caps = client_capabilities("neovim@v0.11.0")
    caps = attrs.evolve(
        caps,
        window=attrs.evolve(caps.window or types.WindowClientCapabilities(), work_done_progress=True),
        workspace=attrs.evolve(caps.workspace, diagnostics=types.DiagnosticWorkspaceClientCapabilities(refresh_support=True)),
    )
    start = time.perf_counter()
    await client.initialize_session(
        types.InitializeParams(
            capabilities=caps,
            workspace_folders=[types.WorkspaceFolder(uri=folder.as_uri(), name="blog")],
        )
    )
    while not any(r and r[-1].kind == "end" for r in client.progress_reports.values()):
        await asyncio.sleep(0.005)
    indexed = time.perf_counter() - start
    end = [r[-1] for r in client.progress_reports.values()][0]
    print(f"startup indexing: {indexed * 1000:.0f} ms ({end.message})")

    async def report(previous):
        t = time.perf_counter()
        result = await client.workspace_diagnostic_async(
            types.WorkspaceDiagnosticParams(
                previous_result_ids=[types.PreviousResultId(uri=u, value=v) for u, v in previous.items()]
            )
        )
        return result.items, time.perf_counter() - t

    items, took = await report({})
    findings = sum(len(i.items) for i in items if i.kind == "full")
    dl308 = sum(1 for i in items if i.kind == "full" for d in i.items if d.code == "DL308")
    print(f"first workspace/diagnostic: {len(items)} posts, {findings} findings ({dl308} DL308) in {took * 1000:.0f} ms")
    ids = {i.uri: i.result_id for i in items}
    items, took = await report(ids)
    unchanged = sum(1 for i in items if i.kind == "unchanged")
    print(f"second, with result ids: {unchanged}/{len(items)} unchanged in {took * 1000:.0f} ms")

    # An edit: open the first post and append a paper it shares with no one.
    path = sorted(folder.rglob("_posts/*.md"))[0]
    text = path.read_text(encoding="utf-8")
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text))
    )
    lines = text.count("\n")
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[
                types.TextDocumentContentChangePartial(
                    range=types.Range(types.Position(lines, 0), types.Position(lines, 0)),
                    text="\n# 99. [A Paper Nobody Else Covers](https://arxiv.org/abs/2509.99999)\n",
                )
            ],
        )
    )
    await client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    items, took = await report(ids)
    kinds = {}
    for i in items:
        kinds[i.kind] = kinds.get(i.kind, 0) + 1
    print(f"after an edit of one open post: {kinds} in {took * 1000:.0f} ms (the open post is reported by textDocument/diagnostic)")
    await client.shutdown_session()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], Path(sys.argv[2]).resolve()))
