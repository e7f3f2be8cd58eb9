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
  /** `digest-lint.trace.server`: log the protocol in the output channel (see trace.ts). */
  trace: TraceSetting;
}

/** The values of `digest-lint.trace.server`. */
export type TraceSetting = 'off' | 'messages' | 'verbose';

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

/** Where the server binary was found, in the order it is looked for. */
export type ServerSource = 'digest-lint.path' | 'bundled' | 'PATH';

/** The server to start, or the places it was looked for in vain. */
export type Resolution =
  | { found: true; command: string; args: string[]; source: ServerSource }
  | { found: false; looked: string[] };

/** The file system and PATH, as far as finding the server needs them. */
export interface Lookup {
  /** Whether `file` is a file (the caller makes it executable if it must). */
  isFile(file: string): boolean;
  /** The value of PATH. */
  pathVariable: string;
  /** `process.platform`. */
  platform: string;
}

/** The server shipped inside a platform .vsix: `bundled/digest-lint[.exe]`. */
export function bundledBinary(extensionPath: string, platform: string): string {
  return path.join(extensionPath, 'bundled', platform === 'win32' ? 'digest-lint.exe' : 'digest-lint');
}

/** `name` looked up in the folders of PATH (with `.exe` on Windows), as a shell would. */
export function findOnPath(name: string, lookup: Lookup): string | undefined {
  const delimiter = lookup.platform === 'win32' ? ';' : ':';
  const names = lookup.platform === 'win32' && !name.toLowerCase().endsWith('.exe') ? [`${name}.exe`, name] : [name];
  for (const folder of lookup.pathVariable.split(delimiter)) {
    if (folder === '') continue;
    for (const candidate of names) {
      const file = path.join(folder, candidate);
      if (lookup.isFile(file)) return file;
    }
  }
  return undefined;
}

/**
 * Finds the server: `digest-lint.path` when set, else the binary bundled in the
 * extension, else `digest-lint` on PATH.
 */
export function resolveServer(settings: Settings, env: Environment, bundled: string, lookup: Lookup): Resolution {
  if (settings.path !== '') {
    const { command, args } = serverCommand(settings, env);
    const hasSeparator = command.includes('/') || command.includes('\\');
    const file = hasSeparator ? (lookup.isFile(command) ? command : undefined) : findOnPath(command, lookup);
    if (file === undefined) {
      return { found: false, looked: [`"digest-lint.path": ${command}${hasSeparator ? '' : ' (not on PATH)'}`] };
    }
    return { found: true, command: file, args, source: 'digest-lint.path' };
  }
  const { args } = serverCommand(settings, env);
  if (lookup.isFile(bundled)) {
    return { found: true, command: bundled, args, source: 'bundled' };
  }
  const onPath = findOnPath(DEFAULT_BINARY, lookup);
  if (onPath !== undefined) {
    return { found: true, command: onPath, args, source: 'PATH' };
  }
  return { found: false, looked: ['the server bundled in the extension (none in this .vsix)', `${DEFAULT_BINARY} on PATH`] };
}

/** The server's initialization options (docs/lsp.md). */
export function initializationOptions(settings: Settings): { postsOnly: boolean } {
  return { postsOnly: settings.postsOnly };
}

/** The settings whose change means the server must be started again. */
export const RESTART_SETTINGS = ['digest-lint.enable', 'digest-lint.postsOnly', 'digest-lint.path', 'digest-lint.args'];

/** The setting that turns protocol tracing on and off without a restart (trace.ts). */
export const TRACE_SETTING = 'digest-lint.trace.server';

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
