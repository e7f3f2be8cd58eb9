-- Headless Neovim 0.11 against the digest-lint language server.
--
--   DIGEST_LINT_LSP_CMD="digest-lint lsp" nvim --headless --clean -l nvim_test.lua POST REPO
--
-- Opens POST (the seed post), waits for diagnostics, checks them by code and position,
-- asks for document symbols, applies fix-all and checks the buffer. Exits non-zero on the
-- first failure. DL107 is checked only once the rule is implemented (its docs page is
-- more than a placeholder heading).

local post, repo = arg[1], arg[2]
local cmd = vim.split(os.getenv('DIGEST_LINT_LSP_CMD') or 'digest-lint lsp', ' ', { trimempty = true })

local failures = 0
local function check(ok, what)
  io.stdout:write((ok and 'ok   ' or 'FAIL ') .. what .. '\n')
  if not ok then failures = failures + 1 end
end

vim.lsp.config('digest_lint', {
  cmd = cmd,
  filetypes = { 'markdown' },
  root_markers = { 'digest-lint.toml', '.digest-lint.toml', '.git' },
})
vim.lsp.enable('digest_lint')

vim.cmd.edit(vim.fn.fnameescape(post))
local bufnr = vim.api.nvim_get_current_buf()

local attached = vim.wait(15000, function()
  return #vim.lsp.get_clients({ bufnr = bufnr, name = 'digest_lint' }) > 0
end, 50)
check(attached, 'the server attached to the post')
if not attached then os.exit(1) end
local client = vim.lsp.get_clients({ bufnr = bufnr, name = 'digest_lint' })[1]

local function by_code(code)
  return vim.tbl_filter(function(d)
    return d.code == code
  end, vim.diagnostic.get(bufnr))
end

local got = vim.wait(15000, function() return #by_code('DL401') >= 6 end, 50)
check(got, 'diagnostics arrived')

-- DL401 on the six titles with runs of spaces: lines 10, 50, 69, 132, 153, 174 (1-based).
local dl401 = by_code('DL401')
local lines = {}
for _, d in ipairs(dl401) do table.insert(lines, d.lnum + 1) end
table.sort(lines)
check(vim.deep_equal(lines, { 10, 50, 69, 132, 153, 174 }), 'DL401 on the six titles: ' .. vim.inspect(lines))
for _, d in ipairs(dl401) do
  local text = vim.api.nvim_buf_get_lines(bufnr, d.lnum, d.lnum + 1, true)[1]
  local run = text:sub(d.col + 1, d.end_col)
  check(run:match('^%s+$') ~= nil and #run >= 2, ('DL401 at %d:%d covers the run of spaces'):format(d.lnum + 1, d.col))
  check(d.source == 'digest-lint', 'source is digest-lint')
end

do
  local dl107 = by_code('DL107')
  local line3 = vim.api.nvim_buf_get_lines(bufnr, 2, 3, true)[1]
  local quote = line3:find('"', 1, true)
  check(#dl107 == 1 and dl107[1].lnum == 2 and dl107[1].col == quote - 1,
    'DL107 on line 3 at the stray quote: ' .. vim.inspect(dl107))
end

-- The outline: 10 papers with 5 sections each.
local params = { textDocument = vim.lsp.util.make_text_document_params(bufnr) }
local response = client:request_sync('textDocument/documentSymbol', params, 10000, bufnr)
local symbols = response and response.result or {}
local papers = vim.tbl_filter(function(s) return s.name:match('^%d+%. ') end, symbols)
check(#papers == 10, 'outline has 10 papers (got ' .. #papers .. ')')
local five = true
for _, p in ipairs(papers) do
  if #(p.children or {}) ~= 5 then five = false end
end
check(five, 'each paper has 5 sections')
check(papers[1] and papers[1].detail == '2508.20751', 'the arXiv identifier is the detail')

-- Fix-all, applied as an editor applies it.
local function fix_all_actions()
  local ctx = { diagnostics = {}, only = { 'source.fixAll.digest-lint' } }
  local range_params = vim.lsp.util.make_range_params(0, client.offset_encoding)
  range_params.context = ctx
  local r = client:request_sync('textDocument/codeAction', range_params, 15000, bufnr)
  return (r and r.result) or {}
end
local actions = fix_all_actions()
check(#actions == 1, 'one fix-all action is offered')
if actions[1] then
  vim.lsp.util.apply_workspace_edit(actions[1].edit, client.offset_encoding)
end
local buffer = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, true), '\n')
check(not buffer:find('%S   %S'), 'no run of spaces is left in the titles')
check(select(2, buffer:gsub('\n## ', '')) == 50, 'the 50 section headings are still there')
local settled = vim.wait(15000, function() return #by_code('DL401') == 0 end, 50)
check(settled, 'the diagnostics follow the fixed buffer')
check(#fix_all_actions() == 0, 'fix-all leaves no safe-fixable finding')

client:stop()
vim.wait(5000, function() return client:is_stopped() end, 50)
io.stdout:write(failures == 0 and 'neovim: all checks passed\n' or ('neovim: ' .. failures .. ' checks failed\n'))
os.exit(failures == 0 and 0 or 1)
