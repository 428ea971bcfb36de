package cookiestore

import (
	"testing"
	"time"

	"github.com/manouche-go/manouche/framework/signing"
)

func benchDict() *signing.Dict {
	d := signing.NewDict()
	d.Set("_auth_user_id", "42")
	d.Set("_auth_user_backend", "django.contrib.auth.backends.ModelBackend")
	d.Set("_auth_user_hash", "c3ab8ff13720e8ad9047dd39466b3c8974e592c2fa383d4a3960714caef0c4f2")
	d.Set("cart", []any{int64(1), int64(2), int64(3)})
	return d
}

// BenchmarkLoad decodes a typical login session cookie (Load for this engine).
func BenchmarkLoad(b *testing.B) {
	s, _ := New(Options{Key: secret})
	now := time.Now()
	v, err := s.EncodeCookie(benchDict(), now)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.DecodeCookie(v, now); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSave encodes it (Save for this engine).
func BenchmarkSave(b *testing.B) {
	s, _ := New(Options{Key: secret})
	d := benchDict()
	now := time.Now()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.EncodeCookie(d, now); err != nil {
			b.Fatal(err)
		}
	}
}
