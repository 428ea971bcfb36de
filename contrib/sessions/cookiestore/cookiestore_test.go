package cookiestore

import (
	"bytes"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/manouche-go/manouche/framework/session"
	"github.com/manouche-go/manouche/framework/signing"
)

const secret = "django-insecure-test-vector-key"

var frozen = time.Unix(1700000000, 0)

type cookieVector struct {
	Name       string          `json:"name"`
	Kind       string          `json:"kind"`
	Input      json.RawMessage `json:"input"`
	Serialized string          `json:"serialized"`
	Cookie     string          `json:"cookie_value"`
	ValidUntil int64           `json:"valid_until"`
	Repro      bool            `json:"reproducible"`
	NeedsLibz  bool            `json:"exact_bytes_need_libz"`
}

func readVectors(t *testing.T, file string) []cookieVector {
	t.Helper()
	_, here, _, _ := runtime.Caller(0)
	b, err := os.ReadFile(filepath.Join(filepath.Dir(here), "..", "..", "..", "..", "shared", "spec", "vectors", file))
	if err != nil {
		t.Fatalf("reading the vectors: %v", err)
	}
	var v struct{ Vectors []cookieVector }
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	return v.Vectors
}

func newStore(t *testing.T, o Options) *Store {
	t.Helper()
	if o.Key == "" {
		o.Key = secret
	}
	s, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// jsonOf serializes d with Django's JSON serializer.
func jsonOf(t *testing.T, d *signing.Dict) string {
	t.Helper()
	b, err := signing.MarshalJSON(d)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestDjangoVectors(t *testing.T) {
	s := newStore(t, Options{})
	vs := readVectors(t, "signed_cookies.json")
	for _, v := range readVectors(t, "legacy.json") {
		if v.Kind == "signed_cookie_session_sha1" {
			v.Name = v.Kind
			vs = append(vs, v)
		}
	}
	for _, v := range vs {
		t.Run(v.Name, func(t *testing.T) {
			// The JSON text Django produced; Input holds raw UTF-8, which
			// Django's serializer would read as Latin-1.
			src := []byte(v.Serialized)
			if v.Serialized == "" {
				src = v.Input
			}
			want, err := signing.UnmarshalDict(src)
			if err != nil {
				t.Fatal(err)
			}
			got, err := s.DecodeCookie(v.Cookie, frozen)
			if err != nil {
				t.Fatalf("DecodeCookie at the frozen time: got %v, want nil", err)
			}
			if jsonOf(t, got) != jsonOf(t, want) {
				t.Errorf("got %s, want %s", jsonOf(t, got), jsonOf(t, want))
			}
			if _, err := s.DecodeCookie(v.Cookie, time.Unix(v.ValidUntil, 0)); err != nil {
				t.Errorf("at valid_until: got %v, want nil", err)
			}
			_, err = s.DecodeCookie(v.Cookie, time.Unix(v.ValidUntil+1, 0))
			if !errors.Is(err, signing.ErrSignatureExpired) || !errors.Is(err, signing.ErrBadSignature) {
				t.Errorf("a second after valid_until: got %v, want ErrSignatureExpired", err)
			}
			if v.Kind == "" && v.Repro && !v.NeedsLibz {
				enc, err := s.EncodeCookie(want, frozen)
				if err != nil || enc != v.Cookie {
					t.Errorf("EncodeCookie: got %q, %v, want %q", enc, err, v.Cookie)
				}
			}
		})
	}
}

func TestRoundTrip(t *testing.T) {
	s := newStore(t, Options{})
	tests := []struct {
		name string
		set  map[string]any
	}{
		{"empty", nil},
		{"values", map[string]any{"cat": "dog", "n": int64(3), "f": 1.5, "ok": true, "nil": nil}},
		{"compressible", map[string]any{"big": strings.Repeat("abc", 1000)}},
		{"unicode", map[string]any{"jp": "日本語", "emoji": "😀"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := signing.NewDict()
			for k, v := range tt.set {
				d.Set(k, v)
			}
			v, err := s.EncodeCookie(d, time.Now())
			if err != nil {
				t.Fatal(err)
			}
			got, err := s.DecodeCookie(v, time.Now())
			if err != nil {
				t.Fatalf("DecodeCookie: got %v, want nil", err)
			}
			if jsonOf(t, got) != jsonOf(t, d) {
				t.Errorf("got %s, want %s", jsonOf(t, got), jsonOf(t, d))
			}
		})
	}
	if v, err := s.EncodeCookie(nil, frozen); err != nil || !strings.HasPrefix(v, "e30:") {
		t.Errorf("EncodeCookie(nil): got %q, %v, want an empty session e30:…", v, err)
	}
}

func TestCookieAge(t *testing.T) {
	tests := []struct {
		name   string
		age    time.Duration
		after  time.Duration
		wantOK bool
	}{
		{"default two weeks: at the limit", 0, session.DefaultCookieAge, true},
		{"default two weeks: a second over", 0, session.DefaultCookieAge + time.Second, false},
		{"custom age: at the limit", time.Hour, time.Hour, true},
		{"custom age: a second over", time.Hour, time.Hour + time.Second, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStore(t, Options{CookieAge: tt.age})
			v, err := s.EncodeCookie(signing.NewDict(), frozen)
			if err != nil {
				t.Fatal(err)
			}
			_, err = s.DecodeCookie(v, frozen.Add(tt.after))
			if (err == nil) != tt.wantOK {
				t.Errorf("got %v, want accepted %v", err, tt.wantOK)
			}
		})
	}
}

func TestRejected(t *testing.T) {
	s := newStore(t, Options{})
	good, _ := s.EncodeCookie(signing.NewDict(), frozen)
	otherKey, _ := newStore(t, Options{Key: "another secret"}).EncodeCookie(signing.NewDict(), frozen)
	codecSalt, _ := signing.DumpsAt(map[string]any{}, signing.DumpOptions{Options: signing.Options{Key: secret, Salt: session.KeySalt}}, frozen)
	list, _ := signing.DumpsAt([]any{1, 2}, signing.DumpOptions{Options: signing.Options{Key: secret, Salt: Salt}}, frozen)
	for _, tt := range []struct{ name, value string }{
		{"empty", ""},
		{"garbage", "not a cookie"},
		{"tampered signature", good[:len(good)-1] + "A"},
		{"tampered payload", "e31" + good[3:]},
		{"other key", otherKey},
		{"session data salt", codecSalt},
		{"JSON list payload", list},
		{"oversized", strings.Repeat("a", 1<<20)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d, err := s.DecodeCookie(tt.value, frozen)
			if err == nil || d != nil {
				t.Errorf("got %v, %v, want nil and an error", d, err)
			}
			if err != nil && !strings.HasPrefix(err.Error(), "cookiestore: ") {
				t.Errorf("got error %q, want the cookiestore: prefix", err)
			}
		})
	}
}

