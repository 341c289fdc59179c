package palette

import (
	"fmt"
	"testing"
)

func TestStable(t *testing.T) {
	tests := []struct {
		name, id, explicit, want string
	}{
		{"explicit wins", "web", "#ff0000", "#FF0000"},
		{"short explicit", "web", "#f00", "#FF0000"},
		{"bad explicit falls back to hash", "web", "red", Stable("web", "")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Stable(tt.id, tt.explicit); got != tt.want {
				t.Errorf("Stable(%q, %q) = %q, want %q", tt.id, tt.explicit, got, tt.want)
			}
		})
	}
}

// The colour depends on the id alone: the same id gets the same colour
// whatever else the map declares, and in every run.
func TestStableIsAHashOfTheID(t *testing.T) {
	a := Stable("email", "")
	for i := 0; i < 10; i++ {
		if Stable("email", "") != a {
			t.Fatal("colour changed between calls")
		}
	}
	seen := map[string]bool{}
	for _, id := range []string{"web", "email", "phone", "sales", "chat", "social", "search", "events", "partner"} {
		seen[Stable(id, "")] = true
	}
	if len(seen) < 4 {
		t.Errorf("nine ids got only %d colours", len(seen))
	}
}

func TestTextOn(t *testing.T) {
	for _, fill := range append(Categorical, Pain, Delight, Neutral, Header, Band, "#FFFFFF", "#000000", "#FFFF00") {
		t.Run(fill, func(t *testing.T) {
			text := TextOn(fill)
			c, _ := Parse(fill)
			tc, _ := Parse(text)
			if r := Contrast(c, tc); r < 4.5 {
				// Mid tones cannot reach 4.5 with both; require the better one ≥ 3.
				if r < 3 {
					t.Errorf("contrast of %s on %s is %.2f", text, fill, r)
				}
			}
		})
	}
}

func TestEmotion(t *testing.T) {
	if Emotion(-1) != Pain || Emotion(0) != Neutral || Emotion(2) != Delight {
		t.Error("emotion colours")
	}
}

func TestTintAndDarken(t *testing.T) {
	if got := Tint("#000000", 1); got != "#FFFFFF" {
		t.Errorf("Tint = %s", got)
	}
	if got := Darken("#FFFFFF", 0.5); got != "#808080" {
		t.Errorf("Darken = %s", got)
	}
	if got := Tint("nope", 0.5); got != "nope" {
		t.Errorf("Tint of bad colour = %s", got)
	}
}

func TestParse(t *testing.T) {
	for _, s := range []string{"", "#", "#12", "#12345", "#gggggg", "123456", "#1234567"} {
		if _, ok := Parse(s); ok {
			t.Errorf("Parse(%q) ok", s)
		}
	}
}

// The colour of an id is part of the contract: a change here recolours
// every map that relies on it. Update docs/views.md when it must change.
func TestStableContract(t *testing.T) {
	got := map[string]string{}
	for _, id := range []string{"web", "email", "sales", "marketing"} {
		got[id] = Stable(id, "")
	}
	// Recomputed independently: FNV-1a 32 of the id, modulo the set size.
	for id := range got {
		h := uint32(2166136261)
		for _, c := range []byte(id) {
			h ^= uint32(c)
			h *= 16777619
		}
		if w := Categorical[h%uint32(len(Categorical))]; got[id] != w {
			t.Errorf("Stable(%q) = %s, want %s", id, got[id], w)
		}
	}
	if len(Categorical) != 14 {
		t.Errorf("the set has %d colours; changing it recolours every map", len(Categorical))
	}
}

func TestReadable(t *testing.T) {
	white := RGB{255, 255, 255}
	for _, c := range append(Categorical, "#FFFFFF", "#FFFF00") {
		r, _ := Parse(Readable(c))
		if Contrast(r, white) < 4.5 {
			t.Errorf("Readable(%s) = %s has contrast %.2f", c, r.Hex(), Contrast(r, white))
		}
	}
	if Readable("#332288") != "#332288" {
		t.Error("a dark colour was changed")
	}
}

func TestAssignDistinct(t *testing.T) {
	ids := []string{"social", "search", "web", "events", "phone", "meeting", "email", "chat"}
	got := Assign(ids, nil)
	seen := map[string]string{}
	for i, c := range got {
		if prev, dup := seen[c]; dup {
			t.Errorf("%s and %s share %s", prev, ids[i], c)
		}
		seen[c] = ids[i]
	}
	// Same input, same colours; the order of the list does not matter.
	rev := []string{"chat", "email", "meeting", "phone", "events", "web", "search", "social"}
	back := Assign(rev, nil)
	for i, id := range rev {
		if back[i] != got[len(ids)-1-i] {
			t.Errorf("%s: %s in reversed order, %s in source order", id, back[i], got[len(ids)-1-i])
		}
	}
}

func TestAssignExplicitAndStable(t *testing.T) {
	// An id alone gets its hash colour, as Stable gives it.
	if got := Assign([]string{"web"}, nil)[0]; got != Stable("web", "") {
		t.Errorf("lone id: %s, want %s", got, Stable("web", ""))
	}
	// An explicit colour wins and reserves its slot.
	taken := Stable("web", "")
	got := Assign([]string{"a-brand", "web"}, []string{taken, ""})
	if got[0] != taken {
		t.Errorf("explicit colour: %s, want %s", got[0], taken)
	}
	if got[1] == taken {
		t.Errorf("web took the explicit colour %s of another id", taken)
	}
	// More ids than colours: every id still gets a palette colour.
	var many []string
	for i := 0; i < len(Categorical)+5; i++ {
		many = append(many, fmt.Sprintf("ch-%02d", i))
	}
	for i, c := range Assign(many, nil) {
		if _, ok := Parse(c); !ok {
			t.Errorf("%s: %q is not a colour", many[i], c)
		}
	}
}
