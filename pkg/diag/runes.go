package diag

// IsControl reports whether r is a control character that no text of a
// journey file may hold and no output may show: the C0 controls other than
// tab and newline, DEL and the C1 controls (U+0080–U+009F).
func IsControl(r rune) bool {
	return r < 0x20 && r != '\t' && r != '\n' || r >= 0x7f && r <= 0x9f
}

// IsBidiControl reports whether r is a bidirectional embedding, override
// or isolate (U+202A–U+202E, U+2066–U+2069), which make text display in
// another order than it is stored ("Trojan Source").
func IsBidiControl(r rune) bool {
	return r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
}
