package filestore

import (
	"context"
	"testing"
	"time"

	"github.com/manouche-go/manouche/framework/signing"
)

func benchStore(b *testing.B) (*Store, string) {
	s := newStore(b, Options{})
	d := signing.NewDict()
	d.Set("_auth_user_id", "42")
	d.Set("cart", []any{int64(1), int64(2), int64(3)})
	data, err := s.codec.Encode(d, time.Now())
	if err != nil {
		b.Fatal(err)
	}
	if err := s.Create(context.Background(), key, data, time.Now().Add(time.Hour)); err != nil {
		b.Fatal(err)
	}
	return s, data
}

// BenchmarkLoad includes the decode that reads _session_expiry.
func BenchmarkLoad(b *testing.B) {
	s, _ := benchStore(b)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Load(ctx, key); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSave(b *testing.B) {
	s, data := benchStore(b)
	ctx := context.Background()
	exp := time.Now().Add(time.Hour)
	b.ReportAllocs()
	for b.Loop() {
		if err := s.Save(ctx, key, data, exp); err != nil {
			b.Fatal(err)
		}
	}
}
