package signing

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// maxDepth bounds nesting on encode and decode, roughly where Python's
// recursion limit stops json.dumps and json.loads. It also stops cycles.
const maxDepth = 1000

var (
	errDepth       = errors.New("signing: JSON nesting too deep (or a cycle)")
	errInvalidUTF8 = errors.New("signing: cannot store a string that is not valid UTF-8 in JSON")
	errBadNumber   = errors.New("signing: invalid json.Number")
)

// MarshalJSON returns v as Django's JSONSerializer writes it: Python's
// json.dumps(v, separators=(",", ":")) with ensure_ascii. Output is ASCII only
// (\uXXXX escapes in lowercase hex, surrogate pairs above U+FFFF), floats use
// Python's repr (1.0, 1e-05, 1e+16), and "<", ">", "&" are not escaped.
//
// Accepted values: nil, bool, string (valid UTF-8), every int and uint kind,
// float32 and float64 (not NaN or ±Inf), json.Number (checked, written
// verbatim), []any and any other slice or array (written as a list; []byte is
// rejected as Python bytes are), map[string]any and other maps with string
// keys (keys sorted), and *Dict (insertion order). Named types of those kinds
// are accepted unless they have methods (time.Duration is rejected rather
// than silently written as nanoseconds). Anything else gives an
// [*UnsupportedTypeError] naming the type. Nil slices and maps are written as
// [] and {}.
func MarshalJSON(v any) ([]byte, error) {
	bp := getBuf()
	b, err := AppendJSON(*bp, v)
	out := bytes.Clone(b)
	putBuf(bp, b)
	if err != nil {
		return nil, err
	}
	return out, nil
}

// AppendJSON appends the [MarshalJSON] form of v to dst. On error it returns
// dst unchanged.
func AppendJSON(dst []byte, v any) ([]byte, error) {
	out, err := appendValue(dst, v, 0)
	if err != nil {
		return dst, err
	}
	return out, nil
}

// appendValue encodes the common types without reflection. It is one flat
// type switch, a case per scalar type, so it runs longer than usual.
func appendValue(b []byte, v any, depth int) ([]byte, error) {
	switch x := v.(type) {
	case nil:
		return append(b, "null"...), nil
	case bool:
		return strconv.AppendBool(b, x), nil
	case string:
		return appendString(b, x)
	case int:
		return strconv.AppendInt(b, int64(x), 10), nil
	case int64:
		return strconv.AppendInt(b, x, 10), nil
	case int32:
		return strconv.AppendInt(b, int64(x), 10), nil
	case int16:
		return strconv.AppendInt(b, int64(x), 10), nil
	case int8:
		return strconv.AppendInt(b, int64(x), 10), nil
	case uint:
		return strconv.AppendUint(b, uint64(x), 10), nil
	case uint64:
		return strconv.AppendUint(b, x, 10), nil
	case uint32:
		return strconv.AppendUint(b, uint64(x), 10), nil
	case uint16:
		return strconv.AppendUint(b, uint64(x), 10), nil
	case uint8:
		return strconv.AppendUint(b, uint64(x), 10), nil
	case float64:
		return appendFloat(b, x, 64)
	case float32:
		return appendFloat(b, float64(x), 32)
	case json.Number:
		if !validNumber(string(x)) {
			return b, errBadNumber
		}
		return append(b, x...), nil
	}
	if depth >= maxDepth {
		return b, errDepth
	}
	switch x := v.(type) {
	case []any:
		return appendList(b, x, depth+1)
	case map[string]any:
		return appendMap(b, x, depth+1)
	case *Dict:
		return appendDict(b, x, depth+1)
	}
	return appendReflect(b, v, depth+1)
}

func appendList(b []byte, l []any, depth int) ([]byte, error) {
	b = append(b, '[')
	for i, e := range l {
		if i > 0 {
			b = append(b, ',')
		}
		var err error
		if b, err = appendValue(b, e, depth); err != nil {
			return b, err
		}
	}
	return append(b, ']'), nil
}

func appendMap(b []byte, m map[string]any, depth int) ([]byte, error) {
	var arr [16]string
	keys := arr[:0]
	if len(m) > len(arr) {
		keys = make([]string, 0, len(m))
	}
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	b = append(b, '{')
	for i, k := range keys {
		var err error
		if b, err = appendMember(b, i, k, m[k], depth); err != nil {
			return b, err
		}
	}
	return append(b, '}'), nil
}

func appendDict(b []byte, d *Dict, depth int) ([]byte, error) {
	if d == nil {
		return append(b, "null"...), nil
	}
	b = append(b, '{')
	d = d.view()
	for i, k := range d.keys {
		var err error
		if b, err = appendMember(b, i, k, d.m[k], depth); err != nil {
			return b, err
		}
	}
	return append(b, '}'), nil
}

// appendMember appends `,"key":value` (no comma for i == 0).
func appendMember(b []byte, i int, k string, v any, depth int) ([]byte, error) {
	if i > 0 {
		b = append(b, ',')
	}
	b, err := appendString(b, k)
	if err != nil {
		return b, err
	}
	b = append(b, ':')
	return appendValue(b, v, depth)
}

// appendFloat appends f in Python's float repr: shortest round-trip digits,
// always with "." or an exponent, exponent form when the decimal exponent is
// below -4 or at least 16.
func appendFloat(b []byte, f float64, bits int) ([]byte, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return b, fmt.Errorf("signing: cannot store %v in JSON", f)
	}
	lo, hi := 1e-4, 1e16
	if bits == 32 { // the float32 nearest to each bound prints as the bound
		lo, hi = float64(float32(lo)), float64(float32(hi))
	}
	if a := math.Abs(f); a != 0 && (a < lo || a >= hi) {
		// Go's shortest 'e' form matches Python's: 1e-05, 1.5e+16.
		return strconv.AppendFloat(b, f, 'e', -1, bits), nil
	}
	start := len(b)
	b = strconv.AppendFloat(b, f, 'f', -1, bits)
	if bytes.IndexByte(b[start:], '.') < 0 {
		b = append(b, ".0"...)
	}
	return b, nil
}

const hexDigits = "0123456789abcdef"

// appendString appends s as a Python ensure_ascii JSON string.
func appendString(b []byte, s string) ([]byte, error) {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7f && c != '"' && c != '\\' {
			i++
			continue
		}
		b = append(b, s[start:i]...)
		if c < utf8.RuneSelf {
			b = appendEscapedASCII(b, c)
			i++
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				return b, errInvalidUTF8
			}
			b = appendEscapedRune(b, r)
			i += size
		}
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"'), nil
}

func appendEscapedASCII(b []byte, c byte) []byte {
	switch c {
	case '"', '\\':
		return append(b, '\\', c)
	case '\n':
		return append(b, '\\', 'n')
	case '\r':
		return append(b, '\\', 'r')
	case '\t':
		return append(b, '\\', 't')
	case '\b':
		return append(b, '\\', 'b')
	case '\f':
		return append(b, '\\', 'f')
	}
	return appendU(b, rune(c))
}

func appendEscapedRune(b []byte, r rune) []byte {
	if r > 0xffff {
		r1, r2 := utf16.EncodeRune(r)
		return appendU(appendU(b, r1), r2)
	}
	return appendU(b, r)
}

// appendU appends \uXXXX for a UTF-16 code unit, lowercase hex.
func appendU(b []byte, r rune) []byte {
	return append(b, '\\', 'u',
		hexDigits[r>>12&0xf], hexDigits[r>>8&0xf], hexDigits[r>>4&0xf], hexDigits[r&0xf])
}
