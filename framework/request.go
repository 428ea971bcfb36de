package framework

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/manouche-go/manouche/framework/session"
)

// Request is what a [View] receives: Django's HttpRequest, with Go names
// for the attributes views use. Its fields are filled once, when the
// request reaches the view.
type Request struct {
	// Session is the request's session (Django's request.session), set by
	// the session middleware. It is never nil: without that middleware it
	// holds nothing and every change fails with [ErrNoSession].
	Session *session.Session

	// User is the user the request is made by (Django's request.user),
	// loaded on first use by the auth middleware (contrib/auth). It is
	// never nil: without that middleware it is an [AnonymousUser].
	User User

	// COOKIES maps each cookie name to its value, parsed from the Cookie
	// header as Django does: when a name repeats, the last value wins.
	COOKIES map[string]string

	// GET holds the query string's parameters (Django's request.GET).
	GET url.Values

	// POST holds the form fields of a POST whose body is
	// application/x-www-form-urlencoded or multipart/form-data (Django's
	// request.POST). It is empty, never nil, for other requests.
	POST url.Values

	// FILES holds the files of a multipart/form-data POST by field name
	// (Django's request.FILES). It is empty, never nil, for other
	// requests. Temporary files are removed when the request ends.
	FILES Files

	// Method is the HTTP method in upper case ("GET"), Path the URL path,
	// percent-decoded (Django's request.method and request.path).
	Method, Path string

	// HTTP is the underlying request. [RequestFrom] called with it returns
	// this same Request.
	HTTP *http.Request

	env *Env
	err error
}

// Errors of parsing a request body into [Request.POST], reported by
// [Request.Err]. [View] answers both with 400, as Django answers
// RequestDataTooBig and a broken multipart body.
var (
	ErrBodyTooLarge = errors.New("framework: request body too large")
	ErrBadForm      = errors.New("framework: malformed form data")
)

// RequestFrom returns the [Request] for r, so that a plain http.Handler
// reaches the session, cookies and form as a view does. Within a [View],
// RequestFrom(req.HTTP) returns the view's own Request. Otherwise a new
// Request is built; the form body is read at most once, since it is kept
// in the request's [WithEnv] context (and in r.PostForm).
func RequestFrom(r *http.Request) *Request {
	if req, ok := r.Context().Value(requestKey).(*Request); ok && req.HTTP == r {
		return req
	}
	return newRequest(nil, r)
}

// ErrNoSession is the error of every session change, and of
// Session.Err, in a request that went through no session middleware.
var ErrNoSession = errors.New("framework: the request has no session: add contrib.sessions.SessionMiddleware to MIDDLEWARE")

// newRequest builds a Request; w, when not nil, lets an oversized body
// close the connection after the response.
func newRequest(w http.ResponseWriter, r *http.Request) *Request {
	ctx := r.Context()
	req := &Request{
		COOKIES: ParseCookies(strings.Join(r.Header.Values("Cookie"), "; ")),
		GET:     r.URL.Query(),
		Method:  r.Method,
		Path:    r.URL.Path,
		HTTP:    r,
		User:    requestUser(ctx),
		env:     EnvFrom(ctx),
	}
	if s, ok := session.FromContext(ctx); ok {
		req.Session = s
	} else {
		req.Session = session.Unavailable(ctx, ErrNoSession)
	}
	lim := req.env.uploadLimits()
	if lim.fields >= 0 && countFields(r.URL.RawQuery) > lim.fields {
		req.err = fmt.Errorf("%w: more than %d in the query string", ErrTooManyFields, lim.fields)
	}
	req.POST, req.FILES = url.Values{}, Files{}
	if req.err == nil {
		req.POST, req.FILES, req.err = parseForm(w, r, lim)
	}
	return req
}

// parseForm parses r's form body once per request: the first caller (a
// middleware's [PostForm] or the view's Request) parses it, the others
// get the same POST, FILES and error from the [WithEnv] context. Uploaded
// files are removed when the request's context ends.
func parseForm(w http.ResponseWriter, r *http.Request, lim uploadLimits) (url.Values, Files, error) {
	pf, _ := r.Context().Value(formKey).(*parsedForm)
	if pf != nil && pf.done {
		return pf.post, pf.files, pf.err
	}
	post, files, err := parsePOST(w, r, lim)
	if len(files) > 0 {
		context.AfterFunc(r.Context(), files.removeAll)
	}
	if pf != nil {
		*pf = parsedForm{done: true, post: post, files: files, err: err}
	}
	return post, files, err
}

// countFields counts the fields of a query string as Python's parse_qsl
// does for its max_num_fields: one more than the number of "&".
func countFields(query string) int {
	if query == "" {
		return 0
	}
	return strings.Count(query, "&") + 1
}

// withContext points req.HTTP at a copy of r whose context carries req.
func (req *Request) withContext() {
	req.HTTP = req.HTTP.WithContext(context.WithValue(req.HTTP.Context(), requestKey, req))
}

