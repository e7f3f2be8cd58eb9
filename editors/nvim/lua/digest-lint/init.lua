-- digest-lint for Neovim: starts `digest-lint lsp` for Markdown buffers and adds
-- :DigestLintFixAll, :DigestLintPapers and the "also in N posts" code lenses.
--
--   require('digest-lint').setup({ ... })   -- optional: plugin/digest-lint.lua calls it
--
-- Neovim 0.11+: the server is registered with vim.lsp.config / vim.lsp.enable under the
-- name `digest_lint` (so `vim.lsp.config('digest_lint', {...})` overrides work too).
-- Neovim 0.8–0.10: a FileType autocommand calls vim.lsp.start for each Markdown buffer.

local M = {}

--- The server's name, as :checkhealth vim.lsp and vim.lsp.get_clients() show it.
M.name = 'digest_lint'

--- The kind of the server's fix-all code action.
M.fix_all_kind = 'source.fixAll.digest-lint'

--- The defaults; setup() merges its options over them.
M.defaults = {
  -- The command that starts the server.
  cmd = { 'digest-lint', 'lsp' },
  -- The buffers it runs for.
  filetypes = { 'markdown' },
  -- Lint only posts: the files the [files] globs of digest-lint.toml select (by default
  -- Markdown files under _posts/), so a README is left alone. false: every buffer.
  posts_only = true,
  -- The project root: the nearest folder holding the first of these found, in order.
  root_markers = { 'digest-lint.toml', '.digest-lint.toml', '_config.yml', '.git' },
  -- Apply the safe fixes (:DigestLintFixAll) before each write.
  fix_on_save = false,
  -- How long :DigestLintFixAll waits for the server, in milliseconds.
  timeout_ms = 5000,
  -- Show "also in N posts" over paper headings that other posts cover (code lenses,
  -- refreshed on entering a buffer and leaving insert mode); running one lists the posts.
  code_lens = true,
}

--- The command of the server's code lenses: arguments `{ uri, position, locations }`.
M.show_references_command = 'digest-lint.showReferences'

--- The options in force (the defaults until setup() is called).
M.options = vim.deepcopy(M.defaults)

local group = vim.api.nvim_create_augroup('digest-lint', { clear = true })

--- True when this Neovim has vim.lsp.config and vim.lsp.enable (0.11+).
local function has_lsp_config()
  return vim.lsp.config ~= nil and vim.lsp.enable ~= nil
end

--- The root folder of a buffer: the folder of the first marker found walking up from
--- the buffer's folder (markers in order of priority); nil without a file name.
function M.root_dir(bufnr, markers)
  local name = vim.api.nvim_buf_get_name(bufnr)
  if name == '' then
    return nil
  end
  local dir = vim.fs.dirname(name)
  for _, marker in ipairs(markers or M.options.root_markers) do
    local found = vim.fs.find(marker, { upward = true, path = dir, limit = 1 })[1]
    if found then
      return vim.fs.dirname(found)
    end
  end
  return dir
end

--- The server configuration for vim.lsp.config (0.11+).
function M.config()
  local opts = M.options
  return {
    cmd = opts.cmd,
    filetypes = opts.filetypes,
    root_markers = opts.root_markers,
    init_options = { postsOnly = opts.posts_only },
  }
end

--- How to install the server, for the messages when it is missing.
M.install_hint = 'install it with `pip install digest-lint` (or pipx, or `uv tool install digest-lint`), '
  .. "or set its path: require('digest-lint').setup({ cmd = { '/path/to/digest-lint', 'lsp' } })"

--- The server program when it cannot be run (not on PATH, not executable); nil when it can.
function M.missing_program()
  local program = M.options.cmd[1]
  if vim.fn.executable(program) == 1 then
    return nil
  end
  return program
end

local warned_missing = false

--- Warns once per session that the server program is missing: without it, Neovim would
--- show nothing at all.
local function warn_missing(program)
  if warned_missing then
    return
  end
  warned_missing = true
  vim.notify(('digest-lint: `%s` was not found, so Markdown files are not checked; %s'):format(program, M.install_hint),
    vim.log.levels.WARN)
end

--- The digest-lint client attached to a buffer, if any.
function M.client(bufnr)
  local get = vim.lsp.get_clients or vim.lsp.get_active_clients
  return get({ bufnr = bufnr, name = M.name })[1]
end

local function request_sync(client, method, params, timeout, bufnr)
  if vim.fn.has('nvim-0.11') == 1 then
    return client:request_sync(method, params, timeout, bufnr)
  end
  return client.request_sync(method, params, timeout, bufnr)
end

