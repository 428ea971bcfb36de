package interop

import (
	"fmt"
	"io"
	"maps"
	"math"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/manouche-go/manouche/framework/signing"
)

// side is one of the two sites sharing sessions.
type side struct{ name, url string }

// forEachDirection runs fn as two subtests of the engine: with Django
// writing and manouche reading ("django_to_manouche"), then the other way.
func forEachDirection(t *testing.T, engine string, fn func(t *testing.T, w, r side)) {
	dj, mn := djangoSide(t, engine, secretKey), manoucheSide(t, engine, secretKey)
	for _, d := range [][2]side{{dj, mn}, {mn, dj}} {
		t.Run(d[0].name+"_to_"+d[1].name, func(t *testing.T) { fn(t, d[0], d[1]) })
	}
}

// httpClient sends the browsers' requests; it keeps no cookies itself.
var httpClient = &http.Client{Timeout: 30 * time.Second}

// browser is one user with one session cookie, which it sends to both
// sites, as a browser does when one host name proxies some paths to Django
// and others to manouche. Unlike a browser it keeps a cookie set with a
// Max-Age in the past, so tests can present an expired session.
type browser struct {
	t      *testing.T
	cookie string // the session cookie's value, "" for none
}

// reply is a site's answer: the state its view saw, and the session cookie
// it set, if any.
type reply struct {
	key       any   // session_key as the view saw it: a string or nil
	age       int64 // get_expiry_age()
	data      map[string]any
	setCookie *http.Cookie
}

// deleted reports whether the reply deleted the session cookie.
func (r reply) deleted() bool { return r.setCookie != nil && r.setCookie.Value == "" }

// cookie describes the Set-Cookie header of the session cookie, for
// messages.
func (r reply) cookie() string {
	if r.setCookie == nil {
		return "(no Set-Cookie)"
	}
	return r.setCookie.String()
}

func (b *browser) get(s side, path string) reply { return b.do(s, http.MethodGet, path, "") }

func (b *browser) post(s side, path, body string) reply { return b.do(s, http.MethodPost, path, body) }

// do sends one request with the browser's cookie, keeps the session cookie
// of the answer, and decodes the state with manouche's Python-exact JSON
// decoder (1 is an int64, 1.0 a float64).
func (b *browser) do(s side, method, path, body string) reply {
	b.t.Helper()
	req, err := http.NewRequest(method, s.url+path, strings.NewReader(body))
	if err != nil {
		b.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if b.cookie != "" {
		req.Header.Set("Cookie", cookieName+"="+b.cookie)
	}
	resp, err := httpClient.Do(req)
	if err != nil {
		b.t.Fatalf("%s %s %s: %v", s.name, method, path, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		b.t.Fatalf("%s %s %s: status %d, %v: %s", s.name, method, path, resp.StatusCode, err, raw)
	}
	var r reply
	for _, c := range resp.Cookies() {
		if c.Name == cookieName {
			r.setCookie, b.cookie = c, c.Value
		}
	}
	v, err := signing.UnmarshalJSON(raw)
	m, _ := v.(map[string]any)
	r.key, r.data = m["key"], asMap(m["data"])
	r.age, _ = m["expiry_age"].(int64)
	if err != nil || r.data == nil {
		b.t.Fatalf("%s %s %s: body is not a session state (%v): %s", s.name, method, path, err, raw)
	}
	return r
}

func asMap(v any) map[string]any { m, _ := v.(map[string]any); return m }

// checkData fails t unless got holds exactly want, with the same JSON
// types (see [sameJSON]).
func checkData(t *testing.T, who string, got, want map[string]any) {
	t.Helper()
	all := map[string]bool{}
	for k := range got {
		all[k] = true
	}
	for k := range want {
		all[k] = true
	}
	for _, k := range slices.Sorted(maps.Keys(all)) {
		g, gok := got[k]
		w, wok := want[k]
		switch {
		case !wok:
			t.Errorf("%s: data[%q]: got %s, want no such key", who, k, show(g))
		case !gok:
			t.Errorf("%s: data[%q]: missing, want %s", who, k, show(w))
		case !sameJSON(g, w):
			t.Errorf("%s: data[%q]: got %s, want %s", who, k, show(g), show(w))
		}
	}
}

// show prints a value with its Go type, which is its JSON type.
func show(v any) string {
	s := fmt.Sprintf("%#v", v)
	if len(s) > 120 {
		s = s[:120] + "..."
	}
	return fmt.Sprintf("%s (%T)", s, v)
}

// sameJSON reports whether got and want are the same decoded JSON value
// with the same types at every level: int64 is not float64, floats match
// bit for bit (so -0.0 is not 0.0), json.Number (ints beyond 64 bits)
// matches by its text.
func sameJSON(got, want any) bool {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok || len(g) != len(w) {
			return false
		}
		for k, wv := range w {
			if gv, ok := g[k]; !ok || !sameJSON(gv, wv) {
				return false
			}
		}
		return true
	case []any:
		g, ok := got.([]any)
		return ok && slices.EqualFunc(g, w, sameJSON)
	case float64:
		g, ok := got.(float64)
		return ok && math.Float64bits(g) == math.Float64bits(w)
	}
	return reflect.TypeOf(got) == reflect.TypeOf(want) && got == want
}
