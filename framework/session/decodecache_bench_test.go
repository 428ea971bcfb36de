package session

import (
	"fmt"
	"testing"
)

// BenchmarkCodec_DecodeSize decodes sessions of 100 B, 4 KiB and 64 KiB
// twice: "verify" decodes every time (what Decode did before it reused
// verified decodes); "reuse" decodes bytes it
// has seen (a session read again unchanged). Compare the two as a ratio.
func BenchmarkCodec_DecodeSize(b *testing.B) {
	c, err := NewCodec(testSecret, nil, nil)
	if err != nil {
		b.Fatal(err)
	}
	for _, size := range []int{100, 4 << 10, 64 << 10} {
		enc, err := c.Encode(sizedDict(size), frozen)
		if err != nil {
			b.Fatal(err)
		}
		name := fmt.Sprintf("%dB", size)
		b.Run(name+"/verify", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if d, ok := c.decode(enc); !ok || d.Len() < 3 {
					b.Fatal("lost data")
				}
			}
		})
		b.Run(name+"/reuse", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if c.Decode(enc).Len() < 3 {
					b.Fatal("lost data")
				}
			}
		})
	}
}
