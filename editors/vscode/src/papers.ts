// Papers across posts: the server's code lens ("also in 3 posts") carries the command
// `digest-lint.showReferences` with `[uri, position, locations]` in LSP terms; here it
// becomes VS Code's `editor.action.showReferences`. The setting `digest-lint.codeLens`
// turns the lenses off without restarting the server.

import * as vscode from 'vscode';
import type { LanguageClient, Location, Middleware, Position } from 'vscode-languageclient/node';

export const SHOW_REFERENCES = 'digest-lint.showReferences';

/** Registers the code lens command; `current` gives the running client, if any. */
export function registerShowReferences(current: () => LanguageClient | undefined): vscode.Disposable {
  return vscode.commands.registerCommand(SHOW_REFERENCES, async (uri: string, position: Position, locations: Location[]) => {
    const client = current();
    if (client === undefined) {
      return;
    }
    const p2c = client.protocol2CodeConverter;
    await vscode.commands.executeCommand(
      'editor.action.showReferences',
      p2c.asUri(uri),
      p2c.asPosition(position),
      locations.map((l) => p2c.asLocation(l)),
    );
  });
}

/** Drops the code lenses while `digest-lint.codeLens` is off. */
export const codeLensMiddleware: Middleware = {
  provideCodeLenses: (document, token, next) =>
    vscode.workspace.getConfiguration('digest-lint').get<boolean>('codeLens', true) ? next(document, token) : [],
};
