package i18n

import "testing"

func TestNumber(t *testing.T) {
	tests := []struct {
		lang string
		v    float64
		want string
	}{
		{"en", 0, "0"},
		{"en", 7, "7"},
		{"en", 999, "999"},
		{"en", 1000, "1,000"},
		{"en", 12000, "12,000"},
		{"en", 12000.5, "12,000.5"},
		{"en", 1234567.891, "1,234,567.89"},
		{"en", 2.1, "2.1"},
		{"en", 2.10, "2.1"},
		{"en", 0.005, "0.01"},
		{"en", -0.5, "−0.5"},
		{"en", -12000, "−12,000"},
		{"en", -0.001, "0"},
		{"en", 1e15, "1,000,000,000,000,000"},
		{"ru", 0, "0"},
		{"ru", 1000, "1000"},
		{"ru", 9999, "9999"},
		{"ru", 12000, "12\u00a0000"},
		{"ru", 12000.5, "12\u00a0000,5"},
		{"ru", 1234567.891, "1\u00a0234\u00a0567,89"},
		{"ru", 2.1, "2,1"},
		{"ru", -0.5, "−0,5"},
		{"ru", -12000, "−12\u00a0000"},
		{"de", 12000.5, "12,000.5"}, // an unknown language is written as English
		{"", 2.5, "2.5"},
	}
	for _, tt := range tests {
		if got := Number(tt.lang, tt.v); got != tt.want {
			t.Errorf("Number(%q, %v) = %q, want %q", tt.lang, tt.v, got, tt.want)
		}
	}
}

func TestQuantityAndSigned(t *testing.T) {
	tests := []struct {
		lang, unit string
		v          float64
		want       string
	}{
		{"en", "%", 2.1, "2.1%"},
		{"ru", "%", 2.1, "2,1\u00a0%"},
		{"en", "%", -3, "−3%"},
		{"en", "visits/mo", 12000, "12,000 visits/mo"},
		{"ru", "дн.", 95, "95 дн."},
		{"ru", "₽", 1500000, "1\u00a0500\u00a0000 ₽"},
		{"en", "", 4.5, "4.5"},
	}
	for _, tt := range tests {
		if got := Quantity(tt.lang, tt.v, tt.unit); got != tt.want {
			t.Errorf("Quantity(%q, %v, %q) = %q, want %q", tt.lang, tt.v, tt.unit, got, tt.want)
		}
	}
	for _, tt := range []struct {
		lang string
		v    float64
		want string
	}{{"en", 1, "+1"}, {"en", -0.5, "−0.5"}, {"ru", 0.5, "+0,5"}, {"ru", 0, "0"}, {"en", -0.001, "0"}} {
		if got := Signed(tt.lang, tt.v); got != tt.want {
			t.Errorf("Signed(%q, %v) = %q, want %q", tt.lang, tt.v, got, tt.want)
		}
	}
	for _, tt := range []struct {
		lang, unit string
		v          float64
		want       string
	}{{"en", "%", 0.4, "+0.4%"}, {"ru", "%", -0.4, "−0,4\u00a0%"}, {"en", "visits/mo", 120, "+120 visits/mo"}, {"en", "%", -0.001, "0%"}} {
		if got := SignedQuantity(tt.lang, tt.v, tt.unit); got != tt.want {
			t.Errorf("SignedQuantity(%q, %v, %q) = %q, want %q", tt.lang, tt.v, tt.unit, got, tt.want)
		}
	}
}
