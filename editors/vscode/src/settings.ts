// The extension's own logic, without `vscode`: reading the settings and turning them
// into the command that starts the server. Unit-tested with node's test runner.

import * as os from 'node:os';
import * as path from 'node:path';

/** The settings under `digest-lint.*`. */
export interface Settings {
  /** Run the server at all. */
  enable: boolean;
  /** Lint only the files the [files] globs select as posts. */
  postsOnly: boolean;
  /** The binary: empty means `digest-lint` on PATH. */
  path: string;
  /** Arguments placed between the binary and `lsp`. */
  args: string[];
  /** `digest-lint.trace.server` (read by vscode-languageclient itself). */
  trace: 'off' | 'messages' | 'verbose';
}

/** Reads a setting: the value, or the default when unset or of the wrong type. */
export type Getter = (key: string) => unknown;

/** The settings, with wrong types replaced by the defaults. */
export function readSettings(get: Getter): Settings {
  const enable = get('enable');
  const postsOnly = get('postsOnly');
  const binary = get('path');
  const args = get('args');
  const trace = get('trace.server');
  return {
    enable: typeof enable === 'boolean' ? enable : true,
    postsOnly: typeof postsOnly === 'boolean' ? postsOnly : true,
    path: typeof binary === 'string' ? binary.trim() : '',
    args: Array.isArray(args) ? args.filter((a): a is string => typeof a === 'string') : [],
    trace: trace === 'messages' || trace === 'verbose' ? trace : 'off',
  };
}

/** What `${…}` variables and relative paths are resolved against. */
export interface Environment {
  /** The first workspace folder, if any. */
  workspaceFolder?: string;
  /** The user's home folder. */
  home: string;
}

/** The environment of this process. */
export function processEnvironment(workspaceFolder?: string): Environment {
  return { workspaceFolder, home: os.homedir() };
}

/** Replaces `${workspaceFolder}`, `${userHome}` and `${env:NAME}`, and a leading `~`. */
export function substitute(value: string, env: Environment, vars: NodeJS.ProcessEnv = process.env): string {
  let out = value.replace(/\$\{(workspaceFolder|userHome|env:([A-Za-z_][A-Za-z0-9_]*))\}/g, (whole, name: string, envName?: string) => {
    if (name === 'workspaceFolder') return env.workspaceFolder ?? whole;
    if (name === 'userHome') return env.home;
    return vars[envName ?? ''] ?? '';
  });
  if (out === '~' || out.startsWith('~/')) {
    out = env.home + out.slice(1);
  }
  return out;
}

/** The command that starts the server: `digest-lint [args…] lsp`. */
export interface ServerCommand {
  command: string;
  args: string[];
}

/** The default binary, looked up on PATH. */
export const DEFAULT_BINARY = 'digest-lint';

/**
 * The server command for these settings. A `path` with a folder separator that is not
 * absolute is taken relative to the workspace folder; a bare name is looked up on PATH.
 */
export function serverCommand(settings: Settings, env: Environment): ServerCommand {
  let command = settings.path === '' ? DEFAULT_BINARY : substitute(settings.path, env);
  const hasSeparator = command.includes('/') || command.includes('\\');
  if (hasSeparator && !path.isAbsolute(command) && env.workspaceFolder !== undefined) {
    command = path.resolve(env.workspaceFolder, command);
  }
  const args = settings.args.map((a) => substitute(a, env));
  return { command, args: [...args, 'lsp'] };
}

/** The server's initialization options (docs/lsp.md). */
export function initializationOptions(settings: Settings): { postsOnly: boolean } {
  return { postsOnly: settings.postsOnly };
}

/** The settings whose change means the server must be started again. */
export const RESTART_SETTINGS = ['digest-lint.enable', 'digest-lint.postsOnly', 'digest-lint.path', 'digest-lint.args'];

/** The documents the server is started for: Markdown files, saved or not. */
export const DOCUMENT_SELECTOR = [
  { scheme: 'file', language: 'markdown' },
  { scheme: 'untitled', language: 'markdown' },
];

/** The code action kind of the server's fix-all action. */
export const FIX_ALL_KIND = 'source.fixAll.digest-lint';

/** The parameters of the fix-all code action request for a whole document. */
export function fixAllParams(uri: string, lineCount: number) {
  return {
    textDocument: { uri },
    range: { start: { line: 0, character: 0 }, end: { line: Math.max(lineCount, 1), character: 0 } },
    // triggerKind 1: asked for explicitly (CodeActionTriggerKind.Invoked).
    context: { diagnostics: [], only: [FIX_ALL_KIND], triggerKind: 1 as const },
  };
}

/** A code action as the server sends it (the fields fix-all reads). */
export interface ActionLike {
  kind?: string;
  edit?: unknown;
}

/** The fix-all action among the server's answer, if it offered one. */
export function pickFixAll<T extends ActionLike>(actions: readonly (T | object)[] | null | undefined): T | undefined {
  return (actions ?? []).find(
    (a): a is T => 'kind' in a && (a as ActionLike).kind === FIX_ALL_KIND && (a as ActionLike).edit !== undefined,
  );
}