--- Applies the server's fix-all action (every safe fix, as `digest-lint check --fix`)
--- to a buffer. Returns true when something was changed.
function M.fix_all(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local client = M.client(bufnr)
  if not client then
    local program = M.missing_program()
    if program then
      vim.notify(('digest-lint: cannot fix: `%s` was not found; %s'):format(program, M.install_hint), vim.log.levels.ERROR)
    else
      vim.notify('digest-lint: the server is not attached to this buffer', vim.log.levels.WARN)
    end
    return false
  end
  local last = math.max(vim.api.nvim_buf_line_count(bufnr), 1)
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = { start = { line = 0, character = 0 }, ['end'] = { line = last, character = 0 } },
    context = { diagnostics = {}, only = { M.fix_all_kind }, triggerKind = 1 },
  }
  local response, err = request_sync(client, 'textDocument/codeAction', params, M.options.timeout_ms, bufnr)
  if not response or response.err then
    vim.notify('digest-lint: fix all failed: ' .. vim.inspect(err or (response and response.err)), vim.log.levels.ERROR)
    return false
  end
  for _, action in ipairs(response.result or {}) do
    if action.kind == M.fix_all_kind and action.edit then
      vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
      return true
    end
  end
  return false
end

--- Runs the code lens command: puts the cursor on the paper heading and lists the posts
--- covering the paper with vim.lsp.buf.references().
function M.show_references(command)
  local uri, position = unpack(command.arguments or {})
  if not uri or not position then
    return
  end
  local win = vim.fn.bufwinid(vim.uri_to_bufnr(uri))
  if win == -1 then
    return
  end
  vim.api.nvim_set_current_win(win)
  -- The lens starts at the heading's start (`#` or indentation): the column in any
  -- encoding is the byte column.
  vim.api.nvim_win_set_cursor(win, { position.line + 1, position.character })
  vim.lsp.buf.references()
end

--- Lists the papers of the workspace (every post's papers, from the server's index)
--- whose title has the words of `query`, or whose arXiv identifier contains it, in the
--- quickfix list.
function M.papers(query)
  local bufnr = vim.api.nvim_get_current_buf()
  -- Any digest-lint client will do (the quickfix window has none of its own).
  local client = M.client(bufnr) or (vim.lsp.get_clients or vim.lsp.get_active_clients)({ name = M.name })[1]
  if not client then
    vim.notify('digest-lint: the server is not running', vim.log.levels.WARN)
    return
  end
  local response = request_sync(client, 'workspace/symbol', { query = query or '' }, M.options.timeout_ms, bufnr)
  local symbols = response and response.result or {}
  local items = vim.lsp.util.symbols_to_items(symbols, bufnr, client.offset_encoding)
  vim.fn.setqflist({}, ' ', { title = 'digest-lint papers: ' .. (query or ''), items = items })
  vim.cmd('botright copen')
end

local function start_legacy(bufnr)
  local opts = M.options
  vim.lsp.start({
    name = M.name,
    cmd = opts.cmd,
    root_dir = M.root_dir(bufnr, opts.root_markers),
    init_options = { postsOnly = opts.posts_only },
  }, { bufnr = bufnr })
end

--- Registers the server and the commands. Safe to call again (new options replace the
--- old ones).
function M.setup(opts)
  M.options = vim.tbl_deep_extend('force', vim.deepcopy(M.defaults), opts or {})
  -- Lists replace the defaults instead of being merged with them.
  for _, key in ipairs({ 'cmd', 'filetypes', 'root_markers' }) do
    if opts and opts[key] then
      M.options[key] = opts[key]
    end
  end
  vim.api.nvim_clear_autocmds({ group = group })
  warned_missing = false

  -- Without the program nothing would start and nothing would be shown: say so once,
  -- on the first buffer it would have checked.
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = M.options.filetypes,
    callback = function()
      local program = M.missing_program()
      if program then
        warn_missing(program)
      end
    end,
  })

  if has_lsp_config() then
    vim.lsp.config(M.name, M.config())
    vim.lsp.enable(M.name)
  else
    vim.api.nvim_create_autocmd('FileType', {
      group = group,
      pattern = M.options.filetypes,
      callback = function(args)
        if not M.missing_program() then
          start_legacy(args.buf)
        end
      end,
    })
    -- Buffers opened before setup().
    for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
      if vim.api.nvim_buf_is_loaded(bufnr) and vim.tbl_contains(M.options.filetypes, vim.bo[bufnr].filetype) then
        start_legacy(bufnr)
      end
    end
  end

  if M.options.fix_on_save then
    vim.api.nvim_create_autocmd('BufWritePre', {
      group = group,
      callback = function(args)
        if M.client(args.buf) then
          M.fix_all(args.buf)
        end
      end,
    })
  end

  vim.api.nvim_create_user_command('DigestLintFixAll', function()
    M.fix_all(0)
  end, { desc = 'Apply every safe digest-lint fix to this buffer' })

  vim.lsp.commands[M.show_references_command] = M.show_references
  vim.api.nvim_create_user_command('DigestLintPapers', function(args)
    M.papers(args.args)
  end, { nargs = '?', desc = 'List the papers of every post (title words or an arXiv identifier)' })

  if M.options.code_lens and vim.lsp.codelens then
    vim.api.nvim_create_autocmd('LspAttach', {
      group = group,
      callback = function(args)
        local client = vim.lsp.get_client_by_id(args.data.client_id)
        if not client or client.name ~= M.name then
          return
        end
        local function refresh()
          vim.lsp.codelens.refresh({ bufnr = args.buf })
        end
        refresh()
        vim.api.nvim_create_autocmd({ 'BufEnter', 'InsertLeave' }, {
          group = group,
          buffer = args.buf,
          callback = refresh,
        })
      end,
    })
  end
end

return M
