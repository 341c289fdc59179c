package palette

import "testing"

func TestTextOn(t *testing.T) {
	for _, fill := range append(Set, Pain, Delight, Neutral, Header, Band, "#FFFFFF", "#000000", "#FFFF00") {
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

func TestReadable(t *testing.T) {
	white := RGB{255, 255, 255}
	for _, c := range append(Set, "#FFFFFF", "#FFFF00") {
		r, _ := Parse(Readable(c))
		if Contrast(r, white) < 4.5 {
			t.Errorf("Readable(%s) = %s has contrast %.2f", c, r.Hex(), Contrast(r, white))
		}
	}
	if Readable("#332288") != "#332288" {
		t.Error("a dark colour was changed")
	}
}

// TestTextOnTints: the text and muted text colours stay readable (WCAG
// contrast ≥ 4.5) on every tint the views fill cells and cards with.
func TestTextOnTints(t *testing.T) {
	for _, bg := range []string{PainTint, DelightTint, OpportunityTint, Header} {
		b, _ := Parse(bg)
		for _, fg := range []string{Text, TextMuted} {
			f, _ := Parse(fg)
			if c := Contrast(f, b); c < 4.5 {
				t.Errorf("%s on %s: contrast %.2f, want ≥ 4.5", fg, bg, c)
			}
		}
	}
}
