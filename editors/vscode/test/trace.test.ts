import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TraceSetting } from '../src/settings';
import { LOG_LEVEL_TRACE, traceChannel } from '../src/trace';

const LOG_LEVEL_INFO = 3;

function channel() {
  const written: string[] = [];
  return {
    written,
    logLevel: LOG_LEVEL_INFO,
    name: 'Digest Lint',
    trace: (m: string) => written.push(`trace ${m}`),
    info: (m: string) => written.push(`info ${m}`),
    show() {
      written.push('shown');
    },
  };
}

test('with trace.server on, the client sees the Trace level and its lines are written at Info', () => {
  const log = channel();
  let setting: TraceSetting = 'verbose';
  const { channel: traced, changed } = traceChannel(log, () => setting);
  assert.equal(traced.logLevel, LOG_LEVEL_TRACE);
  traced.trace("[Trace] Sending request 'initialize - (0)'.");
  assert.deepEqual(log.written, ["info [Trace] Sending request 'initialize - (0)'."]);

  // Turned off: the channel's own level again, and the client is told.
  const levels: number[] = [];
  traced.onDidChangeLogLevel((level: number) => levels.push(level));
  setting = 'off';
  changed();
  assert.deepEqual(levels, [LOG_LEVEL_INFO]);
  assert.equal(traced.logLevel, LOG_LEVEL_INFO);
  traced.trace('dropped at Info');
  assert.equal(log.written[1], 'trace dropped at Info');

  // Everything else is the channel itself.
  assert.equal(traced.name, 'Digest Lint');
  traced.show();
  assert.equal(log.written[2], 'shown');
});
