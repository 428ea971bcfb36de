package session

import (
	"encoding/json"
	"fmt"
	"math"
	"testing"
)

func TestSession_typedGetters(t *testing.T) {
	type want struct {
		i      int
		iOK    bool
		f      float64
		fOK    bool
		str    string
		strOK  bool
		b, bOK bool
	}
	tests := []struct {
		name string
		v    any
		want want
	}{
		{"absent", nil, want{}},
		{"int", 7, want{i: 7, iOK: true, f: 7, fOK: true}},
		{"int64 (loaded)", int64(-3), want{i: -3, iOK: true, f: -3, fOK: true}},
		{"int8", int8(5), want{i: 5, iOK: true, f: 5, fOK: true}},
		{"uint32", uint32(9), want{i: 9, iOK: true, f: 9, fOK: true}},
		{"uint64 too big", uint64(math.MaxUint64), want{f: math.MaxUint64, fOK: true}},
		{"whole float64", 42.0, want{i: 42, iOK: true, f: 42, fOK: true}},
		{"fractional float64", 1.5, want{f: 1.5, fOK: true}},
		{"huge float64", 1e300, want{f: 1e300, fOK: true}},
		{"float32", float32(2), want{i: 2, iOK: true, f: 2, fOK: true}},
		{"json.Number int", json.Number("12"), want{i: 12, iOK: true, f: 12, fOK: true}},
		{"json.Number beyond int64", json.Number("12345678901234567890"), want{f: 12345678901234567890, fOK: true}},
		{"json.Number float", json.Number("2.0"), want{i: 2, iOK: true, f: 2, fOK: true}},
		{"string", "42", want{str: "42", strOK: true}},
		{"bool", true, want{b: true, bOK: true}},
		{"list", []any{1}, want{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			s := e.session("")
			if tt.v != nil {
				if err := s.Set("k", tt.v); err != nil {
					t.Fatal(err)
				}
			}
			var got want
			got.i, got.iOK = s.GetInt("k")
			got.f, got.fOK = s.GetFloat("k")
			got.str, got.strOK = s.GetString("k")
			got.b, got.bOK = s.GetBool("k")
			if got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

// TestSession_typedGetters_roundTrip checks that values keep working with
// the typed getters once saved and loaded back (ints come back as int64).
func TestSession_typedGetters_roundTrip(t *testing.T) {
	e := newEnv(t)
	s := e.session("")
	if err := s.Update(map[string]any{"n": 3, "f": 0.5, "s": "x", "b": false}); err != nil {
		t.Fatal(err)
	}
	if err := s.Save(t.Context()); err != nil {
		t.Fatal(err)
	}
	s = e.session(s.Key())
	n, nOK := s.GetInt("n")
	f, fOK := s.GetFloat("f")
	str, sOK := s.GetString("s")
	b, bOK := s.GetBool("b")
	got := fmt.Sprintf("%v %v %v %v %v %v %v %v", n, nOK, f, fOK, str, sOK, b, bOK)
	if want := "3 true 0.5 true x true false true"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}
