-- The digest-lint language server for Neovim 0.11's vim.lsp.config: with this folder
-- on 'runtimepath', `vim.lsp.enable('digest_lint')` is enough.
return {
  cmd = { 'digest-lint', 'lsp' },
  filetypes = { 'markdown' },
  root_markers = { 'digest-lint.toml', '.digest-lint.toml', '_config.yml', '.git' },
  -- Lint only the files the [files] globs of digest-lint.toml select as posts.
  init_options = { postsOnly = true },
}
