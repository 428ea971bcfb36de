package signing

import (
	"errors"
	"testing"
	"time"
)

func mustTimestampSigner(t *testing.T, o Options) *TimestampSigner {
	t.Helper()
	s, err := NewTimestampSigner(o)
	if err != nil {
		t.Fatalf("NewTimestampSigner: %v", err)
	}
	return s
}

func TestTimestampSigner_vectors(t *testing.T) {
	for i, v := range loadList(t, "signer.json", "vectors") {
		if v.str("kind") != "TimestampSigner" {
			continue
		}
		t.Run(v.name(i), func(t *testing.T) {
			s := mustTimestampSigner(t, signerOptions(t, v))
			checkTimestamped(t, s, v.str("value"), v.str("signed"))
		})
	}
}

// TestTimestampSigner_emptySalt: an empty salt is the class default.
func TestTimestampSigner_emptySalt(t *testing.T) {
	a := mustTimestampSigner(t, Options{Key: testKey}).SignAt("hello", frozenTime)
	b := mustTimestampSigner(t, Options{Key: testKey, Salt: DefaultTimestampSignerSalt}).SignAt("hello", frozenTime)
	if want := "hello:1r31eq:p1ArTilr2-Cl5mnoyKzzYXlHhfh9azMOvu_SxYBXRjs"; a != want || b != want {
		t.Errorf("got %q and %q, want %q", a, b, want)
	}
}

// checkTimestamped signs value at frozenTime and unsigns signed.
func checkTimestamped(t *testing.T, s *TimestampSigner, value, signed string) {
	t.Helper()
	if got := s.SignAt(value, frozenTime); got != signed {
		t.Errorf("SignAt: got %q, want %q", got, signed)
	}
	got, ts, err := s.Unsign(signed, NoMaxAge, time.Now())
	if err != nil || got != value || !ts.Equal(frozenTime) {
		t.Errorf("Unsign: got %q, %v, %v, want %q at %v", got, ts, err, value, frozenTime)
	}
}

func TestNewCookieSigner_vectors(t *testing.T) {
	for i, v := range loadList(t, "signer.json", "vectors") {
		if v.str("kind") != "signed_cookie" {
			continue
		}
		t.Run(v.name(i), func(t *testing.T) {
			if got, want := v.str("effective_salt"), v.str("cookie_name")+v.str("salt_argument"); got != want {
				t.Fatalf("vector effective_salt %q, want %q", got, want)
			}
			s, err := NewCookieSigner(Options{Key: testKey, Salt: v.str("salt_argument")}, v.str("cookie_name"))
			if err != nil {
				t.Fatalf("NewCookieSigner: %v", err)
			}
			checkTimestamped(t, s, v.str("value"), v.str("signed"))
			// The same through a plain TimestampSigner with the vector's key and salt.
			plain := mustTimestampSigner(t, Options{Key: v.str("signer_key"), Salt: v.str("effective_salt")})
			checkTimestamped(t, plain, v.str("value"), v.str("signed"))
		})
	}
}

func TestNewCookieSigner_fallback(t *testing.T) {
	old, err := NewCookieSigner(Options{Key: "old"}, "color")
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewCookieSigner(Options{Key: "new", FallbackKeys: []string{"old"}}, "color")
	if err != nil {
		t.Fatal(err)
	}
	if got, _, err := s.Unsign(old.Sign("blue"), NoMaxAge, time.Time{}); err != nil || got != "blue" {
		t.Errorf("fallback cookie: got %q, %v, want blue", got, err)
	}
	if _, err := NewCookieSigner(Options{}, "color"); !errors.Is(err, errEmptyKey) {
		t.Errorf("empty key: got %v, want errEmptyKey", err)
	}
}

