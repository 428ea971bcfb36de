package signing

import (
	"fmt"
	"math"
)

// UnmarshalJSON parses data as Django's JSONSerializer.loads does
// (json.loads(data.decode("latin-1"))). Objects become map[string]any (the
// top level too), arrays []any, numbers without "." or exponent int64 (or
// json.Number when they do not fit), other numbers float64, and strings,
// booleans and null their Go forms. NaN, Infinity and -Infinity are accepted,
// as Python does; of duplicate keys the last wins; raw control characters in
// strings are rejected. Bytes 0x80-0xFF inside strings are read as Latin-1
// characters, exactly as Django reads them (Django writes only ASCII).
func UnmarshalJSON(data []byte) (any, error) {
	d := decoder{data: data}
	v, err := d.document()
	if err != nil {
		return nil, err
	}
	return v, nil
}

// UnmarshalDict parses a top-level JSON object into a [*Dict] that keeps the
// keys in document order (a duplicate key keeps its first position and its
// last value, as a Python dict does). Nested objects are map[string]any.
func UnmarshalDict(data []byte) (*Dict, error) {
	d := decoder{data: data, dict: true}
	d.skipSpace()
	if d.peek() != '{' {
		return nil, d.errorf("expected an object")
	}
	v, err := d.document()
	if err != nil {
		return nil, err
	}
	return v.(*Dict), nil
}

type decoder struct {
	data  []byte
	buf   []byte // scratch for strings with escapes
	pos   int
	depth int
	dict  bool // the next object decodes as *Dict (the top level, for UnmarshalDict)
}

func (d *decoder) errorf(format string, args ...any) error {
	return fmt.Errorf("signing: JSON at offset %d: %s", d.pos, fmt.Sprintf(format, args...))
}

// document parses one value with optional surrounding whitespace.
func (d *decoder) document() (any, error) {
	d.skipSpace()
	v, err := d.value()
	if err != nil {
		return nil, err
	}
	d.skipSpace()
	if d.pos != len(d.data) {
		return nil, d.errorf("extra data")
	}
	return v, nil
}

func (d *decoder) skipSpace() {
	for d.pos < len(d.data) {
		switch d.data[d.pos] {
		case ' ', '\t', '\n', '\r':
			d.pos++
		default:
			return
		}
	}
}

// peek returns the next byte, or 0 at the end.
func (d *decoder) peek() byte {
	if d.pos < len(d.data) {
		return d.data[d.pos]
	}
	return 0
}

func (d *decoder) value() (any, error) {
	switch c := d.peek(); {
	case c == '"':
		return d.str()
	case c == '{':
		return d.object()
	case c == '[':
		return d.array()
	case c == '-' || '0' <= c && c <= '9':
		return d.number()
	case d.pos >= len(d.data):
		return nil, d.errorf("unexpected end of input")
	}
	return d.literal()
}

var literals = []struct {
	text string
	v    any
}{
	{"null", nil}, {"true", true}, {"false", false},
	{"NaN", math.NaN()}, {"Infinity", math.Inf(1)}, {"-Infinity", math.Inf(-1)},
}

func (d *decoder) literal() (any, error) {
	rest := d.data[d.pos:]
	for _, l := range literals {
		if len(rest) >= len(l.text) && string(rest[:len(l.text)]) == l.text {
			d.pos += len(l.text)
			return l.v, nil
		}
	}
	return nil, d.errorf("invalid character")
}

func (d *decoder) enter() error {
	d.depth++
	if d.depth > maxDepth {
		return errDepth
	}
	return nil
}

func (d *decoder) array() (any, error) {
	if err := d.enter(); err != nil {
		return nil, err
	}
	d.pos++ // [
	list := []any{}
	d.skipSpace()
	if d.peek() == ']' {
		d.pos++
		d.depth--
		return list, nil
	}
	for {
		d.skipSpace()
		v, err := d.value()
		if err != nil {
			return nil, err
		}
		list = append(list, v)
		if done, err := d.next(']'); done || err != nil {
			d.depth--
			return list, err
		}
	}
}

// next consumes "," (false) or the closing byte (true) after a member.
func (d *decoder) next(closing byte) (bool, error) {
	d.skipSpace()
	switch d.peek() {
	case ',':
		d.pos++
		return false, nil
	case closing:
		d.pos++
		return true, nil
	}
	if d.pos >= len(d.data) {
		return true, d.errorf("unexpected end of input")
	}
	return true, d.errorf("expected ',' or %q", closing)
}

// object parses an object into a map[string]any, or into a *Dict for the
// top level of UnmarshalDict.
func (d *decoder) object() (any, error) {
	if err := d.enter(); err != nil {
		return nil, err
	}
	d.pos++ // {
	if d.dict {
		d.dict = false
		dict := NewDict()
		return dict, d.members(nil, dict)
	}
	m := map[string]any{}
	return m, d.members(m, nil)
}

// members parses `"key": value, ...}` into m or, if m is nil, into dict.
func (d *decoder) members(m map[string]any, dict *Dict) error {
	defer func() { d.depth-- }()
	d.skipSpace()
	if d.peek() == '}' {
		d.pos++
		return nil
	}
	for {
		k, v, err := d.member()
		if err != nil {
			return err
		}
		if m != nil {
			m[k] = v
		} else {
			dict.Set(k, v)
		}
		if done, err := d.next('}'); done || err != nil {
			return err
		}
	}
}

// member parses one `"key": value`.
func (d *decoder) member() (string, any, error) {
	d.skipSpace()
	if d.peek() != '"' {
		return "", nil, d.errorf("expected a string key")
	}
	k, err := d.str()
	if err != nil {
		return "", nil, err
	}
	d.skipSpace()
	if d.peek() != ':' {
		return "", nil, d.errorf("expected ':'")
	}
	d.pos++
	d.skipSpace()
	v, err := d.value()
	return k, v, err
}
