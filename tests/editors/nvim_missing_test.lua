-- The Neovim plugin when `digest-lint` is not installed: one warning that says how to
-- install it (not silence), and :DigestLintFixAll names the missing program.
--
--   PATH=<without digest-lint> nvim --headless --clean --cmd 'set rtp^=editors/nvim' -l nvim_missing_test.lua POST
local post = arg[1]
local failures = 0
local function check(ok, what)
  io.stdout:write((ok and 'ok   ' or 'FAIL ') .. what .. '\n')
  if not ok then
    failures = failures + 1
  end
end

-- What vim.notify showed, as :messages has it.
local function messages()
  return vim.api.nvim_exec2('messages', { output = true }).output
end
local function count(text, pattern)
  local n = 0
  for _ in text:gmatch(pattern) do
    n = n + 1
  end
  return n
end

check(vim.fn.executable('digest-lint') == 0, 'digest-lint is not on PATH')
vim.cmd.edit(vim.fn.fnameescape(post))
vim.wait(500)
local shown = messages()
check(count(shown, '`digest%-lint` was not found') == 1, 'one warning that digest-lint was not found:\n' .. shown)
check(shown:find('pip install digest-lint', 1, true) ~= nil, 'the warning says how to install it')

-- A second Markdown buffer does not repeat it.
vim.cmd.edit(vim.fn.fnameescape(vim.fs.dirname(post) .. '/second.md'))
vim.wait(200)
check(count(messages(), '`digest%-lint` was not found') == 1, 'the warning is shown once')

vim.cmd('messages clear')
-- An error-level message: a headless Neovim raises it from the command.
local _, err = pcall(vim.cmd, 'DigestLintFixAll')
shown = messages() .. tostring(err)
check(shown:find('cannot fix: `digest-lint` was not found', 1, true) ~= nil, ':DigestLintFixAll names the missing program:\n' .. shown)

io.stdout:write(('neovim plugin without digest-lint: %s\n'):format(failures == 0 and 'all checks passed' or (failures .. ' checks failed')))
os.exit(failures == 0 and 0 or 1)
