package settings

import "strings"

// StaticFiles are the static files settings (Django's
// django.contrib.staticfiles), embedded in [Settings].
type StaticFiles struct {
	// StaticURL is STATIC_URL, the URL prefix of static files: a path
	// such as "/static/", served by the site itself, or an absolute URL
	// such as "https://cdn.example.com/static/", served elsewhere. It must
	// end with "/"; a path without a leading "/" gets one (Django 4's
	// "static/"). "" (Django's None) turns static files off. The default
	// is "/static/" (startproject's).
	StaticURL string
	// StaticRoot is STATIC_ROOT, the directory collectstatic writes to,
	// which the site serves with DEBUG off. "" (Django's None) means
	// collectstatic has nowhere to write and the site serves no static
	// files without DEBUG. The default is "".
	StaticRoot string
	// StaticFilesDirs is STATICFILES_DIRS, the project's directories of
	// static files, searched before the installed apps' static/
	// directories. Relative paths are relative to the working directory.
	// The default is empty.
	StaticFilesDirs []string
}

// staticFields are the settings of [StaticFiles].
var staticFields = []field{
	stringField("STATIC_URL", func(s *Settings) *string { return &s.StaticURL }),
	stringField("STATIC_ROOT", func(s *Settings) *string { return &s.StaticRoot }),
	listField("STATICFILES_DIRS", func(s *Settings) *[]string { return &s.StaticFilesDirs }),
}

func init() { fields = append(fields, staticFields...) }

// defaultStaticFiles returns the defaults of [StaticFiles].
func defaultStaticFiles() StaticFiles {
	return StaticFiles{StaticURL: "/static/", StaticFilesDirs: []string{}}
}

// checkStaticURL requires STATIC_URL to end with "/" (Django's "URL
// settings must end with a slash"), and gives a relative path its
// leading "/".
func (s *Settings) checkStaticURL() *Error {
	u := s.StaticURL
	if u == "" {
		return nil
	}
	if !strings.HasSuffix(u, "/") {
		return &Error{Setting: "STATIC_URL", Value: u, Allowed: `a URL path or URL ending with "/", such as /static/`}
	}
	if !strings.HasPrefix(u, "/") && !strings.Contains(u, "://") {
		s.StaticURL = "/" + u
	}
	return nil
}
