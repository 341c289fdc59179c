// Package templates holds the starting maps `cjm init` writes: a B2B funnel,
// an account-based marketing journey with a buying committee, and a SaaS
// onboarding journey, each in English and Russian. They are embedded in the
// binary, valid under `cjm validate --strict`, and commented so that a first
// reader learns the format from them.
package templates
