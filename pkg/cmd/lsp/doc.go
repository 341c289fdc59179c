// Package lsp implements `cjm lsp`: it runs the language server of
// package lsp on standard input and output until the editor closes them
// or sends exit.
package lsp
