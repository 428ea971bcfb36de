package session

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"testing"
	"time"

	"github.com/manouche-go/manouche/framework/signing"
)

// benchDicts are a typical small session (a logged-in user) and a ~4 KiB
// one (a cart and flash messages).
func benchDicts(b *testing.B) map[string]*signing.Dict {
	small := signing.NewDict()
	small.Set("_auth_user_id", "42")
	small.Set("_auth_user_backend", "django.contrib.auth.backends.ModelBackend")
	small.Set("_auth_user_hash", hex.EncodeToString(make([]byte, 32)))
	large := signing.NewDict()
	for i := 0; len(marshalBench(b, large)) < 4096; i++ {
		sum := sha256.Sum256([]byte{byte(i)})
		large.Set(fmt.Sprintf("item_%02d", i), map[string]any{
			"sku": hex.EncodeToString(sum[:8]), "qty": int64(i%5 + 1), "price": 9.99 + float64(i),
			"note": "gift wrap: " + hex.EncodeToString(sum[8:20]),
		})
	}
	return map[string]*signing.Dict{"3keys": small, "4KiB": large}
}

func marshalBench(b *testing.B, d *signing.Dict) []byte {
	js, err := signing.MarshalJSON(d)
	if err != nil {
		b.Fatal(err)
	}
	return js
}

func BenchmarkCodec_Encode(b *testing.B) {
	c, err := NewCodec(testSecret, nil, nil)
	if err != nil {
		b.Fatal(err)
	}
	for name, d := range benchDicts(b) {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := c.Encode(d, frozen); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkCodec_Decode(b *testing.B) {
	c, err := NewCodec(testSecret, nil, nil)
	if err != nil {
		b.Fatal(err)
	}
	for name, d := range benchDicts(b) {
		enc, err := c.Encode(d, frozen)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if c.Decode(enc).Len() != d.Len() {
					b.Fatal("lost data")
				}
			}
		})
	}
}

// benchEnv is a Config over a fakeStore holding the small session.
func benchEnv(b *testing.B) *Config {
	codec, err := NewCodec(testSecret, nil, nil)
	if err != nil {
		b.Fatal(err)
	}
	now := func() time.Time { return frozen }
	st := newFakeStore(now)
	enc, err := codec.Encode(benchDicts(b)["3keys"], frozen)
	if err != nil {
		b.Fatal(err)
	}
	st.put(key1, enc, frozen.Add(time.Hour))
	return &Config{Store: st, Codec: codec, Now: now}
}

// BenchmarkSession_LoadGet is a request that reads the logged-in user.
func BenchmarkSession_LoadGet(b *testing.B) {
	cfg := benchEnv(b)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		s := New(ctx, cfg, key1)
		if v, ok := s.GetString("_auth_user_id"); !ok || v != "42" {
			b.Fatalf("got %q, %v", v, ok)
		}
	}
}

// BenchmarkSession_SetSave is a request that writes one value and saves.
func BenchmarkSession_SetSave(b *testing.B) {
	cfg := benchEnv(b)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		s := New(ctx, cfg, key1)
		if err := s.Set("last_seen", int64(1700000000)); err != nil {
			b.Fatal(err)
		}
		if err := s.Save(ctx); err != nil {
			b.Fatal(err)
		}
	}
}
