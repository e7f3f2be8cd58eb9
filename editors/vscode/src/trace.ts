// `digest-lint.trace.server`. vscode-languageclient 11 traces the protocol only when the
// trace channel's log level is Trace, and writes each line with `trace()`, which a channel
// at the default level (Info) drops: the setting alone showed nothing. This channel
// reports the Trace level while the setting is on and writes the trace lines at Info, so
// the setting works at any log level.

import type { TraceSetting } from './settings';

/** `vscode.LogLevel.Trace` (the enum is not importable outside VS Code). */
export const LOG_LEVEL_TRACE = 1;

/** The part of `vscode.LogOutputChannel` the trace channel changes. */
export interface LogChannel {
  readonly logLevel: number;
  trace(message: string, ...args: unknown[]): void;
  info(message: string, ...args: unknown[]): void;
}

/** A listener registration, as `vscode.Event` returns it. */
export interface Disposable {
  dispose(): unknown;
}

/** Listeners of level changes, without `vscode.EventEmitter`. */
export class LevelEvents {
  private readonly listeners = new Set<(level: number) => unknown>();

  readonly event = (listener: (level: number) => unknown): Disposable => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };

  fire(level: number): void {
    for (const listener of [...this.listeners]) listener(level);
  }
}

/**
 * The trace channel over `log`: at Trace level while `setting()` is not `off`, its
 * `trace()` lines written with `info()`; otherwise `log` as it is. Call `changed()` when
 * the setting changes so the client turns tracing on or off.
 */
export function traceChannel<T extends LogChannel>(log: T, setting: () => TraceSetting) {
  const events = new LevelEvents();
  const level = () => (setting() === 'off' ? log.logLevel : LOG_LEVEL_TRACE);
  const channel = new Proxy(log, {
    get(target, property, receiver) {
      if (property === 'logLevel') return level();
      if (property === 'onDidChangeLogLevel') return events.event;
      if (property === 'trace') {
        return (message: string, ...args: unknown[]) =>
          setting() === 'off' ? target.trace(message, ...args) : target.info(message, ...args);
      }
      const value = Reflect.get(target, property, receiver) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { channel: channel as T & { onDidChangeLogLevel: LevelEvents['event'] }, changed: () => events.fire(level()) };
}
