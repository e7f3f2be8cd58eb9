-- Headless Neovim 0.11 with the digest-lint plugin (editors/nvim) on a site of two posts
-- covering the same paper: the later post gets DL308, references list both posts, the
-- code lens reads "also in 1 post" and running it lists both posts, :DigestLintPapers
-- fills the quickfix list.
--
--   DIGEST_LINT_LSP_CMD="digest-lint lsp" nvim --headless --clean -l nvim_workspace_test.lua REPO

local repo = arg[1]
local cmd = vim.split(os.getenv('DIGEST_LINT_LSP_CMD') or 'digest-lint lsp', ' ', { trimempty = true })

local failures = 0
local function check(ok, what)
  io.stdout:write((ok and 'ok   ' or 'FAIL ') .. what .. '\n')
  if not ok then failures = failures + 1 end
end

local function post(day, title, url)
  return table.concat({
    '---', 'layout: post', ('title: "Daily Papers %s"'):format(day), 'date: ' .. day, 'tags: [papers]',
    'categories: []', '---', '', ('# 1. [%s](%s)'):format(title, url), '', '## Introduction',
    '- Goal: 목표', '- Motivation: 동기', '- Contribution: 기여', '', '## Method', '방법.', '',
    '## Results', '결과.', '', '## Limitations', '한계.', '', '## Conclusion', '결론.', '',
  }, '\n')
end

local site = vim.fn.tempname()
vim.fn.mkdir(site .. '/_posts', 'p')
vim.fn.writefile({ 'title: test site' }, site .. '/_config.yml')
local first = site .. '/_posts/2025-08-30-daily-papers.md'
local second = site .. '/_posts/2025-08-31-daily-papers.md'
vim.fn.writefile(vim.split(post('2025-08-30', 'Scaling Laws for Digests', 'https://arxiv.org/abs/2508.20751'), '\n'), first)
vim.fn.writefile(vim.split(post('2025-08-31', 'Scaling Laws for Digests 😀', 'https://arxiv.org/abs/2508.20751v2'), '\n'), second)

vim.opt.rtp:prepend(repo .. '/editors/nvim')
vim.g.digest_lint_no_autosetup = true
require('digest-lint').setup({ cmd = cmd })

vim.cmd.edit(vim.fn.fnameescape(second))
local bufnr = vim.api.nvim_get_current_buf()
local attached = vim.wait(15000, function()
  return #vim.lsp.get_clients({ bufnr = bufnr, name = 'digest_lint' }) > 0
end, 50)
check(attached, 'the server attached to the later post')
if not attached then os.exit(1) end
local client = vim.lsp.get_clients({ bufnr = bufnr, name = 'digest_lint' })[1]

local function dl308()
  return vim.tbl_filter(function(d) return d.code == 'DL308' end, vim.diagnostic.get(bufnr))
end
check(vim.wait(15000, function() return #dl308() == 1 end, 50), 'DL308 on the later post')
local related = (dl308()[1] or {}).user_data
related = related and related.lsp and related.lsp.relatedInformation or {}
check(#related == 1 and related[1].location.uri == vim.uri_from_fname(first),
  'its related information is the earlier post: ' .. vim.inspect(related))

-- References from the paper heading (line 9): both posts.
local function reference_files(on_buf)
  local files
  vim.api.nvim_win_set_cursor(0, { 9, 8 })
  vim.lsp.buf.references(nil, {
    on_list = function(list)
      files = {}
      for _, item in ipairs(list.items) do table.insert(files, vim.fs.basename(item.filename)) end
      table.sort(files)
    end,
  })
  vim.wait(10000, function() return files ~= nil end, 50)
  return files
end
check(vim.deep_equal(reference_files(), { '2025-08-30-daily-papers.md', '2025-08-31-daily-papers.md' }),
  'references list both posts')

-- The code lens over the heading, and running it (the plugin maps its command to
-- vim.lsp.buf.references, which fills the quickfix list).
local lenses = {}
vim.wait(15000, function()
  vim.lsp.codelens.refresh({ bufnr = bufnr })
  lenses = vim.lsp.codelens.get(bufnr)
  return #lenses == 1 and lenses[1].command ~= nil
end, 200)
check(#lenses == 1 and lenses[1].command.title == 'also in 1 post' and lenses[1].range.start.line == 8,
  'the code lens reads "also in 1 post": ' .. vim.inspect(lenses))
vim.fn.setqflist({}, 'r', { items = {} })
vim.api.nvim_win_set_cursor(0, { 9, 0 })
vim.lsp.codelens.run()
local listed = vim.wait(10000, function() return #vim.fn.getqflist() == 2 end, 50)
check(listed, 'running the lens lists both posts: ' .. vim.inspect(vim.fn.getqflist()))

vim.cmd('DigestLintPapers scaling')
local papers = vim.fn.getqflist({ title = 1, items = 1 })
check(papers.title == 'digest-lint papers: scaling' and #papers.items == 2,
  ':DigestLintPapers lists the paper in both posts: ' .. vim.inspect(papers))

client:stop()
vim.wait(5000, function() return client:is_stopped() end, 50)
vim.fn.delete(site, 'rf')
io.stdout:write(failures == 0 and 'neovim workspace: all checks passed\n' or ('neovim workspace: ' .. failures .. ' checks failed\n'))
os.exit(failures == 0 and 0 or 1)
