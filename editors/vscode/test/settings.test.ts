import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { test } from 'node:test';
import {
  DOCUMENT_SELECTOR,
  FIX_ALL_KIND,
  fixAllParams,
  initializationOptions,
  pickFixAll,
  RESTART_SETTINGS,
  TRACE_SETTING,
  bundledBinary,
  findOnPath,
  readSettings,
  resolveServer,
  serverCommand,
  substitute,
  type Settings,
} from '../src/settings';

const env = { workspaceFolder: '/site', home: '/home/me' };
const defaults: Settings = { enable: true, postsOnly: true, path: '', args: [], trace: 'off' };

function from(values: Record<string, unknown>): Settings {
  return readSettings((key) => values[key]);
}

test('unset settings give the defaults', () => {
  assert.deepEqual(from({}), defaults);
});

test('settings of the wrong type fall back to the defaults', () => {
  assert.deepEqual(from({ enable: 'no', postsOnly: 1, path: 3, args: ['a', 4, 'b'], 'trace.server': 'loud' }), {
    ...defaults,
    args: ['a', 'b'],
  });
  assert.deepEqual(from({ enable: false, path: ' /bin/dl ', 'trace.server': 'verbose' }), {
    ...defaults,
    enable: false,
    path: '/bin/dl',
    trace: 'verbose',
  });
});

test('only posts are linted unless postsOnly is turned off', () => {
  assert.deepEqual(initializationOptions(from({})), { postsOnly: true });
  assert.deepEqual(initializationOptions(from({ postsOnly: false })), { postsOnly: false });
  assert.ok(RESTART_SETTINGS.includes('digest-lint.postsOnly'));
});

test('by default the server is digest-lint lsp, found on PATH', () => {
  assert.deepEqual(serverCommand(defaults, env), { command: 'digest-lint', args: ['lsp'] });
  assert.deepEqual(serverCommand({ ...defaults, path: 'digest-lint-nightly' }, env), {
    command: 'digest-lint-nightly',
    args: ['lsp'],
  });
});

test('paths are absolute, home-relative or relative to the workspace folder', () => {
  assert.equal(serverCommand({ ...defaults, path: '/opt/dl/digest-lint' }, env).command, '/opt/dl/digest-lint');
  assert.equal(serverCommand({ ...defaults, path: '~/.cargo/bin/digest-lint' }, env).command, '/home/me/.cargo/bin/digest-lint');
  assert.equal(serverCommand({ ...defaults, path: 'target/debug/digest-lint' }, env).command, '/site/target/debug/digest-lint');
  assert.equal(
    serverCommand({ ...defaults, path: '${workspaceFolder}/bin/digest-lint' }, env).command,
    '/site/bin/digest-lint',
  );
  // Without a workspace folder a relative path stays as it is.
  assert.equal(serverCommand({ ...defaults, path: 'bin/digest-lint' }, { home: '/h' }).command, 'bin/digest-lint');
});

test('extra arguments go between the binary and lsp, with variables replaced', () => {
  const cargo: Settings = {
    ...defaults,
    path: 'cargo',
    args: ['run', '--quiet', '--manifest-path', '${workspaceFolder}/Cargo.toml', '--'],
  };
  assert.deepEqual(serverCommand(cargo, env), {
    command: 'cargo',
    args: ['run', '--quiet', '--manifest-path', '/site/Cargo.toml', '--', 'lsp'],
  });
});

function files(...present: string[]) {
  return { isFile: (f: string) => present.includes(f), pathVariable: '/usr/local/bin:/usr/bin', platform: 'linux' };
}
const bundled = bundledBinary('/ext', 'linux');

test('the server is digest-lint.path, else the bundled binary, else digest-lint on PATH', () => {
  assert.equal(bundled, '/ext/bundled/digest-lint');
  assert.equal(bundledBinary('C:\\ext', 'win32').endsWith('digest-lint.exe'), true);
  const all = files('/opt/dl', bundled, '/usr/bin/digest-lint');
  assert.deepEqual(resolveServer({ ...defaults, path: '/opt/dl' }, env, bundled, all), {
    found: true,
    command: '/opt/dl',
    args: ['lsp'],
    source: 'digest-lint.path',
  });
  assert.deepEqual(resolveServer(defaults, env, bundled, all), {
    found: true,
    command: bundled,
    args: ['lsp'],
    source: 'bundled',
  });
  assert.deepEqual(resolveServer(defaults, env, bundled, files('/usr/bin/digest-lint')), {
    found: true,
    command: '/usr/bin/digest-lint',
    args: ['lsp'],
    source: 'PATH',
  });
  // A bare name in digest-lint.path is looked up on PATH; ${env:NAME} is replaced.
  const cargo = resolveServer({ ...defaults, path: 'cargo', args: ['run', '--'] }, env, bundled, files('/usr/bin/cargo'));
  assert.deepEqual(cargo, { found: true, command: '/usr/bin/cargo', args: ['run', '--', 'lsp'], source: 'digest-lint.path' });
  process.env.DL_TEST_BIN = '/opt/dl';
  assert.equal(resolveServer({ ...defaults, path: '${env:DL_TEST_BIN}' }, env, bundled, all).found, true);
});

