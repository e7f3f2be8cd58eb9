// The Digest Lint extension: starts `digest-lint lsp` for Markdown files and offers the
// commands "Restart server" and "Fix all". Fix on save is VS Code's own
// `editor.codeActionsOnSave` with the server's `source.fixAll.digest-lint` action.

import * as vscode from 'vscode';
import {
  CodeAction,
  type CodeActionParams,
  CodeActionRequest,
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import {
  DOCUMENT_SELECTOR,
  RESTART_SETTINGS,
  fixAllParams,
  initializationOptions,
  pickFixAll,
  processEnvironment,
  readSettings,
  serverCommand,
} from './settings';
import { codeLensMiddleware, registerShowReferences } from './papers';

const NAME = 'Digest Lint';
let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel | undefined;

function settings() {
  const config = vscode.workspace.getConfiguration('digest-lint');
  return readSettings((key) => config.get(key));
}

async function start(): Promise<void> {
  const current = settings();
  if (!current.enable) {
    return;
  }
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const { command, args } = serverCommand(current, processEnvironment(folder));
  const run = { command, args, options: { cwd: folder } };
  const serverOptions: ServerOptions = { run, debug: run };
  output ??= vscode.window.createOutputChannel(NAME, { log: true });
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    initializationOptions: initializationOptions(current),
    outputChannel: output,
    traceOutputChannel: output,
    middleware: codeLensMiddleware,
  };
  client = new LanguageClient('digest-lint', NAME, serverOptions, clientOptions);
  try {
    await client.start();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    void vscode.window.showErrorMessage(
      `${NAME}: could not start \`${command} ${args.join(' ')}\` (${message}). Install digest-lint or set "digest-lint.path".`,
    );
  }
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running !== undefined) {
    try {
      await running.stop();
    } catch {
      // It was not running: nothing to stop.
    }
  }
}

async function restart(): Promise<void> {
  await stop();
  if (!settings().enable) {
    void vscode.window.showInformationMessage(`${NAME} is disabled ("digest-lint.enable").`);
    return;
  }
  await start();
}

/** Applies the server's fix-all action to the active Markdown document. */
async function fixAll(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (editor === undefined || client === undefined || !client.isRunning()) {
    void vscode.window.showWarningMessage(`${NAME}: no running server for this editor.`);
    return;
  }
  const document = editor.document;
  const params: CodeActionParams = fixAllParams(client.code2ProtocolConverter.asUri(document.uri), document.lineCount);
  const actions = await client.sendRequest(CodeActionRequest.type, params);
  const action = pickFixAll<CodeAction>(actions);
  if (action?.edit === undefined) {
    void vscode.window.setStatusBarMessage(`${NAME}: nothing to fix`, 3000);
    return;
  }
  const edit = await client.protocol2CodeConverter.asWorkspaceEdit(action.edit);
  await vscode.workspace.applyEdit(edit);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand('digest-lint.restart', restart),
    vscode.commands.registerCommand('digest-lint.fixAll', fixAll),
    registerShowReferences(() => client),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (RESTART_SETTINGS.some((key) => event.affectsConfiguration(key))) {
        void restart();
      }
    }),
    { dispose: () => void stop() },
  );
  await start();
}

export async function deactivate(): Promise<void> {
  await stop();
}
