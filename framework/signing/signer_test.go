package signing

import (
	"errors"
	"strings"
	"testing"
)

const testKey = "django-insecure-test-vector-key"

func mustSigner(t *testing.T, o Options) *Signer {
	t.Helper()
	s, err := NewSigner(o)
	if err != nil {
		t.Fatalf("NewSigner: %v", err)
	}
	return s
}

// signerOptions builds Options from a signer.json vector.
func signerOptions(t *testing.T, v vector) Options {
	t.Helper()
	if got, want := v.str("hmac_key_salt"), v.str("salt")+"signer"; v["hmac_key_salt"] != nil && got != want {
		t.Fatalf("vector hmac_key_salt %q, want salt+signer %q", got, want)
	}
	return Options{Key: v.key(t, testKey), Salt: v.str("salt"), Sep: v.str("sep"), Algorithm: v.str("algorithm")}
}

func TestSigner_vectors(t *testing.T) {
	for i, v := range loadList(t, "signer.json", "vectors") {
		if v.str("kind") != "Signer" {
			continue
		}
		t.Run(v.name(i), func(t *testing.T) {
			s := mustSigner(t, signerOptions(t, v))
			if got := s.Sign(v.str("value")); got != v.str("signed") {
				t.Errorf("Sign: got %q, want %q", got, v.str("signed"))
			}
			if sig := v.sub("parts").str("signature"); sig != "" && s.Signature(v.str("value")) != sig {
				t.Errorf("Signature: got %q, want %q", s.Signature(v.str("value")), sig)
			}
			got, err := s.Unsign(v.str("signed"))
			if err != nil || got != v.str("value") {
				t.Errorf("Unsign: got %q, %v, want %q", got, err, v.str("value"))
			}
		})
	}
}

// TestSigner_sha1Legacy: Django 3.2 accepts SHA-1 signatures under sha256.
func TestSigner_sha1Legacy(t *testing.T) {
	for i, v := range loadList(t, "signer.json", "vectors") {
		if v.str("kind") != "Signer" || v.str("algorithm") != "sha1" {
			continue
		}
		t.Run(v.name(i), func(t *testing.T) {
			o := signerOptions(t, v)
			o.Algorithm = "" // sha256
			if _, err := mustSigner(t, o).Unsign(v.str("signed")); !errors.Is(err, ErrBadSignature) {
				t.Errorf("Unsign without AcceptSHA1: got %v, want ErrBadSignature", err)
			}
			o.AcceptSHA1 = true
			got, err := mustSigner(t, o).Unsign(v.str("signed"))
			if err != nil || got != v.str("value") {
				t.Errorf("Unsign with AcceptSHA1: got %q, %v, want %q", got, err, v.str("value"))
			}
			if s := mustSigner(t, o).Sign("x"); len(s) != len("x:")+43 {
				t.Errorf("AcceptSHA1 must not change signing: got %q", s)
			}
		})
	}
}

func TestSigner_Unsign_rejects(t *testing.T) {
	s := mustSigner(t, Options{Key: testKey})
	good := s.Sign("hello")
	sig := good[len("hello:"):]
	tests := []struct{ name, in string }{
		{"no separator", "hello"},
		{"empty", ""},
		{"tampered value", "hellp:" + sig},
		{"tampered signature", "hello:" + strings.ToUpper(sig[:1]) + sig[1:] + "x"},
		{"flipped signature char", "hello:" + sig[:len(sig)-1] + "A"},
		{"truncated signature", good[:len(good)-1]},
		{"empty signature", "hello:"},
		{"value with extra sep", "hello:x:" + sig},
		{"other salt", mustSigner(t, Options{Key: testKey, Salt: "other"}).Sign("hello")},
		{"wrong key", mustSigner(t, Options{Key: "wrong"}).Sign("hello")},
		{"other algorithm", mustSigner(t, Options{Key: testKey, Algorithm: "sha512"}).Sign("hello")},
		{"padded signature", good + "="},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, err := s.Unsign(tt.in); !errors.Is(err, ErrBadSignature) || got != "" {
				t.Errorf("Unsign(%q): got %q, %v, want ErrBadSignature", tt.in, got, err)
			}
		})
	}
}

