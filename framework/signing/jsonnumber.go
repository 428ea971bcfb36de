package signing

import (
	"encoding/json"
	"strconv"
)

// number parses Python's JSON number grammar:
// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)? or -Infinity.
func (d *decoder) number() (any, error) {
	start := d.pos
	s := d.data[start:]
	if len(s) > 1 && s[0] == '-' && s[1] == 'I' {
		return d.literal()
	}
	i := 0
	if s[0] == '-' {
		i++
	}
	switch {
	case i < len(s) && s[i] == '0':
		i++
	case i < len(s) && '1' <= s[i] && s[i] <= '9':
		i = skipDigitsB(s, i)
	default:
		return nil, d.errorf("invalid number")
	}
	isFloat := false
	if i+1 < len(s) && s[i] == '.' && isDigit(s[i+1]) {
		i, isFloat = skipDigitsB(s, i+1), true
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		j := i + 1
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		if j < len(s) && isDigit(s[j]) {
			i, isFloat = skipDigitsB(s, j), true
		}
	}
	d.pos += i
	return parseNumber(string(s[:i]), isFloat), nil
}

// parseNumber converts number text known to be well formed.
func parseNumber(text string, isFloat bool) any {
	if isFloat {
		f, _ := strconv.ParseFloat(text, 64) // out of range gives ±Inf or 0, as Python
		return f
	}
	if n, err := strconv.ParseInt(text, 10, 64); err == nil {
		return n
	}
	return json.Number(text)
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func skipDigitsB(s []byte, i int) int {
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return i
}

// validNumber reports whether s is a JSON number (RFC 8259 grammar).
func validNumber(s string) bool {
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	switch {
	case i < len(s) && s[i] == '0':
		i++
	case i < len(s) && '1' <= s[i] && s[i] <= '9':
		i = skipDigits(s, i)
	default:
		return false
	}
	if i < len(s) && s[i] == '.' {
		j := skipDigits(s, i+1)
		if j == i+1 {
			return false
		}
		i = j
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		j := skipDigits(s, i)
		if j == i {
			return false
		}
		i = j
	}
	return i == len(s)
}

func skipDigits(s string, i int) int {
	for i < len(s) && '0' <= s[i] && s[i] <= '9' {
		i++
	}
	return i
}
