package config

import (
	"fmt"
	"strconv"
	"time"
)

// Today returns the day evidence ages are measured from when the
// environment pins it: SOURCE_DATE_EPOCH (seconds since 1970, the
// reproducible-builds convention), so that a CI run or a test gives the
// same findings on every day. The zero time means "the current day".
func Today(getenv func(string) string) (time.Time, error) {
	s := getenv("SOURCE_DATE_EPOCH")
	if s == "" {
		return time.Time{}, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q is not a number of seconds since 1970", s)
	}
	return time.Unix(n, 0).UTC(), nil
}
