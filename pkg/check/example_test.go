package check_test

import (
	"fmt"

	"github.com/cjm-dev/cjm/pkg/check"
)

func ExampleBytes() {
	src := []byte(`cjm: 1
title: Onboarding
channels:
  - {id: app, name: Web app}
stages:
  - id: signup
    name: Sign-up
    touchpoints:
      - {id: form, name: Sign-up form, channel: ap, emotoin: 1}
`)
	res := check.Bytes("onboarding.yaml", src, check.Options{})
	for _, d := range res.Diags {
		fmt.Println(d)
	}
	// Output:
	// onboarding.yaml:9:49: error: unknown channel `ap`; did you mean `app`? [unknown-channel]
	// onboarding.yaml:9:53: error: unknown key `emotoin` in a touchpoint; did you mean `emotion`? [unknown-key]
}
