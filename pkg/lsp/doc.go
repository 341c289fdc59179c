// Package lsp is cjm's language server (LSP 3.17 over a byte stream,
// `cjm lsp` on stdio): diagnostics of every rule of `cjm validate` while
// the user types (package check on the unsaved buffer, with the project
// configuration and open buffers taking precedence over the disk for
// includes), completion of keys, enum values and the map's ids, hover,
// go to definition, references, rename, document symbols, quick fixes and
// formatting (package yamlfmt).
//
// The protocol's types come from go.lsp.dev/protocol and the framing and
// JSON-RPC from go.lsp.dev/jsonrpc2. Every request runs under recover: a
// malformed request or a broken file answers with an error and the server
// goes on. Only open buffers and their last analysis are kept in memory.
// Positions are converted between cjm's 1-based line and rune column and
// LSP's 0-based line and UTF-16 code units (text.go).
package lsp
