package urls

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
)

// route is a registered pattern split for reversing: literal text and
// parameters, in order.
type route struct {
	name, path string
	parts      []part
	params     []string // parameter names, for messages
}

// part is literal text, or a parameter when name is set.
type part struct {
	literal  string
	name     string
	re       *regexp.Regexp // the parameter's regexp, or nil
	wildcard bool           // chi's trailing "*"
}

// parseRoute splits a chi pattern into literal parts and {param}
// parameters ({name}, {name:regexp}, a trailing *).
func parseRoute(name, path string) (*route, error) {
	r := &route{name: name, path: path}
	for rest := path; rest != ""; {
		i := strings.IndexAny(rest, "{*")
		if i < 0 {
			r.parts = append(r.parts, part{literal: rest})
			break
		}
		if i > 0 {
			r.parts = append(r.parts, part{literal: rest[:i]})
		}
		if rest[i] == '*' {
			r.parts = append(r.parts, part{name: "*", wildcard: true})
			r.params = append(r.params, "*")
			rest = rest[i+1:]
			continue
		}
		end := closingBrace(rest[i:])
		if end < 0 {
			return nil, fmt.Errorf("urls: pattern %q: missing \"}\"", path)
		}
		p, err := parseParam(rest[i+1 : i+end])
		if err != nil {
			return nil, fmt.Errorf("urls: pattern %q: %w", path, err)
		}
		r.parts = append(r.parts, p)
		r.params = append(r.params, p.name)
		rest = rest[i+end+1:]
	}
	return r, nil
}

// closingBrace returns the index of the "}" closing the "{" at s[0], with
// nested braces (as in {id:[0-9]{4}}), or -1.
func closingBrace(s string) int {
	depth := 0
	for i, c := range s {
		switch c {
		case '{':
			depth++
		case '}':
			if depth--; depth == 0 {
				return i
			}
		}
	}
	return -1
}

func parseParam(s string) (part, error) {
	name, expr, hasRe := strings.Cut(s, ":")
	p := part{name: name}
	if hasRe {
		re, err := regexp.Compile("^(?:" + expr + ")$")
		if err != nil {
			return part{}, fmt.Errorf("param %q: %w", name, err)
		}
		p.re = re
	}
	return p, nil
}

// Reverse returns the path of the pattern called name, with args filling
// its parameters in order, each printed with fmt.Sprint and
// percent-escaped (Django's reverse with args). An unknown name, a wrong
// number of arguments, an empty value or one that does not match the
// parameter's regexp is an error wrapping [ErrNoReverseMatch].
func (rt *Router) Reverse(name string, args ...any) (string, error) {
	r, ok := rt.named[name]
	if !ok {
		return "", fmt.Errorf("urls: reverse %q: no pattern has this name: %w", name, ErrNoReverseMatch)
	}
	if len(args) != len(r.params) {
		return "", fmt.Errorf("urls: reverse %q (%s): got %d arguments, want %d (%s): %w",
			name, r.path, len(args), len(r.params), strings.Join(r.params, ", "), ErrNoReverseMatch)
	}
	var b strings.Builder
	i := 0
	for _, p := range r.parts {
		if p.name == "" {
			b.WriteString(p.literal)
			continue
		}
		v := fmt.Sprint(args[i])
		i++
		if err := p.check(v); err != nil {
			return "", fmt.Errorf("urls: reverse %q (%s): %w: %w", name, r.path, err, ErrNoReverseMatch)
		}
		b.WriteString(p.escape(v))
	}
	return b.String(), nil
}

// check validates a parameter's value.
func (p part) check(v string) error {
	switch {
	case v == "" && !p.wildcard:
		return fmt.Errorf("empty value for {%s}", p.name)
	case p.re != nil && !p.re.MatchString(v):
		return fmt.Errorf("value %q does not match {%s:%s}", v, p.name, strings.TrimSuffix(strings.TrimPrefix(p.re.String(), "^(?:"), ")$"))
	}
	return nil
}

// escape percent-escapes a value; a wildcard keeps its slashes.
func (p part) escape(v string) string {
	if !p.wildcard {
		return url.PathEscape(v)
	}
	segs := strings.Split(v, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}
