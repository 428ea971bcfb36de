package signing

import (
	"encoding/json"
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"
)

// TestMarshalJSON_vectorSerialized checks every vector's "serialized" text
// against MarshalJSON of its input, and UnmarshalJSON of the text against
// the input.
func TestMarshalJSON_vectorSerialized(t *testing.T) {
	files := []struct{ file, list, input string }{
		{"signing_dumps.json", "vectors", "object"},
		{"signed_cookies.json", "vectors", "input"},
		{"session_encode.json", "vectors", "input"},
		{"legacy.json", "vectors", "input"},
	}
	for _, f := range files {
		for i, v := range loadList(t, f.file, f.list) {
			if _, ok := v["serialized"]; !ok {
				continue
			}
			t.Run(f.file+"/"+v.name(i), func(t *testing.T) {
				want := goValue(t, v[f.input])
				if got := mustMarshal(t, want); got != v.str("serialized") {
					t.Errorf("MarshalJSON: got %s, want %s", got, v.str("serialized"))
				}
				got, err := UnmarshalJSON([]byte(v.str("serialized")))
				if err != nil || !reflect.DeepEqual(got, want) {
					t.Errorf("UnmarshalJSON: got %#v, %v, want %#v", got, err, want)
				}
			})
		}
	}
}

// TestUnmarshalDict_vectorKeyOrder: Django's insertion order survives.
func TestUnmarshalDict_vectorKeyOrder(t *testing.T) {
	for i, v := range loadList(t, "session_encode.json", "decode_only") {
		t.Run(v.name(i), func(t *testing.T) {
			d, err := UnmarshalDict([]byte(v.str("serialized")))
			if err != nil {
				t.Fatal(err)
			}
			var want []string
			for _, k := range v["expect_key_order"].([]any) {
				want = append(want, k.(string))
			}
			if !reflect.DeepEqual(d.Keys(), want) {
				t.Errorf("Keys: got %v, want %v", d.Keys(), want)
			}
			input := goValue(t, v["input"]).(map[string]any)
			for k, e := range input {
				if got, _ := d.Get(k); !reflect.DeepEqual(got, e) {
					t.Errorf("Get(%q): got %#v, want %#v", k, got, e)
				}
			}
			if got := mustMarshal(t, d); !strings.HasPrefix(got, `{"zebra":1,"apple":2,`) {
				t.Errorf("MarshalJSON(Dict): got %s, want Django's top-level order", got)
			}
		})
	}
}

func TestMarshalJSON_floats(t *testing.T) {
	tests := []struct {
		in   any
		want string
	}{
		{1.0, "1.0"}, {0.0, "0.0"}, {math.Copysign(0, -1), "-0.0"}, {0.1, "0.1"}, {100.0, "100.0"},
		{3.5, "3.5"}, {-7.25, "-7.25"}, {0.30000000000000004, "0.30000000000000004"},
		{1e15, "1000000000000000.0"}, {9999999999999998.0, "9999999999999998.0"},
		{1e16, "1e+16"}, {1.5e16, "1.5e+16"}, {1.2345678901234568e+17, "1.2345678901234568e+17"},
		{12345678901234567.0, "1.2345678901234568e+16"}, {1e22, "1e+22"}, {1e300, "1e+300"},
		{math.MaxFloat64, "1.7976931348623157e+308"}, {5e-324, "5e-324"},
		{0.0001, "0.0001"}, {0.00012, "0.00012"}, {1e-5, "1e-05"}, {-2.5e-05, "-2.5e-05"}, {1e-7, "1e-07"},
		{9.999999999999999e-05, "9.999999999999999e-05"}, {123456789.123, "123456789.123"},
		{float32(0.1), "0.1"}, {float32(1e-4), "0.0001"}, {float32(9.999999e-05), "9.999999e-05"}, {float32(1e16), "1e+16"}, {float32(1), "1.0"}, {float32(1e20), "1e+20"}, {float32(3.4028235e38), "3.4028235e+38"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := mustMarshal(t, tt.in); got != tt.want {
				t.Errorf("MarshalJSON(%v): got %s, want %s", tt.in, got, tt.want)
			}
		})
	}
}