func TestTimestampSigner_maxAgeVectors(t *testing.T) {
	s := mustTimestampSigner(t, Options{Key: testKey})
	for i, v := range loadList(t, "signer.json", "max_age_checks") {
		now := time.Unix(v.int(t, "now"), 0)
		maxAge := time.Duration(v.int(t, "max_age")) * time.Second
		t.Run(v.name(i), func(t *testing.T) {
			got, _, err := s.Unsign(v.str("signed"), maxAge, now)
			if valid := v.flag("valid"); valid != (err == nil) {
				t.Errorf("Unsign at %v, max age %v: got %q, %v, want valid=%v", now.Unix(), maxAge, got, err, valid)
			}
			if err != nil && (!errors.Is(err, ErrSignatureExpired) || !errors.Is(err, ErrBadSignature)) {
				t.Errorf("expired error %v must match ErrSignatureExpired and ErrBadSignature", err)
			}
		})
	}
}

func TestTimestampSigner_Unsign_age(t *testing.T) {
	s := mustTimestampSigner(t, Options{Key: testKey})
	signed := s.SignAt("v", frozenTime)
	tests := []struct {
		name    string
		maxAge  time.Duration
		now     time.Time
		expired bool
	}{
		{"age equals max", 10 * time.Second, frozenTime.Add(10 * time.Second), false},
		{"a nanosecond over", 10 * time.Second, frozenTime.Add(10*time.Second + 1), true},
		{"zero max age, same instant", 0, frozenTime, false},
		{"zero max age, later", 0, frozenTime.Add(time.Millisecond), true},
		{"future timestamp", 0, frozenTime.Add(-time.Hour), false},
		{"far future timestamp", time.Second, time.Unix(0, 0), false},
		{"no max age", NoMaxAge, frozenTime.Add(100 * 365 * 24 * time.Hour), false},
		{"any negative is no max age", -time.Hour, frozenTime.Add(time.Hour), false},
		{"zero now is time.Now", time.Hour, time.Time{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ts, err := s.Unsign(signed, tt.maxAge, tt.now)
			if tt.expired != errors.Is(err, ErrSignatureExpired) {
				t.Fatalf("got %q, %v, want expired=%v", got, err, tt.expired)
			}
			if !tt.expired && got != "v" {
				t.Errorf("value: got %q, want v", got)
			}
			if !ts.Equal(frozenTime) {
				t.Errorf("timestamp: got %v, want %v", ts, frozenTime)
			}
		})
	}
}

func TestTimestampSigner_Unsign_malformed(t *testing.T) {
	ts := mustTimestampSigner(t, Options{Key: testKey})
	// Validly signed by the same key and salt but without a usable timestamp.
	plain := mustSigner(t, Options{Key: testKey, Salt: DefaultTimestampSignerSalt})
	tests := []struct {
		name   string
		in     string
		badSig bool
	}{
		{"no timestamp", plain.Sign("hello"), false},
		{"not base62", plain.Sign("hello:1r3!eq"), false},
		{"empty timestamp", plain.Sign("hello:"), false},
		{"tampered timestamp", "hello:1r31er:p1ArTilr2-Cl5mnoyKzzYXlHhfh9azMOvu_SxYBXRjs", true},
		{"no separator", "hello", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := ts.Unsign(tt.in, NoMaxAge, frozenTime)
			if err == nil || errors.Is(err, ErrBadSignature) != tt.badSig {
				t.Errorf("Unsign(%q): got %v, want an error (ErrBadSignature=%v)", tt.in, err, tt.badSig)
			}
		})
	}
}

func TestTimestampSigner_Sign_usesNow(t *testing.T) {
	s := mustTimestampSigner(t, Options{Key: testKey})
	before := time.Now().Truncate(time.Second)
	_, ts, err := s.Unsign(s.Sign("v"), time.Minute, time.Now())
	if err != nil || ts.Before(before) || ts.After(time.Now()) {
		t.Errorf("Sign timestamp: got %v, %v, want about now", ts, err)
	}
	if got, want := "v:1r31eq:"+s.Signature("v:1r31eq"), s.SignAt("v", frozenTime); got != want {
		t.Errorf("Signature: got %q, want %q", got, want)
	}
}
