package udiff

import "testing"

func TestUnified(t *testing.T) {
	tests := []struct {
		name, a, b, want string
	}{
		{"equal", "a\nb\n", "a\nb\n", ""},
		{"one change", "a\nb\nc\n", "a\nB\nc\n", "--- x.orig\n+++ x\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n"},
		{"insert at start", "b\n", "a\nb\n", "--- x.orig\n+++ x\n@@ -1 +1,2 @@\n+a\n b\n"},
		{"from empty", "", "a\n", "--- x.orig\n+++ x\n@@ -0,0 +1 @@\n+a\n"},
		{"missing final newline", "a\nb", "a\nb\n", "--- x.orig\n+++ x\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n"},
		{"two hunks", "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n", "1\nX\n3\n4\n5\n6\n7\n8\n9\nY\n11\n",
			"--- x.orig\n+++ x\n@@ -1,5 +1,5 @@\n 1\n-2\n+X\n 3\n 4\n 5\n@@ -7,5 +7,5 @@\n 7\n 8\n 9\n-10\n+Y\n 11\n"},
		{"context of six merges", "1\n2\n3\n4\n5\n6\n7\n8\n9\n", "1\nX\n3\n4\n5\n6\n7\n8\nY\n",
			"--- x.orig\n+++ x\n@@ -1,9 +1,9 @@\n 1\n-2\n+X\n 3\n 4\n 5\n 6\n 7\n 8\n-9\n+Y\n"},
		{"close changes merge", "1\n2\n3\n4\n5\n", "X\n2\n3\n4\nY\n",
			"--- x.orig\n+++ x\n@@ -1,5 +1,5 @@\n-1\n+X\n 2\n 3\n 4\n-5\n+Y\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := string(Unified("x.orig", "x", []byte(tt.a), []byte(tt.b), 3))
			if got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}
