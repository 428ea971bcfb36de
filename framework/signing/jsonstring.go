package signing

import (
	"unicode/utf16"
	"unicode/utf8"
)

// str parses a string at d.pos (which holds '"').
func (d *decoder) str() (string, error) {
	d.pos++
	start := d.pos
	for i := start; i < len(d.data); i++ {
		switch c := d.data[i]; {
		case c == '"':
			d.pos = i + 1
			return string(d.data[start:i]), nil
		case c == '\\' || c < 0x20 || c >= utf8.RuneSelf:
			return d.slowStr(start)
		}
	}
	d.pos = len(d.data)
	return "", d.errorf("unterminated string")
}

// slowStr decodes escapes and Latin-1 bytes of a string starting at start.
func (d *decoder) slowStr(start int) (string, error) {
	buf := d.buf[:0]
	defer func() { d.buf = buf }()
	for i := start; i < len(d.data); {
		c := d.data[i]
		switch {
		case c == '"':
			d.pos = i + 1
			return string(buf), nil
		case c < 0x20:
			d.pos = i
			return "", d.errorf("invalid control character in string")
		case c >= utf8.RuneSelf:
			buf = utf8.AppendRune(buf, rune(c)) // Latin-1
			i++
		case c != '\\':
			buf = append(buf, c)
			i++
		default:
			var err error
			if buf, i, err = d.escape(buf, i); err != nil {
				return "", err
			}
		}
	}
	d.pos = len(d.data)
	return "", d.errorf("unterminated string")
}

var simpleEscapes = [256]byte{'"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}

// escape decodes the escape at data[i] ('\\') into buf and returns the next index.
func (d *decoder) escape(buf []byte, i int) ([]byte, int, error) {
	if i+1 >= len(d.data) {
		d.pos = i
		return buf, i, d.errorf("unterminated string")
	}
	if c := simpleEscapes[d.data[i+1]]; c != 0 {
		return append(buf, c), i + 2, nil
	}
	if d.data[i+1] != 'u' {
		d.pos = i
		return buf, i, d.errorf("invalid escape")
	}
	r, ok := hex4(d.data, i+2)
	if !ok {
		d.pos = i
		return buf, i, d.errorf("invalid \\u escape")
	}
	i += 6
	if utf16.IsSurrogate(r) && r < 0xdc00 && i+1 < len(d.data) && d.data[i] == '\\' && d.data[i+1] == 'u' {
		if r2, ok := hex4(d.data, i+2); ok && 0xdc00 <= r2 && r2 <= 0xdfff {
			return utf8.AppendRune(buf, utf16.DecodeRune(r, r2)), i + 6, nil
		}
	}
	// A lone surrogate (Python keeps it) cannot live in UTF-8: U+FFFD.
	return utf8.AppendRune(buf, r), i, nil
}

// hex4 parses four hex digits at data[i:].
func hex4(data []byte, i int) (rune, bool) {
	if i+4 > len(data) {
		return 0, false
	}
	var r rune
	for _, c := range data[i : i+4] {
		var v byte
		switch {
		case '0' <= c && c <= '9':
			v = c - '0'
		case 'a' <= c && c <= 'f':
			v = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			v = c - 'A' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(v)
	}
	return r, true
}
