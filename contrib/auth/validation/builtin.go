package validation

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

const dotted = "django.contrib.auth.password_validation."

func init() {
	Register(newSimilarity, dotted+"UserAttributeSimilarityValidator", "UserAttributeSimilarityValidator")
	Register(newMinimumLength, dotted+"MinimumLengthValidator", "MinimumLengthValidator")
	Register(newCommon, dotted+"CommonPasswordValidator", "CommonPasswordValidator")
	Register(func(o map[string]any) (Validator, error) { return Numeric{}, checkOptions(o) },
		dotted+"NumericPasswordValidator", "NumericPasswordValidator")
}

// checkOptions refuses options a validator does not take, naming them.
func checkOptions(o map[string]any, known ...string) error {
	for k := range o {
		found := false
		for _, n := range known {
			found = found || k == n
		}
		if !found {
			return fmt.Errorf("unknown option %q (takes: %s)", k, strings.Join(append(known, "nothing else"), ", "))
		}
	}
	return nil
}

// MinimumLength is Django's MinimumLengthValidator: at least MinLength
// characters (Unicode code points).
type MinimumLength struct{ MinLength int }

func newMinimumLength(o map[string]any) (Validator, error) {
	n, err := intOption(o, "min_length", 8)
	if err == nil && n < 0 {
		err = errors.New("min_length must be a non-negative integer")
	}
	if err == nil {
		err = checkOptions(o, "min_length")
	}
	if err != nil {
		return nil, err
	}
	return MinimumLength{MinLength: n}, nil
}

func (v MinimumLength) Validate(password string, _ []Attribute) error {
	if utf8.RuneCountInString(password) < v.MinLength {
		return fmt.Errorf("This password is too short. It must contain at least %d %s.", v.MinLength, plural(v.MinLength, "character"))
	}
	return nil
}

func (v MinimumLength) HelpText() string {
	return fmt.Sprintf("Your password must contain at least %d %s.", v.MinLength, plural(v.MinLength, "character"))
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

// Numeric is Django's NumericPasswordValidator: not only digits.
type Numeric struct{}

func (Numeric) Validate(password string, _ []Attribute) error {
	if password == "" || strings.IndexFunc(password, func(r rune) bool { return !unicode.IsDigit(r) }) >= 0 {
		return nil
	}
	return errors.New("This password is entirely numeric.")
}

func (Numeric) HelpText() string { return "Your password can’t be entirely numeric." }

// Common is Django's CommonPasswordValidator: not in a list of common
// passwords (lower-cased, surrounding spaces ignored).
type Common struct{ passwords map[string]struct{} }

//go:embed common-passwords.txt.gz
var commonList []byte

// embedded is the parsed embedded list, read once: a read-only table.
var embedded = sync.OnceValues(func() (map[string]struct{}, error) { return readList(bytes.NewReader(commonList)) })

func newCommon(o map[string]any) (Validator, error) {
	if err := checkOptions(o, "password_list_path"); err != nil {
		return nil, err
	}
	path, _ := o["password_list_path"].(string)
	if path == "" {
		set, err := embedded()
		return Common{set}, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("password_list_path: %w", err)
	}
	defer f.Close()
	set, err := readList(f)
	return Common{set}, err
}

// readList reads one password a line, gzipped or not.
func readList(r io.Reader) (map[string]struct{}, error) {
	br := bufio.NewReader(r)
	if head, _ := br.Peek(2); len(head) == 2 && head[0] == 0x1f && head[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("password list: %w", err)
		}
		br = bufio.NewReader(zr)
	}
	set := map[string]struct{}{}
	sc := bufio.NewScanner(br)
	for sc.Scan() {
		set[strings.TrimSpace(sc.Text())] = struct{}{}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("password list: %w", err)
	}
	return set, nil
}

func (v Common) Validate(password string, _ []Attribute) error {
	if _, ok := v.passwords[strings.TrimSpace(strings.ToLower(password))]; ok {
		return errors.New("This password is too common.")
	}
	return nil
}

func (Common) HelpText() string { return "Your password can’t be a commonly used password." }