func TestMarshalJSON_values(t *testing.T) {
	type plainString string
	type plainInts []int
	tests := []struct {
		name string
		in   any
		want string
	}{
		{"nil", nil, "null"},
		{"bools", []any{true, false}, "[true,false]"},
		{"ints", []any{int(-1), int8(-8), int16(16), int32(32), int64(math.MinInt64)}, "[-1,-8,16,32,-9223372036854775808]"},
		{"uints", []any{uint(1), uint8(8), uint16(16), uint32(32), uint64(math.MaxUint64)}, "[1,8,16,32,18446744073709551615]"},
		{"json.Number int", json.Number("12345678901234567890"), "12345678901234567890"},
		{"json.Number float", json.Number("-1.5E+3"), "-1.5E+3"},
		{"empty string", "", `""`},
		{"escapes", "\"\\/\b\f\n\r\t\x00\x1f\x7f", `"\"\\/\b\f\n\r\t\u0000\u001f\u007f"`},
		{"no html escaping", "<a href='x'>&amp;</a>", `"<a href='x'>&amp;</a>"`},
		{"latin-1", "héllo wörld", `"h\u00e9llo w\u00f6rld"`},
		{"bmp", "日本語 ☃ \u2028\u2029 \ufeff \uffff", `"\u65e5\u672c\u8a9e \u2603 \u2028\u2029 \ufeff \uffff"`},
		{"astral", "😀 \U0010ffff", `"\ud83d\ude00 \udbff\udfff"`},
		{"sorted map", map[string]any{"b": 1, "a": 2, "ü": 3, "B": 4, "": 5}, `{"":5,"B":4,"a":2,"b":1,"\u00fc":3}`},
		{"big map", bigMap(20), bigMapJSON(20)},
		{"nested", map[string]any{"l": []any{map[string]any{}, []any{}, nil}}, `{"l":[{},[],null]}`},
		{"typed slice", []string{"a", "b"}, `["a","b"]`},
		{"array", [2]int{1, 2}, "[1,2]"},
		{"typed map", map[string]string{"y": "1", "x": "2"}, `{"x":"2","y":"1"}`},
		{"named string", plainString("s"), `"s"`},
		{"named slice", plainInts{3}, "[3]"},
		{"nil []any", []any(nil), "[]"},
		{"nil map", map[string]any(nil), "{}"},
		{"nil typed slice", []string(nil), "[]"},
		{"nil *Dict", (*Dict)(nil), "null"},
		{"slice of maps", []map[string]int{{"a": 1}}, `[{"a":1}]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := mustMarshal(t, tt.in); got != tt.want {
				t.Errorf("MarshalJSON: got %s, want %s", got, tt.want)
			}
		})
	}
}

func bigMap(n int) map[string]any {
	m := map[string]any{}
	for i := range n {
		m[string(rune('a'+i))] = int64(i)
	}
	return m
}

func bigMapJSON(n int) string {
	var sb strings.Builder
	sb.WriteString("{")
	for i := range n {
		if i > 0 {
			sb.WriteString(",")
		}
		sb.WriteString(`"` + string(rune('a'+i)) + `":`)
		sb.WriteString(mustMarshalNoT(int64(i)))
	}
	return sb.String() + "}"
}

func mustMarshalNoT(v any) string {
	b, _ := MarshalJSON(v)
	return string(b)
}

func TestMarshalJSON_errors(t *testing.T) {
	type point struct{ X, Y int }
	cyclic := []any{nil}
	cyclic[0] = cyclic
	tests := []struct {
		name     string
		in       any
		contains string
	}{
		{"time.Time", time.Unix(0, 0), "cannot store time.Time in JSON"},
		{"nested time.Time", map[string]any{"t": time.Unix(0, 0)}, "cannot store time.Time in JSON"},
		{"time.Duration", time.Second, "cannot store time.Duration in JSON"},
		{"struct", point{}, "cannot store signing.point in JSON"},
		{"pointer", new(int), "cannot store *int in JSON"},
		{"bytes", []byte("x"), "cannot store []uint8 in JSON"},
		{"int keys", map[int]string{1: "a"}, "cannot store map[int]string in JSON"},
		{"complex", complex(1, 2), "cannot store complex128 in JSON"},
		{"func", func() {}, "cannot store func() in JSON"},
		{"chan", make(chan int), "cannot store chan int in JSON"},
		{"NaN", math.NaN(), "cannot store NaN in JSON"},
		{"+Inf", math.Inf(1), "cannot store +Inf in JSON"},
		{"-Inf float32", float32(math.Inf(-1)), "cannot store -Inf in JSON"},
		{"invalid UTF-8", "a\xffb", "not valid UTF-8"},
		{"invalid UTF-8 key", map[string]any{"\xc3": 1}, "not valid UTF-8"},
		{"bad json.Number", json.Number("1."), "invalid json.Number"},
		{"empty json.Number", json.Number(""), "invalid json.Number"},
		{"NaN json.Number", json.Number("NaN"), "invalid json.Number"},
		{"cycle", cyclic, "too deep"},
		{"too deep", nested(maxDepth + 1), "too deep"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := MarshalJSON(tt.in)
			if err == nil || !strings.Contains(err.Error(), tt.contains) || got != nil {
				t.Errorf("MarshalJSON: got %q, %v, want error containing %q", got, err, tt.contains)
			}
		})
	}
	var ute *UnsupportedTypeError
	if _, err := MarshalJSON([]any{time.Now()}); !errors.As(err, &ute) || ute.Type != reflect.TypeFor[time.Time]() {
		t.Errorf("errors.As UnsupportedTypeError: got %v", err)
	}
	if _, err := MarshalJSON(nested(maxDepth)); err != nil {
		t.Errorf("MarshalJSON at max depth: %v", err)
	}
}

// nested returns n nested lists.
func nested(n int) any {
	var v any = []any{}
	for range n - 1 {
		v = []any{v}
	}
	return v
}

func TestAppendJSON(t *testing.T) {
	got, err := AppendJSON([]byte("x="), map[string]any{"a": 1.5})
	if err != nil || string(got) != `x={"a":1.5}` {
		t.Errorf("AppendJSON: got %s, %v", got, err)
	}
	got, err = AppendJSON([]byte("x="), []any{1, time.Now()})
	if err == nil || string(got) != "x=" {
		t.Errorf("AppendJSON error: got %q, %v, want dst unchanged and an error", got, err)
	}
}

func TestDict_MarshalJSON_encodingJSON(t *testing.T) {
	d := NewDict()
	d.Set("z", 1.0)
	d.Set("a", "<é>")
	got, err := json.Marshal(map[string]any{"d": d})
	if err != nil || string(got) != `{"d":{"z":1.0,"a":"\u003c\u00e9\u003e"}}` {
		t.Errorf("json.Marshal(Dict): got %s, %v", got, err)
	}
	var back Dict
	if err := json.Unmarshal([]byte(`{"z":1,"a":2}`), &back); err != nil || !reflect.DeepEqual(back.Keys(), []string{"z", "a"}) {
		t.Errorf("json.Unmarshal(Dict): got %v, %v", back.Keys(), err)
	}
	if err := back.UnmarshalJSON([]byte(`[1]`)); err == nil {
		t.Errorf("Dict.UnmarshalJSON of a list: got no error")
	}
}
