package messages

import (
	"testing"
	"time"

	"github.com/manouche-go/manouche/framework/messages"
)

// FuzzDecode feeds the cookie decoder arbitrary cookie values: it never
// panics, and a value it accepts is one signed with the key (so a
// tampered cookie is never trusted): changing any byte of an accepted
// value of the current format makes it fail.
func FuzzDecode(f *testing.F) {
	c, err := newCookieCodec("fuzz-secret-key", nil, func() time.Time { return time.Unix(1700000000, 0) })
	if err != nil {
		f.Fatal(err)
	}
	valid := c.encode([]messages.Message{{Level: 25, Text: "Saved.", ExtraTags: "x"}}, true)
	for _, s := range []string{"", valid, "garbage", "a$[]", `[["__json_message",0,20,"x"]]:1r31eq:abc`, valid[:len(valid)-1]} {
		f.Add(s, uint16(0))
	}
	f.Fuzz(func(t *testing.T, s string, pos uint16) {
		c.decode(s) // must not panic, whatever s is
		if len(valid) == 0 {
			return
		}
		i := int(pos) % len(valid)
		for _, b := range []byte{'A', '0', '_', '-', '.', ':'} {
			if b == valid[i] {
				continue
			}
			tampered := valid[:i] + string(b) + valid[i+1:]
			if msgs, _, ok := c.decode(tampered); ok {
				t.Fatalf("tampered cookie %q (byte %d) accepted: %+v", tampered, i, msgs)
			}
		}
	})
}

// FuzzDecodeList feeds the JSON list decoder arbitrary payloads (what a
// verified cookie or a session holds): no panic, and what it accepts
// encodes back to a list it decodes the same.
func FuzzDecodeList(f *testing.F) {
	for _, s := range []string{`[]`, `[["__json_message",0,20,"a"],"__messagesnotfinished__"]`, `[["__json_message", 1, 40, "x", null]]`, `{}`, `[1]`, `[["__json_message",0,1e400,"a"]]`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		msgs, more, err := decodeList(data)
		if err != nil {
			return
		}
		again, more2, err := decodeList(appendList(nil, msgs, more, compact))
		if err != nil || more2 != more || len(again) != len(msgs) {
			t.Fatalf("decode(%q) = %+v, but its encoding decodes to %+v (%v)", data, msgs, again, err)
		}
		for i := range msgs {
			if again[i] != msgs[i] {
				t.Fatalf("message %d: %+v became %+v", i, msgs[i], again[i])
			}
		}
	})
}
