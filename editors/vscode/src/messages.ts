// What the extension tells the user when the server cannot run: one message, saying what
// happened and what to do, instead of vscode-languageclient's pop-ups with raw codes.

/** How to get the server, for the "not found" message. */
export const INSTALL_HINT =
  'Install it with "pip install digest-lint" (or pipx, or uv tool install), install the Digest Lint .vsix for your platform, which carries it, or set "digest-lint.path".';

/** The button that opens the "Digest Lint" output channel. */
export const SHOW_LOG = 'Show log';

/** The button that starts the server again. */
export const RESTART = 'Restart server';

/** The message when no server binary was found. */
export function missingServerMessage(looked: readonly string[]): string {
  return `Digest Lint: digest-lint was not found (looked for ${looked.join(', then ')}). ${INSTALL_HINT}`;
}

/** The message when the server stopped on its own: its last words on stderr, if any. */
export function serverStoppedMessage(command: string, lastLines: readonly string[]): string {
  const said = lastLines.length === 0 ? 'it printed nothing' : `it said: ${lastLines.join(' / ')}`;
  return `Digest Lint: the server (${command}) stopped, so posts are not checked; ${said}. Fix that, then run "Digest Lint: Restart server".`;
}

/** The last `limit` non-empty lines written to a stream, for the stopped-server message. */
export class LastLines {
  private readonly lines: string[] = [];

  constructor(private readonly limit: number) {}

  push(line: string): void {
    const trimmed = line.trimEnd();
    if (trimmed === '') return;
    this.lines.push(trimmed.length > 300 ? `${trimmed.slice(0, 300)}…` : trimmed);
    if (this.lines.length > this.limit) this.lines.shift();
  }

  get(): readonly string[] {
    return this.lines;
  }
}
