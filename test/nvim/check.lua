-- Drives the Gateway TLS language server from Neovim's built-in LSP client (0.7+ API: vim.lsp.start_client and
-- vim.lsp.buf_attach_client), to prove a client other than VS Code works. Run by test/lsp/neovim.test.ts:
--
--   nvim --headless --clean -u NONE -c 'luafile test/nvim/check.lua'
--
-- Inputs (environment):
--   GATEWAY_TLS_SERVER   path of dist/server.js
--   GATEWAY_TLS_NODE     the node binary (default: node on PATH)
--   GATEWAY_TLS_ROOT     workspace root directory
--   GATEWAY_TLS_FILE     the YAML file to open
--   GATEWAY_TLS_EXPECT   comma-separated codes that must all appear
--   GATEWAY_TLS_FIX_LINE optional: a 1-based line to delete once the codes appeared ...
--   GATEWAY_TLS_FIXED    ... after which these comma-separated codes must all be gone
--   GATEWAY_TLS_RESULT   where to write the JSON result
--   GATEWAY_TLS_TIMEOUT  ms to wait for each step (default 10000)
-- Exit status: 0 when every expectation held, 1 otherwise, 2 on a script error.

local env = function(name, default)
  local value = os.getenv(name)
  if value == nil or value == '' then return default end
  return value
end

local function split(list)
  local out = {}
  for item in string.gmatch(list or '', '[^,]+') do table.insert(out, item) end
  return out
end

local result = { ok = false, nvim = tostring(vim.version().major) .. '.' .. tostring(vim.version().minor) .. '.' .. tostring(vim.version().patch), steps = {} }

local function code_of(d)
  if d.code ~= nil then return tostring(d.code) end
  local lsp = d.user_data and d.user_data.lsp
  if lsp and lsp.code ~= nil then return tostring(lsp.code) end
  return nil
end

local function snapshot(bufnr)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    table.insert(out, {
      code = code_of(d),
      message = d.message,
      severity = d.severity,
      source = d.source or lsp.source,
      lnum = d.lnum,
      col = d.col,
      end_lnum = d.end_lnum,
      end_col = d.end_col,
    })
  end
  return out
end

-- The set of diagnostic codes a buffer has right now.
local function codes_in(bufnr)
  local seen = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local c = code_of(d)
    if c then seen[c] = true end
  end
  return seen
end

local function has_all(bufnr, codes)
  local seen = codes_in(bufnr)
  for _, c in ipairs(codes) do
    if not seen[c] then return false end
  end
  return true
end

local function has_none(bufnr, codes)
  local seen = codes_in(bufnr)
  for _, c in ipairs(codes) do
    if seen[c] then return false end
  end
  return true
end

local function write_result()
  local path = env('GATEWAY_TLS_RESULT', nil)
  if not path then return end
  local file = io.open(path, 'w')
  if file then
    file:write(vim.fn.json_encode(result))
    file:close()
  end
end

local function run()
  local timeout = tonumber(env('GATEWAY_TLS_TIMEOUT', '10000'))
  local server = assert(env('GATEWAY_TLS_SERVER', nil), 'GATEWAY_TLS_SERVER is required')
  local root = assert(env('GATEWAY_TLS_ROOT', nil), 'GATEWAY_TLS_ROOT is required')
  local file = assert(env('GATEWAY_TLS_FILE', nil), 'GATEWAY_TLS_FILE is required')
  local expect = split(env('GATEWAY_TLS_EXPECT', ''))
  local fixed = split(env('GATEWAY_TLS_FIXED', ''))
  local fix_line = tonumber(env('GATEWAY_TLS_FIX_LINE', ''))
  result.api = {
    start_client = type(vim.lsp.start_client) == 'function',
    buf_attach_client = type(vim.lsp.buf_attach_client) == 'function',
    diagnostic_get = type(vim.diagnostic) == 'table' and type(vim.diagnostic.get) == 'function',
  }

  local config = {
    name = 'gateway-tls',
    cmd = { env('GATEWAY_TLS_NODE', 'node'), server, '--stdio' },
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = 'root' } },
    get_language_id = function() return 'yaml' end,
    settings = { gatewayTls = {} },
  }

  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.bo[bufnr].filetype = 'yaml'

  local client_id
  if type(vim.lsp.start_client) == 'function' then
    -- 0.7 – 0.10 (deprecated from 0.11 on, still present there)
    client_id = vim.lsp.start_client(config)
    if not client_id then error('vim.lsp.start_client returned nil') end
    if not vim.lsp.buf_attach_client(bufnr, client_id) then error('vim.lsp.buf_attach_client failed') end
    result.started_with = 'start_client'
  else
    -- 0.12+: vim.lsp.start creates the client and attaches the buffer
    client_id = vim.lsp.start(config, { bufnr = bufnr })
    if not client_id then error('vim.lsp.start returned nil') end
    result.started_with = 'start'
  end
  result.client_id = client_id

  local initialized = vim.wait(timeout, function()
    local client = vim.lsp.get_client_by_id(client_id)
    return client ~= nil and client.initialized == true
  end, 20)
  result.initialized = initialized
  local client = vim.lsp.get_client_by_id(client_id)
  if client and client.server_capabilities then
    result.server_capabilities = {
      hover = client.server_capabilities.hoverProvider and true or false,
      completion = client.server_capabilities.completionProvider ~= nil,
    }
  end

  local appeared = vim.wait(timeout, function() return has_all(bufnr, expect) end, 20)
  table.insert(result.steps, { step = 'open', expected = expect, ok = appeared, diagnostics = snapshot(bufnr) })
  local ok = initialized and appeared

  if ok and fix_line then
    -- An ordinary buffer edit: Neovim sends it as an incremental didChange.
    vim.api.nvim_buf_set_lines(bufnr, fix_line - 1, fix_line, false, {})
    local gone = vim.wait(timeout, function() return has_none(bufnr, fixed) end, 20)
    table.insert(result.steps, { step = 'fix', removed_line = fix_line, gone = fixed, ok = gone, diagnostics = snapshot(bufnr) })
    ok = ok and gone
  end

  vim.lsp.stop_client(client_id)
  vim.wait(2000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 20)
  result.stopped = vim.lsp.get_client_by_id(client_id) == nil
  result.ok = ok
  return ok
end

local success, outcome = pcall(run)
if not success then
  result.error = tostring(outcome)
  write_result()
  vim.cmd('cquit! 2')
elseif outcome then
  write_result()
  vim.cmd('qall!')
else
  write_result()
  vim.cmd('cquit! 1')
end