func TestSigner_fallbackKeys(t *testing.T) {
	old := mustSigner(t, Options{Key: "old-key"}).Sign("hello")
	older := mustSigner(t, Options{Key: "older-key"}).Sign("hello")
	s := mustSigner(t, Options{Key: "new-key", FallbackKeys: []string{"old-key", "older-key"}})
	for _, in := range []string{old, older, s.Sign("hello")} {
		if got, err := s.Unsign(in); err != nil || got != "hello" {
			t.Errorf("Unsign(%q): got %q, %v, want hello", in, got, err)
		}
	}
	if got, want := s.Sign("hello"), mustSigner(t, Options{Key: "new-key"}).Sign("hello"); got != want {
		t.Errorf("Sign must use Key only: got %q, want %q", got, want)
	}
	if _, err := mustSigner(t, Options{Key: "new-key"}).Unsign(old); !errors.Is(err, ErrBadSignature) {
		t.Errorf("without fallbacks: got %v, want ErrBadSignature", err)
	}
}

func TestNewSigner_options(t *testing.T) {
	tests := []struct {
		name    string
		o       Options
		wantErr error
	}{
		{name: "defaults", o: Options{Key: "k"}},
		{name: "empty key", o: Options{}, wantErr: errEmptyKey},
		{name: "empty fallback", o: Options{Key: "k", FallbackKeys: []string{""}}, wantErr: errEmptyKey},
		{name: "unknown algorithm", o: Options{Key: "k", Algorithm: "whatever"}, wantErr: ErrInvalidAlgorithm},
		{name: "sha1 with AcceptSHA1", o: Options{Key: "k", Algorithm: "sha1", AcceptSHA1: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewSigner(tt.o)
			if tt.wantErr == nil && err != nil || tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Errorf("NewSigner: got %v, want %v", err, tt.wantErr)
			}
		})
	}
}

func TestNewSigner_separators(t *testing.T) {
	tests := []struct {
		sep    string
		unsafe bool
	}{
		{":", false}, {"/", false}, {",", false}, {"*sep*", false}, {"~", false}, {"|", false},
		{".", false}, {"a:b", false}, {"é", false}, {"\n\n", false}, {" ", false},
		{"-", true}, {"_", true}, {"=", true}, {"abc", true}, {"A", true}, {"z", true}, {"0", true},
		{"[", true}, {"\\", true}, {"]", true}, {"^", true}, {"`", true}, {"a-_=9", true},
		{"\n", true}, {"abc\n", true}, // Python's "$" matches before a final newline
	}
	for _, tt := range tests {
		t.Run(tt.sep, func(t *testing.T) {
			_, err := NewSigner(Options{Key: "k", Sep: tt.sep})
			if (err != nil) != tt.unsafe {
				t.Errorf("NewSigner(Sep %q): got error %v, want unsafe=%v", tt.sep, err, tt.unsafe)
			}
			if err != nil && !strings.Contains(err.Error(), "unsafe separator") {
				t.Errorf("error %q does not say unsafe separator", err)
			}
		})
	}
}

func TestSigner_defaultSep(t *testing.T) {
	a := mustSigner(t, Options{Key: "k"}).Sign("v")
	b := mustSigner(t, Options{Key: "k", Sep: ":"}).Sign("v")
	if a != b || !strings.HasPrefix(a, "v:") {
		t.Errorf("default separator: got %q and %q", a, b)
	}
}

func TestSigner_multiCharSepSplitsAtLast(t *testing.T) {
	s := mustSigner(t, Options{Key: "k", Sep: "::"})
	for _, v := range []string{"a::b", "a:", "::", "a:::b:"} {
		if got, err := s.Unsign(s.Sign(v)); err != nil || got != v {
			t.Errorf("round trip %q: got %q, %v", v, got, err)
		}
	}
}
