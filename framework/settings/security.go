package settings

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// Security holds the settings of Django's SecurityMiddleware and
// XFrameOptionsMiddleware (SECURE_* and X_FRAME_OPTIONS), with Django's
// names and defaults. It is embedded in [Settings].
type Security struct {
	// SecureContentTypeNosniff is SECURE_CONTENT_TYPE_NOSNIFF: send
	// "X-Content-Type-Options: nosniff". The default is true.
	SecureContentTypeNosniff bool
	// SecureReferrerPolicy is SECURE_REFERRER_POLICY, the Referrer-Policy
	// header: one policy or several separated by "," (a YAML list is
	// joined so); "" sends none. The default is "same-origin".
	SecureReferrerPolicy string
	// SecureCrossOriginOpenerPolicy is SECURE_CROSS_ORIGIN_OPENER_POLICY
	// (Django 4.0), the Cross-Origin-Opener-Policy header: "same-origin",
	// "same-origin-allow-popups" or "unsafe-none"; "" sends none. The
	// default is "same-origin".
	SecureCrossOriginOpenerPolicy string
	// SecureHSTSSeconds is SECURE_HSTS_SECONDS, the max-age of the
	// Strict-Transport-Security header sent on HTTPS responses; 0 sends
	// none. The default is 0.
	SecureHSTSSeconds int
	// SecureHSTSIncludeSubdomains is SECURE_HSTS_INCLUDE_SUBDOMAINS. The
	// default is false.
	SecureHSTSIncludeSubdomains bool
	// SecureHSTSPreload is SECURE_HSTS_PRELOAD. The default is false.
	SecureHSTSPreload bool
	// SecureSSLRedirect is SECURE_SSL_REDIRECT: redirect every HTTP request
	// to HTTPS with 301. The default is false.
	SecureSSLRedirect bool
	// SecureSSLHost is SECURE_SSL_HOST, the host of those redirects; ""
	// (Django's None) keeps the request's host. The default is "".
	SecureSSLHost string
	// SecureRedirectExempt is SECURE_REDIRECT_EXEMPT: regular expressions
	// (Go's RE2 syntax) of paths, without their leading "/", that are not
	// redirected to HTTPS. The default is empty.
	SecureRedirectExempt []string
	// SecureProxySSLHeader is SECURE_PROXY_SSL_HEADER: the header, as
	// request.META names it, and the value that mark a request a proxy
	// received over HTTPS, such as [HTTP_X_FORWARDED_PROTO, https]. Empty,
	// the default (Django's None), trusts no header.
	SecureProxySSLHeader []string
	// XFrameOptions is X_FRAME_OPTIONS, the X-Frame-Options header: "DENY"
	// or "SAMEORIGIN" (any case, stored in upper case). The default is
	// "DENY".
	XFrameOptions string
}

// referrerPolicies are the values Django accepts in SECURE_REFERRER_POLICY.
var referrerPolicies = []string{
	"no-referrer", "no-referrer-when-downgrade", "origin", "origin-when-cross-origin",
	"same-origin", "strict-origin", "strict-origin-when-cross-origin", "unsafe-url",
}

// openerPolicies are the values of SECURE_CROSS_ORIGIN_OPENER_POLICY.
var openerPolicies = []string{"same-origin", "same-origin-allow-popups", "unsafe-none"}

func defaultSecurity() Security {
	return Security{
		SecureContentTypeNosniff:      true,
		SecureReferrerPolicy:          "same-origin",
		SecureCrossOriginOpenerPolicy: "same-origin",
		SecureRedirectExempt:          []string{},
		SecureProxySSLHeader:          []string{},
		XFrameOptions:                 "DENY",
	}
}

func init() {
	fields = append(fields,
		boolField("SECURE_CONTENT_TYPE_NOSNIFF", func(s *Settings) *bool { return &s.SecureContentTypeNosniff }),
		field{name: "SECURE_REFERRER_POLICY", set: func(s *Settings, v any) error {
			l, err := asList("SECURE_REFERRER_POLICY", v)
			s.SecureReferrerPolicy = strings.Join(l, ",")
			return err
		}},
		stringField("SECURE_CROSS_ORIGIN_OPENER_POLICY", func(s *Settings) *string { return &s.SecureCrossOriginOpenerPolicy }),
		intField("SECURE_HSTS_SECONDS", allowedAge, func(s *Settings) *int { return &s.SecureHSTSSeconds }),
		boolField("SECURE_HSTS_INCLUDE_SUBDOMAINS", func(s *Settings) *bool { return &s.SecureHSTSIncludeSubdomains }),
		boolField("SECURE_HSTS_PRELOAD", func(s *Settings) *bool { return &s.SecureHSTSPreload }),
		boolField("SECURE_SSL_REDIRECT", func(s *Settings) *bool { return &s.SecureSSLRedirect }),
		stringField("SECURE_SSL_HOST", func(s *Settings) *string { return &s.SecureSSLHost }),
		listField("SECURE_REDIRECT_EXEMPT", func(s *Settings) *[]string { return &s.SecureRedirectExempt }),
		listField("SECURE_PROXY_SSL_HEADER", func(s *Settings) *[]string { return &s.SecureProxySSLHeader }),
		stringField("X_FRAME_OPTIONS", func(s *Settings) *string { return &s.XFrameOptions }),
	)
}

// checkSecurity validates the security settings and upper-cases
// X_FRAME_OPTIONS.
func (s *Settings) checkSecurity() *Error {
	for _, p := range strings.Split(s.SecureReferrerPolicy, ",") {
		if p = strings.TrimSpace(p); s.SecureReferrerPolicy != "" && !slices.Contains(referrerPolicies, p) {
			return badValue("SECURE_REFERRER_POLICY", s.SecureReferrerPolicy,
				"one or more of "+strings.Join(referrerPolicies, ", ")+", or null")
		}
	}
	if p := s.SecureCrossOriginOpenerPolicy; p != "" && !slices.Contains(openerPolicies, p) {
		return badValue("SECURE_CROSS_ORIGIN_OPENER_POLICY", p, strings.Join(openerPolicies, ", ")+" or null")
	}
	if s.SecureHSTSSeconds < 0 {
		return badValue("SECURE_HSTS_SECONDS", s.SecureHSTSSeconds, allowedAge)
	}
	for _, re := range s.SecureRedirectExempt {
		if _, err := regexp.Compile(re); err != nil {
			return badValue("SECURE_REDIRECT_EXEMPT", re, fmt.Sprintf("a list of regular expressions (Go's RE2 syntax; %v)", err))
		}
	}
	if h := s.SecureProxySSLHeader; len(h) != 0 && (len(h) != 2 || !validMetaHeader(h[0]) || h[1] == "") {
		return badValue("SECURE_PROXY_SSL_HEADER", "["+strings.Join(h, ", ")+"]",
			"null or a header and its value, such as [HTTP_X_FORWARDED_PROTO, https]")
	}
	s.XFrameOptions = strings.ToUpper(s.XFrameOptions)
	if s.XFrameOptions != "DENY" && s.XFrameOptions != "SAMEORIGIN" {
		return badValue("X_FRAME_OPTIONS", s.XFrameOptions, "DENY or SAMEORIGIN")
	}
	return nil
}
