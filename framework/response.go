package framework

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

// Response is what a [View] returns: Django's HttpResponse. A Response is
// also an http.Handler that writes itself.
type Response struct {
	// Status is the HTTP status code; zero means 200.
	Status int

	// Header holds the response headers; it may be nil.
	Header http.Header

	// Body is the response body. It is not written for HEAD requests.
	Body []byte

	err error // a server error behind the response, for logging
}

// Content types of the response helpers.
const (
	ContentTypeText = "text/plain; charset=utf-8"
	ContentTypeHTML = "text/html; charset=utf-8"
	ContentTypeJSON = "application/json"
)

func newResponse(status int, contentType string, body []byte) *Response {
	return &Response{
		Status: status,
		Header: http.Header{"Content-Type": {contentType}},
		Body:   body,
	}
}

// Text returns a 200 response with body as text/plain; charset=utf-8.
func Text(body string) *Response {
	return newResponse(http.StatusOK, ContentTypeText, []byte(body))
}

// HTML returns a 200 response with body as text/html; charset=utf-8
// (Django's HttpResponse). body is written as is: escape what is not
// trusted HTML, or use [Render].
func HTML(body string) *Response {
	return newResponse(http.StatusOK, ContentTypeHTML, []byte(body))
}

// JSON returns a 200 response with v encoded by encoding/json, as
// application/json (Django's JsonResponse). If v cannot be encoded, the
// response is a plain 500 page and the error is logged when a [View]
// writes it.
func JSON(v any) *Response {
	b, err := json.Marshal(v)
	if err != nil {
		r := newResponse(http.StatusInternalServerError, ContentTypeHTML, []byte(ErrorPageHTML(http.StatusInternalServerError)))
		r.err = fmt.Errorf("framework: JSON response: %w", err)
		return r
	}
	return newResponse(http.StatusOK, ContentTypeJSON, b)
}

// Redirect returns a 302 response to location (Django's
// HttpResponseRedirect). Characters not allowed in a URL are
// percent-encoded (Django's iri_to_uri). A location with a scheme other
// than http, https or ftp is refused with a 400 response, as Django
// refuses it with DisallowedRedirect.
func Redirect(location string) *Response {
	return redirect(http.StatusFound, location)
}

// PermanentRedirect returns a 301 response to location (Django's
// HttpResponsePermanentRedirect), with the rules of [Redirect].
func PermanentRedirect(location string) *Response {
	return redirect(http.StatusMovedPermanently, location)
}

func redirect(status int, location string) *Response {
	if scheme := urlScheme(location); scheme != "" && scheme != "http" && scheme != "https" && scheme != "ftp" {
		r := newResponse(http.StatusBadRequest, ContentTypeHTML, []byte(ErrorPageHTML(http.StatusBadRequest)))
		r.err = fmt.Errorf("framework: unsafe redirect to URL with protocol %q", scheme)
		return r
	}
	return &Response{
		Status: status,
		Header: http.Header{"Location": {iriToURI(location)}, "Content-Type": {ContentTypeHTML}},
	}
}

// urlScheme returns the lower-cased scheme of s as Python's urlparse finds
// it (tabs and newlines removed), or "".
func urlScheme(s string) string {
	s = strings.NewReplacer("\t", "", "\r", "", "\n", "").Replace(s)
	scheme, _, ok := strings.Cut(s, ":")
	if !ok || scheme == "" || !('a' <= scheme[0]|0x20 && scheme[0]|0x20 <= 'z') {
		return ""
	}
	for i := 0; i < len(scheme); i++ {
		if c := scheme[i]; !isAlnum(c) && c != '+' && c != '-' && c != '.' {
			return ""
		}
	}
	return strings.ToLower(scheme)
}

// iriToURI is Django's iri_to_uri: it percent-encodes every byte except
// ASCII letters, digits and the characters "-._~/#%[]=:;$&()+,!?*@'".
func iriToURI(s string) string {
	const safe = "-._~/#%[]=:;$&()+,!?*@'"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x80 && (isAlnum(c) || strings.IndexByte(safe, c) >= 0) {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

func (r *Response) header() http.Header {
	if r.Header == nil {
		r.Header = http.Header{}
	}
	return r.Header
}

// ServeHTTP writes r to w: its headers (Set-Cookie added to any already
// set, the others replacing them), Content-Length, the status and, except
// for HEAD requests, the body.
func (r *Response) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	h := w.Header()
	for k, vs := range r.Header {
		if k == "Set-Cookie" {
			h[k] = append(h[k], vs...)
		} else {
			h[k] = append([]string(nil), vs...)
		}
	}
	status := r.Status
	if status == 0 {
		status = http.StatusOK
	}
	if bodyAllowed(status) && h.Get("Content-Length") == "" {
		h.Set("Content-Length", strconv.Itoa(len(r.Body)))
	}
	w.WriteHeader(status)
	if bodyAllowed(status) && req.Method != http.MethodHead && len(r.Body) > 0 {
		w.Write(r.Body) //nolint:errcheck // the client went away; nothing to do
	}
}

func bodyAllowed(status int) bool {
	return status >= 200 && status != http.StatusNoContent && status != http.StatusNotModified
}

// PatchVary adds each of fields to the Vary header of h unless it is
// already there, compared case-insensitively (Django's
// patch_vary_headers). A Vary of "*" absorbs everything.
func PatchVary(h http.Header, fields ...string) {
	if len(fields) == 1 && plainField(fields[0]) {
		switch vary := h["Vary"]; {
		case len(vary) == 0:
			h["Vary"] = []string{fields[0]} // the common case, in one allocation
			return
		case len(vary) == 1 && strings.EqualFold(vary[0], fields[0]):
			return // already there, as when two middleware vary on Cookie
		}
	}
	var vary []string
	seen := map[string]bool{}
	for _, line := range h.Values("Vary") {
		for f := range strings.SplitSeq(line, ",") {
			if f = strings.TrimSpace(f); f != "" {
				vary = append(vary, f)
				seen[strings.ToLower(f)] = true
			}
		}
	}
	for _, f := range fields {
		if !seen[strings.ToLower(f)] {
			vary = append(vary, f)
			seen[strings.ToLower(f)] = true
		}
	}
	if seen["*"] {
		vary = []string{"*"}
	}
	h.Set("Vary", strings.Join(vary, ", "))
}

// plainField reports whether f is one non-empty header field name, not "*".
func plainField(f string) bool {
	return f != "" && f != "*" && !strings.ContainsAny(f, ", \t")
}
