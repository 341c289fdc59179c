package palette

import (
	"fmt"
	"testing"
	"time"
)

// CheckBounds reports the pairs of colours closer than the bounds.
func checkBounds(t *testing.T, name string, colors []string) {
	t.Helper()
	for i := range colors {
		for j := i + 1; j < len(colors); j++ {
			a, _ := Parse(colors[i])
			b, _ := Parse(colors[j])
			n, d := Distance(a, b)
			if n < MinDeltaE || d < MinDeltaEDeutan {
				t.Errorf("%s: %d %s and %d %s: ΔE00 %.1f, deuteranope %.1f (want ≥ %g, ≥ %g)",
					name, i, colors[i], j, colors[j], n, d, MinDeltaE, MinDeltaEDeutan)
			}
		}
	}
}

// The set keeps its promises: text contrast, visibility on white, and the
// distances among its first twelve (and to white, black and the neutral
// grey).
func TestSet(t *testing.T) {
	white, _ := Parse("#FFFFFF")
	for _, h := range Set {
		c, _ := Parse(h)
		tc, _ := Parse(TextOn(h))
		if r := Contrast(c, tc); r < 4.5 {
			t.Errorf("%s: text %s at contrast %.2f", h, TextOn(h), r)
		}
		if r := Contrast(c, white); r < 3 {
			t.Errorf("%s: contrast %.2f on white", h, r)
		}
	}
	for _, ref := range []string{"#FFFFFF", "#000000"} {
		for _, h := range Set[:12] {
			checkBounds(t, "set vs "+ref, []string{h, ref})
		}
	}
	checkBounds(t, "set", Set[:12])
}

// Up to twelve entries get colours that keep the bounds.
func TestAssignBounds(t *testing.T) {
	for n := 1; n <= 12; n++ {
		var es []Entry
		for i := 0; i < n; i++ {
			es = append(es, Entry{Kind: []string{"channel", "owner", "persona"}[i%3], ID: fmt.Sprintf("id-%d", i)})
		}
		checkBounds(t, fmt.Sprintf("%d entries", n), Assign(es))
	}
	// With explicit colours taken from the set, the others move on.
	for n := 2; n <= 12; n++ {
		var es []Entry
		for i := 0; i < n; i++ {
			e := Entry{Kind: []string{"channel", "owner", "persona"}[i%3], ID: fmt.Sprintf("id-%d", i)}
			if i%4 == 1 {
				e.Explicit = Set[(i*5)%12]
			}
			es = append(es, e)
		}
		checkBounds(t, fmt.Sprintf("%d entries, some explicit", n), Assign(es))
	}
}

// The same entries give the same colours; an explicit colour is kept and
// the others keep away from it; past the set, every entry still gets a
// colour.
func TestAssignExplicitAndDeterministic(t *testing.T) {
	es := []Entry{{"channel", "web", ""}, {"channel", "brand", "#ee6677"}, {"owner", "sales", ""}, {"persona", "cio", ""}}
	got := Assign(es)
	if got[1] != "#EE6677" {
		t.Errorf("explicit colour: %s", got[1])
	}
	checkBounds(t, "with an explicit colour", got)
	again := Assign(es)
	for i := range got {
		if got[i] != again[i] {
			t.Errorf("entry %d: %s then %s", i, got[i], again[i])
		}
	}
	var many []Entry
	for i := 0; i < 40; i++ {
		many = append(many, Entry{ID: fmt.Sprintf("x%d", i)})
	}
	for i, c := range Assign(many) {
		if _, ok := Parse(c); !ok {
			t.Errorf("entry %d: %q is not a colour", i, c)
		}
	}
}

// A map with thousands of channels is coloured at once (a search over
// every pair would take minutes), and an explicit colour is still kept.
func TestAssignMany(t *testing.T) {
	var es []Entry
	for i := 0; i < 5000; i++ {
		es = append(es, Entry{Kind: "channel", ID: fmt.Sprintf("c%d", i)})
	}
	es[7].Explicit = "#123456"
	start := time.Now()
	got := Assign(es)
	if d := time.Since(start); d > time.Second {
		t.Errorf("5,000 entries took %v", d)
	}
	if got[7] != "#123456" || got[0] != Set[0] || got[8] != Set[7] {
		t.Errorf("got %s, %s, %s", got[7], got[0], got[8])
	}
	// At MaxSearch entries the search still runs, quickly.
	start = time.Now()
	Assign(es[:MaxSearch])
	if d := time.Since(start); d > time.Second {
		t.Errorf("%d entries took %v", MaxSearch, d)
	}
}

// Past MaxDistinct entries the bounds hold within a kind and half of them
// across kinds: the ERP buying committee (stress/erp-committee: six
// channels, four owners, six personas) gave two personas #3C0000 and
// #96000F, ΔE 19.2 apart, when Set had eighteen colours: no candidate kept
// the bounds, and the best of the short ones was short within the kind.
func TestAssignPastTwelve(t *testing.T) {
	var es []Entry
	add := func(kind string, ids ...string) {
		for _, id := range ids {
			es = append(es, Entry{Kind: kind, ID: id})
		}
	}
	add("channel", "web", "events", "ae", "consultant", "email", "portal")
	add("owner", "marketing", "sales", "presales", "legal")
	add("persona", "ceo", "cfo", "cio", "ops", "procurement", "controller")
	got := Assign(es)
	byKind := map[string][]string{}
	for i, e := range es {
		byKind[e.Kind] = append(byKind[e.Kind], got[i])
	}
	for kind, cs := range byKind {
		checkBounds(t, "erp-committee "+kind+"s", cs)
	}
	// Across kinds, half the bounds.
	for i := range got {
		for j := i + 1; j < len(got); j++ {
			if es[i].Kind == es[j].Kind {
				continue
			}
			a, _ := Parse(got[i])
			b, _ := Parse(got[j])
			if n, d := Distance(a, b); n < MinDeltaE/2 || d < MinDeltaEDeutan/2 {
				t.Errorf("%s %s and %s %s: ΔE00 %.1f, deuteranope %.1f (want ≥ %g, ≥ %g across kinds)",
					es[i].ID, got[i], es[j].ID, got[j], n, d, MinDeltaE/2, MinDeltaEDeutan/2)
			}
		}
	}
	t.Log(got)
}

// The colours of Set past the eighteenth keep half the bounds from every
// colour before them (what Assign asks across kinds past MaxDistinct) and
// the full bounds from white and black.
func TestSetTail(t *testing.T) {
	for i := 18; i < len(Set); i++ {
		c, _ := Parse(Set[i])
		for j := 0; j < i; j++ {
			d, _ := Parse(Set[j])
			if n, dd := Distance(c, d); n < MinDeltaE/2 || dd < MinDeltaEDeutan/2 {
				t.Errorf("%s and %s: ΔE00 %.1f, deuteranope %.1f", Set[i], Set[j], n, dd)
			}
		}
		for _, ref := range []string{"#FFFFFF", "#000000"} {
			checkBounds(t, "tail vs "+ref, []string{Set[i], ref})
		}
	}
}
