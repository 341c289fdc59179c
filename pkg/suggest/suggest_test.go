package suggest

import "testing"

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"", "abc", 3},
		{"abc", "", 3},
		{"name", "name", 0},
		{"nmae", "name", 1},
		{"touchpoint", "touchpoints", 1},
		{"chanel", "channel", 1},
		{"kitten", "sitting", 3},
		{"осознание", "осозанние", 1},
	}
	for _, tt := range tests {
		t.Run(tt.a+"/"+tt.b, func(t *testing.T) {
			if got := Distance(tt.a, tt.b); got != tt.want {
				t.Errorf("Distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
			}
		})
	}
}

func TestClosest(t *testing.T) {
	keys := []string{"id", "name", "channel", "owner", "touchpoints", "moment_of_truth"}
	tests := []struct {
		name string
		want string
		ok   bool
	}{
		{"touchpoint", "touchpoints", true},
		{"Name", "name", true},
		{"chanel", "channel", true},
		{"momentoftruth", "moment_of_truth", true},
		{"xy", "", false},
		{"completely-different", "", false},
		{"id", "", false}, // an exact match is not a suggestion
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Closest(tt.name, keys)
			if got != tt.want || ok != tt.ok {
				t.Errorf("Closest(%q) = %q, %v; want %q, %v", tt.name, got, ok, tt.want, tt.ok)
			}
		})
	}
	if got := DidYouMean("touchpoint", keys); got != "; did you mean `touchpoints`?" {
		t.Errorf("DidYouMean = %q", got)
	}
	if got := DidYouMean("zzzzzzzz", keys); got != "" {
		t.Errorf("DidYouMean = %q, want empty", got)
	}
}
