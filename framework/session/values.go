package session

import (
	"encoding/json"
	"fmt"
	"math"

	"github.com/manouche-go/manouche/framework/signing"
)

// checkValue reports whether v can be written by the session serializer.
// Common scalars are checked by type; anything else is marshaled once
// with signing.MarshalJSON, the encoder saving will use.
func checkValue(k string, v any) error {
	switch v := v.(type) {
	case nil, string, bool, int, int8, int16, int32, int64,
		uint, uint8, uint16, uint32, uint64:
		return nil
	case float64:
		if !math.IsNaN(v) && !math.IsInf(v, 0) {
			return nil
		}
	case float32:
		if f := float64(v); !math.IsNaN(f) && !math.IsInf(f, 0) {
			return nil
		}
	}
	if _, err := signing.MarshalJSON(v); err != nil {
		return fmt.Errorf("session: set %q: cannot store a %T as JSON: %w", k, v, err)
	}
	return nil
}

// GetString returns the string stored under k. ok is false when k is
// absent or holds another type. It marks the session accessed.
func (s *Session) GetString(k string) (string, bool) {
	x, _ := s.dict().Get(k)
	v, ok := x.(string)
	return v, ok
}

// GetBool returns the bool stored under k. ok is false when k is absent
// or holds another type. It marks the session accessed.
func (s *Session) GetBool(k string) (bool, bool) {
	x, _ := s.dict().Get(k)
	v, ok := x.(bool)
	return v, ok
}

// GetInt returns the integer stored under k: any Go integer type (int64
// once loaded), a float64 holding a whole number, or a json.Number. ok is
// false when k is absent, holds another type, or does not fit an int. It
// marks the session accessed.
func (s *Session) GetInt(k string) (int, bool) {
	x, _ := s.dict().Get(k)
	n, ok := toInt64(x)
	if !ok || int64(int(n)) != n {
		return 0, false
	}
	return int(n), true
}

// GetFloat returns the number stored under k as a float64: any Go float
// or integer type, or a json.Number. ok is false when k is absent or holds
// another type. It marks the session accessed.
func (s *Session) GetFloat(k string) (float64, bool) {
	x, _ := s.dict().Get(k)
	return toFloat64(x)
}

// toInt64 converts the integer forms a session value can take.
func toInt64(x any) (int64, bool) {
	switch n := x.(type) {
	case int64:
		return n, true
	case int:
		return int64(n), true
	case int8:
		return int64(n), true
	case int16:
		return int64(n), true
	case int32:
		return int64(n), true
	case uint, uint8, uint16, uint32, uint64:
		return uintToInt64(n)
	case float64:
		return wholeFloat(n)
	case float32:
		return wholeFloat(float64(n))
	case json.Number:
		if i, err := n.Int64(); err == nil {
			return i, true
		}
		if f, err := n.Float64(); err == nil {
			return wholeFloat(f)
		}
	}
	return 0, false
}

func uintToInt64(x any) (int64, bool) {
	var u uint64
	switch n := x.(type) {
	case uint:
		u = uint64(n)
	case uint8:
		u = uint64(n)
	case uint16:
		u = uint64(n)
	case uint32:
		u = uint64(n)
	case uint64:
		u = n
	}
	if u > math.MaxInt64 {
		return 0, false
	}
	return int64(u), true
}

// wholeFloat returns f as an int64 when it is a whole number in range.
func wholeFloat(f float64) (int64, bool) {
	if f != math.Trunc(f) || f < math.MinInt64 || f >= math.MaxInt64 {
		return 0, false
	}
	return int64(f), true
}

// toFloat64 converts the numeric forms a session value can take.
func toFloat64(x any) (float64, bool) {
	switch n := x.(type) {
	case float64:
		return n, true
	case float32:
		return float64(n), true
	case json.Number:
		f, err := n.Float64()
		return f, err == nil
	}
	if i, ok := toInt64(x); ok {
		return float64(i), true
	}
	if u, ok := x.(uint64); ok {
		return float64(u), true
	}
	return 0, false
}
