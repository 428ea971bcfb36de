package signing

import (
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

// vector is one golden vector from ../../../shared/spec/vectors.
type vector map[string]any

// frozenTime is the instant every timestamped vector was produced at.
var frozenTime = time.Unix(1700000000, 0)

// vectorsDir returns the golden vector directory, relative to this file.
func vectorsDir(t *testing.T) string {
	t.Helper()
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatalf("runtime.Caller failed: cannot locate the vectors")
	}
	dir := filepath.Join(filepath.Dir(file), "..", "..", "..", "shared", "spec", "vectors")
	if _, err := os.Stat(dir); err != nil {
		t.Fatalf("golden vectors missing (CI always has them): %v", err)
	}
	return dir
}

// loadFile decodes a vector file with json.Number for numbers.
func loadFile(t *testing.T, name string) vector {
	t.Helper()
	f, err := os.Open(filepath.Join(vectorsDir(t), name))
	if err != nil {
		t.Fatalf("open vectors: %v", err)
	}
	defer f.Close()
	dec := json.NewDecoder(f)
	dec.UseNumber()
	var v vector
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("decode %s: %v", name, err)
	}
	return v
}

// loadList returns the named list of a vector file; it must not be empty.
func loadList(t *testing.T, file, list string) []vector {
	t.Helper()
	raw, ok := loadFile(t, file)[list].([]any)
	if !ok || len(raw) == 0 {
		t.Fatalf("%s: no %q list", file, list)
	}
	out := make([]vector, len(raw))
	for i, r := range raw {
		out[i] = vector(r.(map[string]any))
	}
	return out
}

func (v vector) str(k string) string {
	s, _ := v[k].(string)
	return s
}

func (v vector) flag(k string) bool {
	b, _ := v[k].(bool)
	return b
}

func (v vector) int(t *testing.T, k string) int64 {
	t.Helper()
	n, err := v[k].(json.Number).Int64()
	if err != nil {
		t.Fatalf("field %s: %v", k, err)
	}
	return n
}

func (v vector) sub(k string) vector {
	m, _ := v[k].(map[string]any)
	return vector(m)
}

// name is a readable subtest name for the i-th vector.
func (v vector) name(i int) string {
	for _, k := range []string{"name", "kind", "note"} {
		if s := v.str(k); s != "" {
			return strconv.Itoa(i) + "_" + s
		}
	}
	return strconv.Itoa(i)
}

// key returns the vector's secret: key_bytes_hex when given (non-UTF-8 keys),
// else key, else the file's secret_key.
func (v vector) key(t *testing.T, fileKey string) string {
	t.Helper()
	if h := v.str("key_bytes_hex"); h != "" {
		b, err := hex.DecodeString(h)
		if err != nil {
			t.Fatalf("key_bytes_hex: %v", err)
		}
		return string(b)
	}
	for _, k := range []string{"key", "secret_key"} {
		if s := v.str(k); s != "" {
			return s
		}
	}
	return fileKey
}

// goValue converts a vector's JSON input to the Go value an application would
// hold: integer text → int64 (json.Number when it overflows), other numbers →
// float64, objects → map[string]any, arrays → []any.
func goValue(t *testing.T, v any) any {
	t.Helper()
	switch x := v.(type) {
	case json.Number:
		s := string(x)
		if strings.ContainsAny(s, ".eE") {
			f, err := strconv.ParseFloat(s, 64)
			if err != nil {
				t.Fatalf("float %s: %v", s, err)
			}
			return f
		}
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return n
		}
		return x
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = goValue(t, e)
		}
		return m
	case []any:
		l := make([]any, len(x))
		for i, e := range x {
			l[i] = goValue(t, e)
		}
		return l
	}
	return v
}

// mustMarshal is MarshalJSON for values known to be encodable.
func mustMarshal(t *testing.T, v any) string {
	t.Helper()
	b, err := MarshalJSON(v)
	if err != nil {
		t.Fatalf("MarshalJSON: %v", err)
	}
	return string(b)
}