test('a missing server says where it was looked for', () => {
  const none = files();
  assert.deepEqual(resolveServer({ ...defaults, path: '/opt/gone' }, env, bundled, files(bundled)), {
    found: false,
    looked: ['"digest-lint.path": /opt/gone'],
  });
  const missing = resolveServer(defaults, env, bundled, none);
  assert.equal(missing.found, false);
  assert.ok(!missing.found && missing.looked.some((l) => l.includes('PATH')), JSON.stringify(missing));
});

test('PATH lookup follows the platform', () => {
  assert.equal(findOnPath('digest-lint', files('/usr/bin/digest-lint')), '/usr/bin/digest-lint');
  assert.equal(findOnPath('digest-lint', { ...files('/usr/bin/digest-lint'), pathVariable: '' }), undefined);
  const win = { isFile: (f: string) => f.endsWith('digest-lint.exe'), pathVariable: 'C:\\bin;D:\\x', platform: 'win32' };
  assert.ok(findOnPath('digest-lint', win)?.endsWith('digest-lint.exe'));
});

test('variables', () => {
  assert.equal(substitute('${userHome}/x', env), '/home/me/x');
  assert.equal(substitute('${env:DL_BIN}', env, { DL_BIN: '/b' }), '/b');
  assert.equal(substitute('${env:MISSING}x', env, {}), 'x');
  assert.equal(substitute('${workspaceFolder}', { home: '/h' }), '${workspaceFolder}');
  assert.equal(substitute('a~b', env), 'a~b');
});

test('the server runs for Markdown files, saved or untitled', () => {
  assert.deepEqual(
    DOCUMENT_SELECTOR.map((s) => `${s.scheme}:${s.language}`),
    ['file:markdown', 'untitled:markdown'],
  );
});

test('fix all asks for the fix-all kind over the whole document', () => {
  const params = fixAllParams('file:///site/_posts/a.md', 40);
  assert.deepEqual(params.context.only, [FIX_ALL_KIND]);
  assert.equal(FIX_ALL_KIND, 'source.fixAll.digest-lint');
  assert.deepEqual(params.range, { start: { line: 0, character: 0 }, end: { line: 40, character: 0 } });
  assert.equal(params.textDocument.uri, 'file:///site/_posts/a.md');
});

test('fix all picks the fix-all action with an edit', () => {
  const edit = { changes: {} };
  const quickfix = { title: 'Remove', kind: 'quickfix', edit };
  const fixAll = { title: 'Fix all', kind: FIX_ALL_KIND, edit };
  assert.equal(pickFixAll([quickfix, fixAll]), fixAll);
  assert.equal(pickFixAll([quickfix]), undefined);
  assert.equal(pickFixAll([{ title: 'cmd', command: 'x' }]), undefined);
  assert.equal(pickFixAll(null), undefined);
});

test('the manifest declares what the code implements', async () => {
  const manifest = JSON.parse(await readFile(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
  const props = Object.keys(manifest.contributes.configuration.properties).sort();
  assert.deepEqual(props, [
    'digest-lint.args',
    'digest-lint.codeLens',
    'digest-lint.enable',
    'digest-lint.path',
    'digest-lint.postsOnly',
    'digest-lint.trace.server',
  ]);
  for (const key of [...RESTART_SETTINGS, TRACE_SETTING]) {
    assert.ok(props.includes(key), key);
  }
  // The description names what substitute() replaces.
  const pathDoc: string = manifest.contributes.configuration.properties['digest-lint.path'].markdownDescription;
  for (const variable of ['${workspaceFolder}', '${userHome}', '${env:NAME}', 'bundled', 'PATH']) {
    assert.ok(pathDoc.includes(variable), `digest-lint.path description lacks ${variable}`);
  }
  const commands = manifest.contributes.commands.map((c: { command: string }) => c.command).sort();
  assert.deepEqual(commands, ['digest-lint.fixAll', 'digest-lint.restart']);
  assert.equal(manifest.contributes.codeActions[0].actions.kind, FIX_ALL_KIND);
  assert.ok(manifest.activationEvents.includes('onLanguage:markdown'));
  assert.match(manifest.devDependencies['@vscode/vsce'], /^\^3\./);
});
