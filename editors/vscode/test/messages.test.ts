import assert from 'node:assert/strict';
import { test } from 'node:test';
import { INSTALL_HINT, LastLines, missingServerMessage, serverStoppedMessage } from '../src/messages';

test('a missing server: where it was looked for, and how to install it', () => {
  const message = missingServerMessage(['the bundled server', 'digest-lint on PATH']);
  assert.match(message, /digest-lint was not found/);
  assert.match(message, /the bundled server, then digest-lint on PATH/);
  assert.ok(message.includes(INSTALL_HINT));
  assert.match(INSTALL_HINT, /pip install digest-lint/);
  assert.match(INSTALL_HINT, /digest-lint\.path/);
  assert.doesNotMatch(message, /-32\d\d\d|ENOENT/);
});

test('a stopped server: its last stderr lines and what to do', () => {
  const message = serverStoppedMessage('/bin/dl lsp', ['error: bad config', 'at line 3']);
  assert.match(message, /\/bin\/dl lsp/);
  assert.match(message, /error: bad config \/ at line 3/);
  assert.match(message, /Restart server/);
  assert.match(serverStoppedMessage('/bin/dl lsp', []), /printed nothing/);
});

test('only the last non-empty lines are kept, long ones shortened', () => {
  const lines = new LastLines(2);
  for (const line of ['one', '', 'two  ', 'three']) lines.push(line);
  assert.deepEqual(lines.get(), ['two', 'three']);
  lines.push('x'.repeat(400));
  assert.equal(lines.get()[1].length, 301);
});
