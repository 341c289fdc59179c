-- Attach `cjm lsp` to a map in headless Neovim (0.7 or later), wait for
-- its diagnostics, print them and a completion list, and quit.
-- Environment: CJM_LSP_CMD (the cjm binary), CJM_MAP (the map), CJM_LINE
-- and CJM_CHAR (0-based line and UTF-16 character to complete at).
local out = io.stdout
local function fail(msg)
  out:write("FAIL " .. msg .. "\n")
  vim.cmd("cquit 1")
end

local map = os.getenv("CJM_MAP")
vim.cmd("edit " .. vim.fn.fnameescape(map))
local buf = vim.api.nvim_get_current_buf()
local id = vim.lsp.start_client({
  name = "cjm",
  cmd = { os.getenv("CJM_LSP_CMD"), "lsp", "--stdio" },
  root_dir = vim.fn.fnamemodify(map, ":p:h"),
})
if not id then
  fail("start_client")
end
vim.lsp.buf_attach_client(buf, id)

if not vim.wait(20000, function() return #vim.diagnostic.get(buf) > 0 end, 50) then
  fail("no diagnostics")
end
for _, d in ipairs(vim.diagnostic.get(buf)) do
  out:write(string.format("diagnostic %d:%d %s\n", d.lnum, d.col, d.message))
end

local client = vim.lsp.get_client_by_id(id)
local params = {
  textDocument = { uri = vim.uri_from_bufnr(buf) },
  position = { line = tonumber(os.getenv("CJM_LINE")), character = tonumber(os.getenv("CJM_CHAR")) },
}
-- Neovim 0.11 made the client's functions methods.
local new = vim.fn.has("nvim-0.11") == 1
local res
if new then
  res = client:request_sync("textDocument/completion", params, 10000, buf)
else
  res = client.request_sync("textDocument/completion", params, 10000, buf)
end
if not res or res.err or not res.result then
  fail("completion: " .. vim.inspect(res))
end
local items = res.result.items or res.result
for _, it in ipairs(items) do
  out:write(string.format("completion %s %s\n", it.label, it.detail or ""))
end
-- Go to definition and rename of the id at CJM_DEF_LINE:CJM_DEF_CHAR.
local function request(method, p)
  if new then
    return client:request_sync(method, p, 10000, buf)
  end
  return client.request_sync(method, p, 10000, buf)
end
local at = {
  textDocument = { uri = vim.uri_from_bufnr(buf) },
  position = { line = tonumber(os.getenv("CJM_DEF_LINE")), character = tonumber(os.getenv("CJM_DEF_CHAR")) },
}
local def = request("textDocument/definition", at)
if not def or def.err or not def.result then
  fail("definition: " .. vim.inspect(def))
end
for _, loc in ipairs(def.result) do
  out:write(string.format("definition %d:%d\n", loc.range.start.line, loc.range.start.character))
end
at.newName = "mail"
local ren = request("textDocument/rename", at)
if not ren or ren.err or not ren.result then
  fail("rename: " .. vim.inspect(ren))
end
for _, edits in pairs(ren.result.changes or {}) do
  for _, e in ipairs(edits) do
    out:write(string.format("rename %d:%d %s\n", e.range.start.line, e.range.start.character, e.newText))
  end
end

if new then
  client:stop()
  vim.wait(5000, function() return client:is_stopped() end, 50)
else
  client.stop()
  vim.wait(5000, function() return client.is_stopped() end, 50)
end
out:write("done\n")
vim.cmd("qa!")
