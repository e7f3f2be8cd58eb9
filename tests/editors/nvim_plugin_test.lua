-- The shipped Neovim plugin (editors/nvim) in headless Neovim, as a user has it:
--
--   nvim --headless --clean --cmd 'set rtp^=editors/nvim' -l nvim_plugin_test.lua SITE EXPECTED [legacy]
--
-- Neovim itself sources editors/nvim/plugin/digest-lint.lua at startup, which registers
-- the server with its defaults (`digest-lint lsp` found on PATH). SITE is a Jekyll site
-- (it has _config.yml; a .git folder sits above it) with two copies of a post with
-- mistakes, _posts/a.md and _posts/b.md, and a third as README.md (not a post: no
-- diagnostics, since the plugin lints only posts by default); EXPECTED is that post as
-- `digest-lint check --fix` leaves it. The test opens a.md, checks the diagnostics and
-- the root folder, runs :DigestLintFixAll, writes the file and compares it with
-- EXPECTED; then turns on fix_on_save and writes b.md. With `legacy`, vim.lsp.config
-- and vim.lsp.enable are hidden before the plugin loads (see --cmd in run.sh), so the
-- Neovim 0.8–0.10 path (vim.lsp.start from a FileType autocommand) runs instead.

local site, expected_path, mode = arg[1], arg[2], arg[3]
local legacy = mode == 'legacy'

local failures = 0
local function check(ok, what)
  io.stdout:write((ok and 'ok   ' or 'FAIL ') .. what .. '\n')
  if not ok then
    failures = failures + 1
  end
end
local function finish()
  for _, c in ipairs(vim.lsp.get_clients()) do
    c:stop()
  end
  io.stdout:write(('neovim plugin (%s): %s\n'):format(legacy and 'vim.lsp.start' or 'vim.lsp.enable',
    failures == 0 and 'all checks passed' or (failures .. ' checks failed')))
  os.exit(failures == 0 and 0 or 1)
end

local function read(path)
  local f = assert(io.open(path, 'rb'))
  local text = f:read('*a')
  f:close()
  return text
end

check(vim.g.loaded_digest_lint == true, 'Neovim loaded plugin/digest-lint.lua from the runtime path')
check(vim.fn.exists(':DigestLintFixAll') == 2, ':DigestLintFixAll exists')
local plugin = require('digest-lint')
if legacy then
  check(vim.lsp.config == nil, 'vim.lsp.config is hidden: the 0.8–0.10 path runs')
else
  check(vim.lsp.config[plugin.name] ~= nil and vim.lsp.config[plugin.name].cmd[1] == 'digest-lint',
    'registered with vim.lsp.config as digest_lint, cmd digest-lint lsp')
end

local function open(path)
  vim.cmd.edit(vim.fn.fnameescape(path))
  local bufnr = vim.api.nvim_get_current_buf()
  local attached = vim.wait(15000, function()
    return plugin.client(bufnr) ~= nil
  end, 50)
  check(attached, 'the server attached to ' .. vim.fs.basename(path))
  if not attached then
    finish()
  end
  return bufnr, plugin.client(bufnr)
end

local function codes(bufnr)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(list, d.code)
  end
  table.sort(list)
  return list
end

-- 1. Diagnostics and the root folder.
local post = site .. '/_posts/2025-09-01-a.md'
local bufnr, client = open(post)
check(vim.bo[bufnr].filetype == 'markdown', 'the post is a markdown buffer')
check(client.config.root_dir == site or (client.root_dir == site),
  'the root is the folder with _config.yml, not the .git above it: ' .. tostring(client.config.root_dir))
local want = { 'DL107', 'DL110', 'DL203', 'DL204', 'DL302', 'DL401', 'DL401', 'DL403', 'DL403' }
local got = vim.wait(15000, function()
  return vim.deep_equal(codes(bufnr), want)
end, 50)
check(got, 'the findings of the post: ' .. table.concat(codes(bufnr), ' '))
for _, d in ipairs(vim.diagnostic.get(bufnr)) do
  if d.code == 'DL107' then
    local line = vim.api.nvim_buf_get_lines(bufnr, d.lnum, d.lnum + 1, true)[1]
    check(d.lnum == 2 and line:sub(d.col + 1, d.end_col) == '"', 'DL107 covers the stray quote on line 3')
    check(d.source == 'digest-lint' and d.severity == vim.diagnostic.severity.ERROR, 'DL107 is an error from digest-lint')
  end
end

-- 2. README.md holds the same text but is not a post: posts_only (the default) leaves
-- it alone, while the same server still lints the post.
local readme_buf, readme_client = open(site .. '/README.md')
check(readme_client.id == client.id, 'the README shares the post\'s server (same root)')
local report = readme_client:request_sync('textDocument/diagnostic',
  { textDocument = { uri = vim.uri_from_bufnr(readme_buf) } }, 5000, readme_buf)
check(report and report.result and #report.result.items == 0,
  'README.md gets no diagnostics: ' .. vim.inspect(report and report.result and #report.result.items))
check(#vim.diagnostic.get(readme_buf) == 0, 'no diagnostics shown for README.md')
vim.cmd.buffer(bufnr)

-- 3. :DigestLintFixAll applies every safe fix; only the unsafe DL204 is left.
vim.cmd('DigestLintFixAll')
local settled = vim.wait(15000, function()
  return vim.deep_equal(codes(bufnr), { 'DL204' })
end, 50)
check(settled, 'after :DigestLintFixAll only DL204 (unsafe fix) is left: ' .. table.concat(codes(bufnr), ' '))
vim.cmd('silent write')
local expected = read(expected_path)
check(read(post) == expected, ':DigestLintFixAll then :write gives what digest-lint check --fix gives')
check(plugin.fix_all(bufnr) == false, 'a second fix-all has nothing to do')

-- 4. fix_on_save: the safe fixes are applied when the buffer is written.
plugin.setup({ fix_on_save = true })
local other = site .. '/_posts/2025-09-01-b.md'
local bufnr2 = open(other)
vim.wait(15000, function()
  return #vim.diagnostic.get(bufnr2) == #want
end, 50)
vim.cmd('silent write')
check(read(other) == expected, 'with fix_on_save, :write fixes the post')

finish()
