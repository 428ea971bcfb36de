package staticfiles

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// ManifestName is the manifest's file name in STATIC_ROOT, Django's.
const ManifestName = "staticfiles.json"

// manifestVersion is the manifest format Django 3.2 reads and writes.
const manifestVersion = "1.0"

// Manifest maps static names to hashed names, as Django's staticfiles.json
// does: "css/site.css" → "css/site.5e0ac1ac7b3a.css".
type Manifest map[string]string

// ErrNoManifest is wrapped by [LoadManifest]'s error when the manifest
// file does not exist: collectstatic has not run.
var ErrNoManifest = errors.New("staticfiles: no " + ManifestName + " (run collectstatic)")

// LoadManifest reads staticfiles.json from the root of fsys (STATIC_ROOT),
// in the format Django 3.2 reads: {"paths": {...}, "version": "1.0"}.
func LoadManifest(fsys fs.FS) (Manifest, error) {
	b, err := fs.ReadFile(fsys, ManifestName)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, ErrNoManifest
	}
	if err != nil {
		return nil, fmt.Errorf("staticfiles: %w", err)
	}
	var stored struct {
		Paths   map[string]string `json:"paths"`
		Version string            `json:"version"`
	}
	if err := json.Unmarshal(b, &stored); err != nil || stored.Version != manifestVersion {
		return nil, fmt.Errorf("staticfiles: couldn't load manifest %s (version %s)", ManifestName, manifestVersion)
	}
	return stored.Paths, nil
}

// MarshalJSON writes the manifest as Django's json.dumps does, names
// sorted: {"paths": {"a.css": "a.0123456789ab.css"}, "version": "1.0"}.
func (m Manifest) MarshalJSON() ([]byte, error) {
	var b strings.Builder
	b.WriteString(`{"paths": {`)
	for i, k := range slices.Sorted(maps.Keys(m)) {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(pyString(k) + ": " + pyString(m[k]))
	}
	b.WriteString(`}, "version": "` + manifestVersion + `"}`)
	return []byte(b.String()), nil
}

// pyString quotes s as Python's json.dumps does: ASCII only, with \uXXXX
// escapes (surrogate pairs beyond the BMP).
func pyString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteString(`\` + string(r))
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\b':
			b.WriteString(`\b`)
		case r == '\f':
			b.WriteString(`\f`)
		case r < 0x20 || (r > 0x7f && r < 0x10000) || r == utf8.RuneError:
			b.WriteString(`\u` + fmt.Sprintf("%04x", r))
		case r >= 0x10000:
			r -= 0x10000
			b.WriteString(`\u` + strconv.FormatInt(int64(0xd800+(r>>10)), 16) + `\u` + strconv.FormatInt(int64(0xdc00+(r&0x3ff)), 16))
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
