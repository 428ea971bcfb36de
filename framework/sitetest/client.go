package sitetest

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"
)

// Client is one browser: an http.Client with its own cookie jar, aimed at
// a [Server]. Like Django's test Client it does not follow redirects unless
// Follow is set; it is not safe for concurrent use.
type Client struct {
	// HTTP is the underlying client; its Jar keeps the cookies.
	HTTP *http.Client
	// BaseURL is the server's URL, such as http://127.0.0.1:41234.
	BaseURL *url.URL
	// Follow makes requests follow redirects. The default is false.
	Follow bool

	t testing.TB
}

// Response is a response whose body was read and closed.
type Response struct {
	*http.Response
	// Body is the whole response body.
	Body string
}

func newClient(t testing.TB, base string) *Client {
	t.Helper()
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("sitetest: server URL %q: %v", base, err)
	}
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatalf("sitetest: cookie jar: %v", err)
	}
	c := &Client{BaseURL: u, t: t}
	c.HTTP = &http.Client{Jar: jar, CheckRedirect: c.checkRedirect}
	return c
}

func (c *Client) checkRedirect(req *http.Request, via []*http.Request) error {
	if !c.Follow {
		return http.ErrUseLastResponse
	}
	if len(via) >= 10 {
		return http.ErrUseLastResponse
	}
	return nil
}

// URL resolves path against the server's URL.
func (c *Client) URL(path string) string {
	ref, err := url.Parse(path)
	if err != nil {
		c.t.Fatalf("sitetest: path %q: %v", path, err)
	}
	return c.BaseURL.ResolveReference(ref).String()
}

// Get sends a GET request for path (which may have a query).
func (c *Client) Get(path string) *Response {
	c.t.Helper()
	return c.Request(http.MethodGet, path, nil, nil)
}

// Post sends form as an application/x-www-form-urlencoded POST to path,
// with the client's CSRF token ([Client.CSRFToken]) in the
// csrfmiddlewaretoken field unless form has one, as a browser posting a
// page's form does. form is not modified. A test that must post without
// the token uses [Client.Request].
func (c *Client) Post(path string, form url.Values) *Response {
	c.t.Helper()
	if !form.Has(csrfFormField) {
		withToken := url.Values{csrfFormField: {c.CSRFToken()}}
		for k, v := range form {
			withToken[k] = v
		}
		form = withToken
	}
	h := http.Header{"Content-Type": {"application/x-www-form-urlencoded"}}
	return c.Request(http.MethodPost, path, h, strings.NewReader(form.Encode()))
}

// Request sends a request with any method, extra headers and body (nil for
// none). Cookies from the jar are added to those in header.
func (c *Client) Request(method, path string, header http.Header, body io.Reader) *Response {
	c.t.Helper()
	req, err := http.NewRequest(method, c.URL(path), body)
	if err != nil {
		c.t.Fatalf("sitetest: %s %s: %v", method, path, err)
	}
	for k, vs := range header {
		req.Header[k] = append(req.Header[k], vs...)
	}
	return c.Do(req)
}

// Do sends req and reads the whole response.
func (c *Client) Do(req *http.Request) *Response {
	c.t.Helper()
	resp, err := c.HTTP.Do(req)
	if err != nil {
		c.t.Fatalf("sitetest: %s %s: %v", req.Method, req.URL.Path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		c.t.Fatalf("sitetest: %s %s: read body: %v", req.Method, req.URL.Path, err)
	}
	return &Response{Response: resp, Body: string(b)}
}

// Cookie returns the value the jar would send to the server for the
// cookie called name, and whether there is one.
func (c *Client) Cookie(name string) (string, bool) {
	for _, ck := range c.HTTP.Jar.Cookies(c.BaseURL) {
		if ck.Name == name {
			return ck.Value, true
		}
	}
	return "", false
}

// SetCookie puts a cookie in the jar for the server's root path, as if the
// server had set it (a browser's cookie editor). Tests use it to send a
// stolen, stale or malformed session cookie.
func (c *Client) SetCookie(name, value string) {
	c.HTTP.Jar.SetCookies(c.BaseURL, []*http.Cookie{{Name: name, Value: value, Path: "/"}})
}
