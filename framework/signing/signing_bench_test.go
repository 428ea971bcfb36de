package signing

import (
	"strconv"
	"strings"
	"testing"
	"time"
)

func benchSerializer(b *testing.B, compress bool) *Serializer {
	b.Helper()
	sr, err := NewSerializer(DumpOptions{Options: Options{Key: testKey, Salt: "django.contrib.sessions.SessionStore"}, Compress: compress})
	if err != nil {
		b.Fatal(err)
	}
	return sr
}

// smallSession is a typical 3-key session.
func smallSession() map[string]any {
	return map[string]any{"_auth_user_id": "1", "_auth_user_backend": "django.contrib.auth.backends.ModelBackend",
		"_auth_user_hash": "4b091f802c2468cc9bc119d980e4192f92bd0975dbed1362e374447e2df780f4"}
}

// largeSession is about 4 KiB of JSON.
func largeSession() map[string]any {
	m := map[string]any{}
	for i := range 54 {
		m["key_"+strconv.Itoa(i)] = []any{int64(i), float64(i) / 3, strings.Repeat("é-x", 5), i%2 == 0}
	}
	return m
}

func BenchmarkSigner_Sign(b *testing.B) {
	s, _ := NewSigner(Options{Key: testKey})
	b.ReportAllocs()
	for b.Loop() {
		s.Sign("hello world value")
	}
}

func BenchmarkSigner_Unsign(b *testing.B) {
	s, _ := NewSigner(Options{Key: testKey})
	signed := s.Sign("hello world value")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Unsign(signed); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkTimestampSigner_Unsign(b *testing.B) {
	s, _ := NewTimestampSigner(Options{Key: testKey})
	signed := s.SignAt("hello", frozenTime)
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := s.Unsign(signed, time.Hour, frozenTime); err != nil {
			b.Fatal(err)
		}
	}
}

func benchDumps(b *testing.B, obj any, compress bool) {
	sr := benchSerializer(b, compress)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := sr.DumpsAt(obj, frozenTime); err != nil {
			b.Fatal(err)
		}
	}
}

func benchLoads(b *testing.B, obj any, compress bool) {
	sr := benchSerializer(b, compress)
	s, err := sr.DumpsAt(obj, frozenTime)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := sr.Loads(s, NoMaxAge, frozenTime); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDumps_small(b *testing.B)           { benchDumps(b, smallSession(), true) }
func BenchmarkDumps_large(b *testing.B)           { benchDumps(b, largeSession(), false) }
func BenchmarkDumps_largeCompressed(b *testing.B) { benchDumps(b, largeSession(), true) }
func BenchmarkLoads_small(b *testing.B)           { benchLoads(b, smallSession(), true) }
func BenchmarkLoads_large(b *testing.B)           { benchLoads(b, largeSession(), false) }
func BenchmarkLoads_largeCompressed(b *testing.B) { benchLoads(b, largeSession(), true) }

// BenchmarkDumps_packageFunc shows the cost of deriving keys per call.
func BenchmarkDumps_packageFunc(b *testing.B) {
	o := DumpOptions{Options: Options{Key: testKey}, Compress: true}
	obj := smallSession()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := DumpsAt(obj, o, frozenTime); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMarshalJSON_small(b *testing.B) { benchMarshal(b, smallSession()) }
func BenchmarkMarshalJSON_large(b *testing.B) { benchMarshal(b, largeSession()) }

func benchMarshal(b *testing.B, v any) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := MarshalJSON(v); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkUnmarshalJSON_large(b *testing.B) {
	data, _ := MarshalJSON(largeSession())
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := UnmarshalJSON(data); err != nil {
			b.Fatal(err)
		}
	}
}

func TestLargeSession_size(t *testing.T) {
	if n := len(mustMarshal(t, largeSession())); n < 3800 || n > 4400 {
		t.Errorf("largeSession JSON: got %d bytes, want about 4 KiB", n)
	}
}