// Similarity is Django's UserAttributeSimilarityValidator: the password
// must not resemble the user's attributes (or their parts split at
// non-word characters) by a quick ratio of MaxSimilarity or more.
type Similarity struct {
	UserAttributes []string
	MaxSimilarity  float64
}

func newSimilarity(o map[string]any) (Validator, error) {
	if err := checkOptions(o, "user_attributes", "max_similarity"); err != nil {
		return nil, err
	}
	v := Similarity{UserAttributes: []string{"username", "first_name", "last_name", "email"}, MaxSimilarity: 0.7}
	if raw, ok := o["user_attributes"]; ok {
		list, ok := raw.([]any)
		if !ok {
			return nil, errors.New("user_attributes must be a list of attribute names")
		}
		v.UserAttributes = v.UserAttributes[:0:0]
		for _, a := range list {
			s, ok := a.(string)
			if !ok {
				return nil, errors.New("user_attributes must be a list of attribute names")
			}
			v.UserAttributes = append(v.UserAttributes, s)
		}
	}
	if raw, ok := o["max_similarity"]; ok {
		f, ok := toFloat(raw)
		if !ok || f < 0.1 {
			return nil, errors.New("max_similarity must be at least 0.1")
		}
		v.MaxSimilarity = f
	}
	return v, nil
}

func (v Similarity) Validate(password string, user []Attribute) error {
	password = strings.ToLower(password)
	for _, name := range v.UserAttributes {
		for _, a := range user {
			if a.Name != name || a.Value == "" {
				continue
			}
			if v.similar(password, strings.ToLower(a.Value)) {
				return fmt.Errorf("The password is too similar to the %s.", a.VerboseName)
			}
		}
	}
	return nil
}

// similar compares password with value and with each part of value.
func (v Similarity) similar(password, value string) bool {
	parts := append(strings.FieldsFunc(value, func(r rune) bool { return !isWord(r) }), value)
	for _, part := range parts {
		if exceedsLengthRatio(password, v.MaxSimilarity, part) {
			continue
		}
		if quickRatio(password, part) >= v.MaxSimilarity {
			return true
		}
	}
	return false
}

func (Similarity) HelpText() string {
	return "Your password can’t be too similar to your other personal information."
}

// isWord is Python's \w: letters, digits and the underscore.
func isWord(r rune) bool { return r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r) }

// exceedsLengthRatio is Django's exceeds_maximum_length_ratio: a value
// much shorter than the password cannot reach maxSimilarity.
func exceedsLengthRatio(password string, maxSimilarity float64, value string) bool {
	p, n := utf8.RuneCountInString(password), utf8.RuneCountInString(value)
	return p >= 10*n && float64(n) < maxSimilarity/2*float64(p)
}

// quickRatio is Python's SequenceMatcher(a=a, b=b).quick_ratio(): twice
// the size of the intersection of a and b as multisets of characters,
// divided by their total length.
func quickRatio(a, b string) float64 {
	count := map[rune]int{}
	for _, r := range b {
		count[r]++
	}
	matches := 0
	for _, r := range a {
		if count[r] > 0 {
			matches++
		}
		count[r]--
	}
	total := utf8.RuneCountInString(a) + utf8.RuneCountInString(b)
	if total == 0 {
		return 1
	}
	return 2 * float64(matches) / float64(total)
}

// intOption reads an integer option, def when absent.
func intOption(o map[string]any, name string, def int) (int, error) {
	raw, ok := o[name]
	if !ok {
		return def, nil
	}
	f, ok := toFloat(raw)
	if !ok || f != math.Trunc(f) {
		return 0, fmt.Errorf("%s must be an integer, got %v", name, raw)
	}
	return int(f), nil
}

// toFloat reads a number as YAML (int, float) or the environment (text)
// gives it.
func toFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	case uint64:
		return float64(x), true
	case float64:
		return x, true
	case string:
		var f float64
		_, err := fmt.Sscan(strings.TrimSpace(x), &f)
		return f, err == nil
	}
	return 0, false
}
