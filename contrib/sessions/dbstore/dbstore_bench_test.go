package dbstore

import (
	"context"
	"strings"
	"testing"
	"time"
)

const benchData = ".eJxVjEEOwiAQRe_C2hBgKC0u3XsGMgyDVA0kpV0Z765NutDtf-_9lwi4rSVsnZcwJ3EWWpx-t4j04LqDdMd6a5JaXZc5yl2RB-3y2hI_L4f7d1Cwl28Nk8rKWFQAZGmkCVxWGrIZaUzKuxwzZ7JWe4gmTtnYbBEGx8y8ge8PLJ8Zt:1r31eq:0UOHT23nanWtePvCM0GfQz8Y1XcA8X-nejOHv7L3JFs"

func benchStore(b *testing.B) *Store {
	s := New(openDB(b, nil), Options{})
	if err := s.Create(context.Background(), key, benchData, time.Now().Add(time.Hour)); err != nil {
		b.Fatal(err)
	}
	return s
}

func BenchmarkLoad(b *testing.B) {
	s := benchStore(b)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Load(ctx, key); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSave(b *testing.B) {
	s := benchStore(b)
	ctx := context.Background()
	data := strings.Repeat("x", len(benchData))
	b.ReportAllocs()
	for b.Loop() {
		if err := s.Save(ctx, key, data, time.Now().Add(time.Hour)); err != nil {
			b.Fatal(err)
		}
	}
}
