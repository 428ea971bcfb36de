package interop

import (
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/manouche-go/manouche/contrib/sessions/cookiestore"
	"github.com/manouche-go/manouche/framework/session"
	"github.com/manouche-go/manouche/framework/signing"
)

// largeText compresses well: stored sessions holding it must be
// compressed (a "." before the payload), and still fit a cookie.
var largeText = strings.Repeat("Sessions shared by Django and manouche. ", 100)

// payload is what the writer stores, written as Python's json.dumps
// writes it (ASCII only, \u escapes with surrogate pairs, Python floats).
var payload = `{
	"unicode": "caf\u00e9 \u2603 \u4e2d\u6587 \ud83d\ude00 \ud834\udd1e",
	"escapes": "<a href=\"/x?a=1&b=2\">'q'</a>\n\t\\ / \u0000 \u007f \u2028",
	"empty": "",
	"int": 42, "negative": -7, "zero": 0,
	"int64max": 9223372036854775807, "int64min": -9223372036854775808,
	"big": 123456789012345678901234567890,
	"float": 3.14, "one": 1.0, "tiny": 1e-07, "huge": 1e+16, "negzero": -0.0,
	"third": 0.3333333333333333,
	"true": true, "false": false, "null": null,
	"list": [1, "two", 3.0, [null, false, []], {"k": "v"}],
	"object": {"empty": {}, "n": 0, "nested": {"deep": ["\ud83d\ude00", 1e-05]}},
	"large": "` + largeText + `"
}`

// want is payload decoded with Python's types in Go: int64 for ints,
// json.Number for ints beyond 64 bits, float64 for floats.
var want = map[string]any{
	"unicode":  "café ☃ 中文 😀 𝄞",
	"escapes":  "<a href=\"/x?a=1&b=2\">'q'</a>\n\t\\ / \x00 \x7f \u2028",
	"empty":    "",
	"int":      int64(42),
	"negative": int64(-7),
	"zero":     int64(0),
	"int64max": int64(math.MaxInt64),
	"int64min": int64(math.MinInt64),
	"big":      json.Number("123456789012345678901234567890"),
	"float":    3.14,
	"one":      1.0,
	"tiny":     1e-07,
	"huge":     1e16,
	"negzero":  math.Copysign(0, -1),
	"third":    1.0 / 3,
	"true":     true,
	"false":    false,
	"null":     nil,
	"list":     []any{int64(1), "two", 3.0, []any{nil, false, []any{}}, map[string]any{"k": "v"}},
	"object": map[string]any{
		"nested": map[string]any{"deep": []any{"😀", 1e-05}},
		"n":      int64(0),
		"empty":  map[string]any{},
	},
	"large": largeText,
}

// TestTypes: a session created by one side is read by the other with every
// JSON type intact; its large value made the writer compress it; and both
// writers stored the very same JSON bytes.
func TestTypes(t *testing.T) {
	forEachEngine(t, func(t *testing.T, engine string) {
		st := storageFor(t, engine)
		written := map[string]string{} // writer → the JSON it stored
		forEachDirection(t, engine, func(t *testing.T, w, r side) {
			b := &browser{t: t}
			created := b.post(w, "/s/set/", payload)
			checkData(t, w.name+" (writer)", created.data, want)
			if created.setCookie == nil || b.cookie == "" {
				t.Fatalf("%s did not set a session cookie", w.name)
			}
			written[w.name] = storedJSON(t, st, b.cookie)

			got := b.get(r, "/s/state/")
			checkData(t, r.name+" (reader)", got.data, want)
			if got.key != b.cookie {
				t.Errorf("%s session key: got %v, want the cookie %q", r.name, got.key, b.cookie)
			}
			if got.age != defaultAge {
				t.Errorf("%s get_expiry_age: got %d, want %d", r.name, got.age, defaultAge)
			}
			if got.setCookie != nil {
				t.Errorf("%s set a cookie on a read: %s", r.name, got.cookie())
			}
		})
		if dj, mn := written["django"], written["manouche"]; dj == "" || mn != dj {
			t.Errorf("stored JSON differs:\ndjango:   %.300s\nmanouche: %.300s", dj, mn)
		}
	})
}

// storedJSON returns the JSON inside the stored session of cookie, after
// checking that it was compressed (the payload starts with ".").
func storedJSON(t *testing.T, st *storage, cookie string) string {
	t.Helper()
	data, ok := stored(t, st, cookie)
	if !ok || !strings.HasPrefix(data, ".") {
		t.Errorf("stored session: got %.40q (found %v), want compressed data starting with \".\"", data, ok)
	}
	salt := session.KeySalt
	if st.engine == "signed_cookies" {
		salt = cookiestore.Salt
	}
	js, err := signing.LoadBytes(data, signing.LoadOptions{Options: signing.Options{Key: secretKey, Salt: salt}, MaxAge: signing.NoMaxAge})
	if err != nil {
		t.Errorf("stored session: %v", err)
	}
	return string(js)
}

// TestChange: a change written by one side is seen by the other, under
// the same session key.
func TestChange(t *testing.T) {
	forEachEngine(t, func(t *testing.T, engine string) {
		forEachDirection(t, engine, func(t *testing.T, w, r side) {
			b := &browser{t: t}
			b.post(w, "/s/set/", `{"counter": 1, "name": "first"}`)
			first := b.cookie

			b.post(r, "/s/incr/?name=counter", "")
			changed := b.post(r, "/s/set/", `{"name": "second \u00e9", "added": [1.0]}`)
			wantData := map[string]any{"counter": int64(2), "name": "second é", "added": []any{1.0}}
			checkData(t, r.name+" after its change", changed.data, wantData)

			got := b.get(w, "/s/state/")
			checkData(t, w.name+" reading the change", got.data, wantData)
			if engine != "signed_cookies" && b.cookie != first {
				t.Errorf("session key changed: got %q, want %q", b.cookie, first)
			}

			b.post(w, "/s/incr/?name=counter", "")
			wantData["counter"] = int64(3)
			checkData(t, r.name+" reading the change back", b.get(r, "/s/state/").data, wantData)
		})
	})
}