// Err returns the error met while parsing the query string and the body
// into GET, POST and FILES, or nil: one wrapping [ErrBodyTooLarge] when the
// form data exceeds [Env.MaxBodyBytes], [ErrTooManyFields] or
// [ErrTooManyFiles] beyond [Env.MaxNumberFields] and [Env.MaxNumberFiles],
// [ErrBadForm] when the body is malformed. [View] answers 400 before the
// view runs; a plain handler using [RequestFrom] should check it.
func (req *Request) Err() error { return req.err }

// Env returns the site environment the request runs in (see [EnvFrom]).
func (req *Request) Env() *Env { return req.env }

// parsePOST reads a form body the way Django's _load_post_and_files does:
// only for POST, only for the two form content types.
func parsePOST(w http.ResponseWriter, r *http.Request, lim uploadLimits) (url.Values, Files, error) {
	if r.PostForm != nil {
		return r.PostForm, Files{}, nil
	}
	if r.Method != http.MethodPost || r.Body == nil || r.Body == http.NoBody {
		return url.Values{}, Files{}, nil
	}
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch ct {
	case "application/x-www-form-urlencoded":
		vs, err := parseURLEncoded(w, r, lim)
		return vs, Files{}, err
	case "multipart/form-data":
		return parseMultipart(r, lim)
	}
	return url.Values{}, Files{}, nil
}

func parseURLEncoded(w http.ResponseWriter, r *http.Request, lim uploadLimits) (url.Values, error) {
	body := r.Body
	if lim.data >= 0 {
		body = http.MaxBytesReader(w, r.Body, lim.data)
	}
	b, err := io.ReadAll(body)
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		return url.Values{}, fmt.Errorf("%w (limit %d bytes, DATA_UPLOAD_MAX_MEMORY_SIZE)", ErrBodyTooLarge, lim.data)
	case err != nil:
		return url.Values{}, fmt.Errorf("framework: read body: %w", err)
	}
	if lim.fields >= 0 && countFields(string(b)) > lim.fields {
		return url.Values{}, fmt.Errorf("%w: more than %d", ErrTooManyFields, lim.fields)
	}
	vs, err := url.ParseQuery(string(b))
	if err != nil {
		return url.Values{}, fmt.Errorf("%w: %w", ErrBadForm, err)
	}
	r.PostForm = vs
	return vs, nil
}

// ParseCookies parses a Cookie header value as Django's parse_cookie does:
// split on ";", split each part at the first "=", trim spaces, unquote
// values quoted as Python's http.cookies quotes them. A part without "="
// is a value with an empty name; when a name repeats, the last value wins.
func ParseCookies(header string) map[string]string {
	cookies := make(map[string]string)
	for chunk := range strings.SplitSeq(header, ";") {
		if key, val := splitCookie(chunk); key != "" || val != "" {
			cookies[key] = unquoteCookie(val)
		}
	}
	return cookies
}

// CookieValue returns the value of the last cookie called name in r's
// Cookie headers, parsed as [ParseCookies] parses them (Django's
// request.COOKIES[name]) but without building the whole map; ok reports
// whether one was present. Go's Request.Cookie returns the first instead.
func CookieValue(r *http.Request, name string) (value string, ok bool) {
	for _, line := range r.Header["Cookie"] {
		for chunk := range strings.SplitSeq(line, ";") {
			if key, val := splitCookie(chunk); key == name {
				value, ok = val, true
			}
		}
	}
	if ok {
		value = unquoteCookie(value)
	}
	return value, ok
}

// splitCookie splits one ";"-separated part of a Cookie header at its
// first "=" and trims both sides; a part without "=" is a value with an
// empty name.
func splitCookie(chunk string) (key, val string) {
	key, val, ok := strings.Cut(chunk, "=")
	if !ok {
		key, val = "", chunk
	}
	return strings.TrimSpace(key), strings.TrimSpace(val)
}

// unquoteCookie is Python's http.cookies._unquote: a value in double
// quotes loses them, and its \ooo octal escapes and \c escapes are decoded.
func unquoteCookie(s string) string {
	if len(s) < 2 || s[0] != '"' || s[len(s)-1] != '"' {
		return s
	}
	s = s[1 : len(s)-1]
	var b strings.Builder
	for i := 0; i < len(s); {
		if s[i] != '\\' {
			b.WriteByte(s[i])
			i++
			continue
		}
		if isOctalEscape(s[i+1:]) {
			b.WriteRune(rune(s[i+1]-'0')<<6 | rune(s[i+2]-'0')<<3 | rune(s[i+3]-'0'))
			i += 4
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i+1:])
		if size == 0 || r == '\n' { // Python's "." matches no newline
			b.WriteByte('\\')
			i++
			continue
		}
		b.WriteString(s[i+1 : i+1+size])
		i += 1 + size
	}
	return b.String()
}

func isOctalEscape(s string) bool {
	return len(s) >= 3 && s[0] >= '0' && s[0] <= '3' &&
		s[1] >= '0' && s[1] <= '7' && s[2] >= '0' && s[2] <= '7'
}
