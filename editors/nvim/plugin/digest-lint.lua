-- Loaded at startup by Neovim (or by a plugin manager): registers the digest-lint
-- language server for Markdown with the default options. Call
-- require('digest-lint').setup({ ... }) to change them; set
-- vim.g.digest_lint_no_autosetup = true before this runs to register nothing until then.
if vim.g.loaded_digest_lint then
  return
end
vim.g.loaded_digest_lint = true
if vim.fn.has('nvim-0.8') == 0 then
  vim.notify('digest-lint needs Neovim 0.8 or newer', vim.log.levels.WARN)
  return
end
if not vim.g.digest_lint_no_autosetup then
  require('digest-lint').setup()
end