func TestFallbackKeys(t *testing.T) {
	old := newStore(t, Options{Key: "old secret"})
	v, _ := old.EncodeCookie(signing.NewDict(), frozen)
	tests := []struct {
		name      string
		fallbacks []string
		wantOK    bool
	}{
		{"old key among the fallbacks", []string{"older", "old secret"}, true},
		{"no fallbacks", nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStore(t, Options{Key: "new secret", FallbackKeys: tt.fallbacks})
			if _, err := s.DecodeCookie(v, frozen); (err == nil) != tt.wantOK {
				t.Errorf("got %v, want accepted %v", err, tt.wantOK)
			}
			nv, _ := s.EncodeCookie(signing.NewDict(), frozen)
			if _, err := old.DecodeCookie(nv, frozen); err == nil {
				t.Errorf("a new cookie verified with the old key: got nil error, want one (fallbacks never sign)")
			}
		})
	}
}

// incompressible returns n random letters, which zlib cannot shrink much.
func incompressible(n int) string {
	const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	b := make([]byte, n)
	r := rand.New(rand.NewPCG(1, 2))
	for i := range b {
		b[i] = letters[r.IntN(len(letters))]
	}
	return string(b)
}

func TestErrTooLarge(t *testing.T) {
	s := newStore(t, Options{})
	ser, _ := signing.NewSerializer(signing.DumpOptions{Options: signing.Options{Key: secret, Salt: Salt}, Compress: true})
	blob := incompressible(5000)
	sawOK, sawTooLarge := false, false
	for n := 3000; n <= 5000; n += 7 {
		d := signing.NewDict()
		d.Set("blob", blob[:n])
		want, _ := ser.DumpsAt(d, frozen)
		got, err := s.EncodeCookie(d, frozen)
		switch {
		case len(want) > MaxValueSize:
			sawTooLarge = true
			if !errors.Is(err, ErrTooLarge) || got != "" {
				t.Fatalf("%d-byte cookie: got %q, %v, want ErrTooLarge", len(want), abbrev(got), err)
			}
			if strings.Contains(err.Error(), blob[:20]) {
				t.Errorf("got error %q, which contains session data", err)
			}
		default:
			sawOK = true
			if err != nil || got != want {
				t.Fatalf("%d-byte cookie: got %v, want it returned", len(want), err)
			}
		}
	}
	if !sawOK || !sawTooLarge {
		t.Fatalf("got sizes that do not straddle the limit (ok %v, too large %v)", sawOK, sawTooLarge)
	}
}

func abbrev(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

func TestNewNeedsKey(t *testing.T) {
	if _, err := New(Options{}); err == nil || !bytes.HasPrefix([]byte(err.Error()), []byte("cookiestore: ")) {
		t.Errorf("got %v, want a cookiestore error for the missing key", err)
	}
}

// TestStore_cookieAgeZero is SESSION_COOKIE_AGE = 0: a cookie is accepted
// only in the second it was signed, as Django's loads(max_age=0) does.
func TestStore_cookieAgeZero(t *testing.T) {
	s, err := New(Options{Key: "cookie-age-zero-secret", CookieAge: session.CookieAgeSetting(0)})
	if err != nil {
		t.Fatal(err)
	}
	signed := time.Unix(1700000000, 0)
	v, err := s.EncodeCookie(signing.NewDict(), signed)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.DecodeCookie(v, signed); err != nil {
		t.Errorf("DecodeCookie at the signing second: got %v, want nil", err)
	}
	if _, err := s.DecodeCookie(v, signed.Add(time.Second)); err == nil {
		t.Errorf("DecodeCookie a second later: got nil, want an expired signature")
	}
}
