// The Digest Lint extension: starts `digest-lint lsp` for Markdown files and offers the
// commands "Restart server" and "Fix all". Fix on save is VS Code's own
// `editor.codeActionsOnSave` with the server's `source.fixAll.digest-lint` action.

import * as fs from 'node:fs';
import * as readline from 'node:readline';
import * as vscode from 'vscode';
import {
  CloseAction,
  CodeAction,
  type CodeActionParams,
  CodeActionRequest,
  ErrorAction,
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { LastLines, RESTART, SHOW_LOG, missingServerMessage, serverStoppedMessage } from './messages';
import {
  DOCUMENT_SELECTOR,
  RESTART_SETTINGS,
  TRACE_SETTING,
  bundledBinary,
  fixAllParams,
  initializationOptions,
  pickFixAll,
  processEnvironment,
  readSettings,
  resolveServer,
  type Lookup,
  type ServerSource,
} from './settings';
import { traceChannel } from './trace';
import { codeLensMiddleware, registerShowReferences } from './papers';

const NAME = 'Digest Lint';
let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel | undefined;
let trace: ReturnType<typeof traceChannel<vscode.LogOutputChannel>> | undefined;
let extensionPath = '';

/** Where the server came from, as the output channel says it. */
const SOURCE_NAMES: Record<ServerSource, string> = {
  'digest-lint.path': 'the digest-lint.path setting',
  bundled: 'the server bundled in the extension',
  PATH: 'PATH',
};

/**
 * vscode-languageclient pops up its own error for every failure (start failed, connection
 * closed, restart failed), with raw codes. This client only logs them; the extension
 * shows one message of its own (`report`).
 */
class QuietClient extends LanguageClient {
  override error(message: string, data?: unknown): void {
    super.error(message, data, false);
  }
}

function settings() {
  const config = vscode.workspace.getConfiguration('digest-lint');
  return readSettings((key) => config.get(key));
}

/** The file system and PATH as they are now (PATH may change between restarts). */
function lookup(): Lookup {
  return {
    isFile(file) {
      try {
        return fs.statSync(file).isFile();
      } catch {
        return false;
      }
    },
    pathVariable: process.env.PATH ?? '',
    platform: process.platform,
  };
}

/** A .vsix may lose the executable bit of the bundled server; give it back. */
function makeExecutable(file: string): void {
  if (process.platform === 'win32') return;
  try {
    fs.accessSync(file, fs.constants.X_OK);
  } catch {
    try {
      fs.chmodSync(file, 0o755);
    } catch {
      // Starting it reports the failure.
    }
  }
}

/** Shows `message` once, with buttons to open the log and restart. */
async function report(message: string): Promise<void> {
  output?.error(message);
  const choice = await vscode.window.showErrorMessage(message, SHOW_LOG, RESTART);
  if (choice === SHOW_LOG) {
    output?.show(true);
  } else if (choice === RESTART) {
    await restart();
  }
}

async function start(): Promise<void> {
  const current = settings();
  if (!current.enable) {
    return;
  }
  output ??= vscode.window.createOutputChannel(NAME, { log: true });
  trace ??= traceChannel(output, () => settings().trace);
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const bundled = bundledBinary(extensionPath, process.platform);
  makeExecutable(bundled);
  const found = resolveServer(current, processEnvironment(folder), bundled, lookup());
  if (!found.found) {
    void report(missingServerMessage(found.looked));
    return;
  }
  const { command, args } = found;
  output.info(`Starting ${command} ${args.join(' ')} (from ${SOURCE_NAMES[found.source]})`);
  const run = { command, args, options: { cwd: folder } };
  const serverOptions: ServerOptions = { run, debug: run };
  const stderr = new LastLines(5);
  let reported = false;
  const stopped = () => {
    if (!reported) {
      reported = true;
      void report(serverStoppedMessage(`${command} ${args.join(' ')}`, stderr.get()));
    }
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    initializationOptions: initializationOptions(current),
    outputChannel: output,
    traceOutputChannel: trace.channel,
    stdioOptions: {
      stdout: (input, channel) => {
        readline.createInterface({ input, crlfDelay: Infinity }).on('line', (line) => channel.info(line));
      },
      stderr: (input, channel) => {
        readline.createInterface({ input, crlfDelay: Infinity }).on('line', (line) => {
          stderr.push(line);
          channel.error(line);
        });
      },
    },
    // Without this handler the client pops up the raw error ("write EPIPE") itself.
    initializationFailedHandler: (error) => {
      output?.error(`Initializing the server failed: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    },
    errorHandler: {
      error: () => ({ action: ErrorAction.Shutdown, handled: true }),
      closed: () => {
        // The stderr lines may still be on their way: read them before reporting.
        setTimeout(stopped, 200);
        return { action: CloseAction.DoNotRestart, handled: true };
      },
    },
    middleware: codeLensMiddleware,
  };
  const started = new QuietClient('digest-lint', NAME, serverOptions, clientOptions);
  client = started;
  try {
    await started.start();
  } catch (error) {
    output.error(`Starting ${command} failed: ${error instanceof Error ? error.message : String(error)}`);
    setTimeout(stopped, 200);
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
  extensionPath = context.extensionPath;
  context.subscriptions.push(
    vscode.commands.registerCommand('digest-lint.restart', restart),
    vscode.commands.registerCommand('digest-lint.fixAll', fixAll),
    registerShowReferences(() => client),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (RESTART_SETTINGS.some((key) => event.affectsConfiguration(key))) {
        void restart();
      } else if (event.affectsConfiguration(TRACE_SETTING)) {
        trace?.changed();
      }
    }),
    { dispose: () => void stop() },
  );
  await start();
}

export async function deactivate(): Promise<void> {
  await stop();
}
