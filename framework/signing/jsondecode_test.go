package signing

import (
	"encoding/json"
	"math"
	"reflect"
	"strings"
	"testing"
)

func TestUnmarshalJSON_values(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want any
	}{
		{"null", "null", nil},
		{"true", " true ", true},
		{"false", "\t\n\rfalse", false},
		{"int", "42", int64(42)},
		{"negative zero int", "-0", int64(0)},
		{"max int64", "9223372036854775807", int64(math.MaxInt64)},
		{"min int64", "-9223372036854775808", int64(math.MinInt64)},
		{"big int", "12345678901234567890", json.Number("12345678901234567890")},
		{"big negative int", "-9223372036854775809", json.Number("-9223372036854775809")},
		{"float", "1.0", 1.0},
		{"exp float", "1e+16", 1e16},
		{"exp without sign", "2E3", 2000.0},
		{"huge float", "1e400", math.Inf(1)},
		{"tiny float", "1e-400", 0.0},
		{"Infinity", "Infinity", math.Inf(1)},
		{"-Infinity", "[-Infinity]", []any{math.Inf(-1)}},
		{"string", `"abc"`, "abc"},
		{"escapes", `"\"\\\/\b\f\n\r\t\u0000\u00e9"`, "\"\\/\b\f\n\r\t\x00é"},
		{"uppercase hex", `"\u00E9\uD83D\uDE00"`, "é😀"},
		{"surrogate pair", `"\ud83d\ude00"`, "😀"},
		{"lone high surrogate", `"\ud83d x"`, "\ufffd x"},
		{"lone low surrogate", `"\ude00"`, "\ufffd"},
		{"high then non-low", `"\ud83d\u0041"`, "\ufffdA"},
		{"latin-1 bytes", "\"h\xc3\xa9\"", "hÃ©"},
		{"del raw", "\"\x7f\"", "\x7f"},
		{"array", `[1, "a", [], {}]`, []any{int64(1), "a", []any{}, map[string]any{}}},
		{"object", `{"b": 1, "a": {"c": null}}`, map[string]any{"b": int64(1), "a": map[string]any{"c": nil}}},
		{"duplicate key last wins", `{"a":1,"a":2}`, map[string]any{"a": int64(2)}},
		{"empty key", `{"":0}`, map[string]any{"": int64(0)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := UnmarshalJSON([]byte(tt.in))
			if err != nil || !reflect.DeepEqual(got, tt.want) {
				t.Errorf("UnmarshalJSON(%q): got %#v, %v, want %#v", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestUnmarshalJSON_specialFloats(t *testing.T) {
	got, err := UnmarshalJSON([]byte("NaN"))
	if f, ok := got.(float64); err != nil || !ok || !math.IsNaN(f) {
		t.Errorf("NaN: got %#v, %v", got, err)
	}
	got, err = UnmarshalJSON([]byte("-0.0"))
	if f, ok := got.(float64); err != nil || !ok || f != 0 || !math.Signbit(f) {
		t.Errorf("-0.0: got %#v, %v, want negative zero", got, err)
	}
}

func TestUnmarshalJSON_errors(t *testing.T) {
	tests := []string{
		"", " ", "nul", "True", "none", "+1", "01", "-", "1.", ".5", "1e", "1e+", "-a", "0x10",
		"[1,]", "[1 2]", "[", "]", "{", `{"a"}`, `{"a":}`, `{"a":1,}`, `{,}`, `{1:2}`, `{'a':1}`,
		`"abc`, `"a\"`, "\"a\nb\"", "\"\x00\"", `"\x"`, `"\u12"`, `"\u12g4"`, `"\`,
		"1 2", "[] []", "{}x", "\ufeff{}", "nan", "-NaN", "Infinityx", "[1]]",
		strings.Repeat("[", maxDepth+1) + strings.Repeat("]", maxDepth+1),
	}
	for _, in := range tests {
		t.Run(in, func(t *testing.T) {
			if got, err := UnmarshalJSON([]byte(in)); err == nil {
				t.Errorf("UnmarshalJSON(%q): got %#v, want an error", in, got)
			}
		})
	}
	deep := strings.Repeat("[", maxDepth) + strings.Repeat("]", maxDepth)
	if _, err := UnmarshalJSON([]byte(deep)); err != nil {
		t.Errorf("UnmarshalJSON at max depth: %v", err)
	}
}

func TestUnmarshalDict(t *testing.T) {
	d, err := UnmarshalDict([]byte(` {"z":1,"a":{"y":2,"b":3},"m":[],"z":4} `))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := d.Keys(), []string{"z", "a", "m"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Keys: got %v, want %v", got, want)
	}
	if got, _ := d.Get("z"); got != int64(4) {
		t.Errorf("duplicate key: got %v, want last value 4", got)
	}
	if got, _ := d.Get("a"); !reflect.DeepEqual(got, map[string]any{"y": int64(2), "b": int64(3)}) {
		t.Errorf("nested object: got %#v, want map[string]any", got)
	}
	for _, in := range []string{`[]`, `"x"`, `null`, ``, `{"a":1`, `{} {}`} {
		if _, err := UnmarshalDict([]byte(in)); err == nil {
			t.Errorf("UnmarshalDict(%q): got no error", in)
		}
	}
}

// FuzzUnmarshalJSON: no input panics, and a decoded value re-encodes to JSON
// that decodes to the same value.
func FuzzUnmarshalJSON(f *testing.F) {
	for _, s := range []string{`{"a":[1,2.5,"\u00e9\ud83d\ude00",null,true]}`, `-0.0`, `1e400`, `NaN`,
		`"\ud800"`, "\"\xff\"", `[[[]]]`, `12345678901234567890`, `{"a":1,"a":2}`, `1.5e-7`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		v, err := UnmarshalJSON(data)
		UnmarshalDict(data) //nolint:errcheck // must only not panic
		if err != nil {
			return
		}
		enc, err := MarshalJSON(v)
		if err != nil {
			return // NaN or ±Inf
		}
		back, err := UnmarshalJSON(enc)
		if err != nil || !reflect.DeepEqual(back, v) {
			t.Fatalf("round trip of %q via %s: got %#v, %v, want %#v", data, enc, back, err, v)
		}
	})
}

// FuzzLoads: no signed-value input panics Loads.
func FuzzLoads(f *testing.F) {
	sr, err := NewSerializer(DumpOptions{Options: Options{Key: testKey, AcceptSHA1: true}, Compress: true})
	if err != nil {
		f.Fatal(err)
	}
	for _, v := range []any{"x", map[string]any{"a": strings.Repeat("b", 100)}, []any{1.5}} {
		s, err := sr.DumpsAt(v, frozenTime)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(s)
	}
	f.Add("bad:encoded:value")
	f.Add(":1r31eq:")
	f.Fuzz(func(t *testing.T, s string) {
		sr.Loads(s, NoMaxAge, frozenTime)  //nolint:errcheck // must only not panic
		sr.LoadDict(s, 0, frozenTime)      //nolint:errcheck
		B62Decode(s)                       //nolint:errcheck
		B64Decode(s)                       //nolint:errcheck
		appendDecompressed(nil, []byte(s)) //nolint:errcheck
	})
}
