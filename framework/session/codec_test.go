package session

import (
	"encoding/base64"
	"encoding/hex"
	"log/slog"
	"strings"
	"testing"

	"github.com/manouche-go/manouche/framework/signing"
)

func TestNewCodec_emptyKey(t *testing.T) {
	if _, err := NewCodec("", nil, nil); err == nil {
		t.Errorf("NewCodec(\"\"): got nil error, want one")
	}
}

func TestCodec_roundTrip(t *testing.T) {
	tests := []struct {
		name, js   string
		compressed bool
	}{
		{"empty", `{}`, false},
		{"scalars", `{"s":"x","i":-3,"f":0.5,"b":true,"n":null,"big":12345678901234567890}`, false},
		{"unicode", `{"emoji":"\ud83d\ude00","\u00fc":"\u2028"}`, false},
		{"compressible but under 1 KiB", `{"blob":"` + strings.Repeat("abc", 200) + `"}`, false},
		{"compressible", `{"blob":"` + strings.Repeat("abc", 400) + `"}`, true},
	}
	c, _ := vectorCodec(t, testSecret)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := signing.UnmarshalDict([]byte(tt.js))
			if err != nil {
				t.Fatal(err)
			}
			enc, err := c.Encode(d, frozen)
			if err != nil {
				t.Fatalf("Encode: %v", err)
			}
			if got := strings.HasPrefix(enc, "."); got != tt.compressed {
				t.Errorf("compressed: got %v, want %v (%s)", got, tt.compressed, enc)
			}
			if got, want := marshal(t, c.Decode(enc)), marshal(t, d); got != want {
				t.Errorf("Decode(Encode): got %s, want %s", got, want)
			}
		})
	}
}

func TestCodec_Encode_unsupported(t *testing.T) {
	c, _ := vectorCodec(t, testSecret)
	d := signing.NewDict()
	d.Set("f", func() {})
	if _, err := c.Encode(d, frozen); err == nil {
		t.Errorf("Encode(func): got nil error, want one")
	}
}

// TestCodec_Decode_corrupted covers the legacy branch of Django 3.2's
// decode: tampered data warns once, malformed data is silently empty.
func TestCodec_Decode_corrupted(t *testing.T) {
	b64 := base64.StdEncoding.EncodeToString
	tests := []struct {
		name, data string
		warns      int
	}{
		{"legacy with a wrong hash", b64([]byte(strings.Repeat("0", 40) + `:{"a":1}`)), 1},
		{"legacy without a colon", b64([]byte("no colon here")), 0},
		{"not base64", "%%%", 1},
		{"wrong signature", "eyJhIjoxfQ:1r31eq:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, logs := vectorCodec(t, testSecret)
			if d := c.Decode(tt.data); d.Len() != 0 {
				t.Errorf("Decode: got %s, want {}", marshal(t, d))
			}
			records := logs.take()
			if len(records) != tt.warns {
				t.Fatalf("log records: got %d, want %d", len(records), tt.warns)
			}
			for _, r := range records {
				if r.Level != slog.LevelWarn || r.Message != "session data corrupted" || r.NumAttrs() != 0 {
					t.Errorf("log record: got %v %q with %d attrs, want WARN \"session data corrupted\" alone", r.Level, r.Message, r.NumAttrs())
				}
			}
		})
	}
}

// TestCodec_fallbacks: data signed under a retired key (current format
// and legacy) reads while the key is listed in SECRET_KEY_FALLBACKS.
func TestCodec_fallbacks(t *testing.T) {
	old, _ := vectorCodec(t, "old-secret")
	d, _ := signing.UnmarshalDict([]byte(`{"a":1}`))
	current, err := old.Encode(d, frozen)
	if err != nil {
		t.Fatal(err)
	}
	mac, _ := signing.SaltedHMAC([]byte(legacyHashSalt), []byte(`{"a":1}`), []byte("old-secret"), "sha1")
	legacy := base64.StdEncoding.EncodeToString([]byte(hex.EncodeToString(mac) + `:{"a":1}`))

	rotated, err := NewCodec("new-secret", []string{"old-secret"}, slog.New(&recordHandler{}))
	if err != nil {
		t.Fatal(err)
	}
	plain, logs := vectorCodec(t, "new-secret")
	for name, data := range map[string]string{"current": current, "legacy": legacy} {
		if got := marshal(t, rotated.Decode(data)); got != `{"a":1}` {
			t.Errorf("%s data with the old key as fallback: got %s, want {\"a\":1}", name, got)
		}
		if got := marshal(t, plain.Decode(data)); got != `{}` {
			t.Errorf("%s data without the fallback: got %s, want {}", name, got)
		}
	}
	if n := len(logs.take()); n != 2 {
		t.Errorf("warnings without the fallback: got %d, want 2", n)
	}
}
