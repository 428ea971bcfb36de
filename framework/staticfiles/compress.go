package staticfiles

import (
	"bytes"
	"compress/gzip"
	"path"
	"strings"

	"github.com/andybalholm/brotli"
)

// incompressible are the extensions WhiteNoise does not compress: formats
// that are compressed already.
var incompressible = map[string]bool{
	"jpg": true, "jpeg": true, "png": true, "gif": true, "webp": true, "avif": true, "zip": true,
	"gz": true, "tgz": true, "bz2": true, "tbz": true, "xz": true, "br": true, "zst": true, "swf": true,
	"flv": true, "woff": true, "woff2": true, "3gp": true, "3gpp": true, "asf": true, "avi": true,
	"m4v": true, "mov": true, "mp4": true, "mpeg": true, "mpg": true, "webm": true, "wmv": true,
	"mp3": true, "ogg": true, "pdf": true,
}

// compressible reports whether collectstatic writes compressed variants
// of name.
func compressible(name string) bool {
	return !incompressible[strings.ToLower(strings.TrimPrefix(path.Ext(name), "."))]
}

// encodings are the variants collectstatic writes and the handler
// serves, best first: the suffix of the variant's file and its
// Content-Encoding.
var encodings = []struct{ suffix, name string }{
	{".br", "br"},
	{".gz", "gzip"},
}

// compressRatio is the largest compressed size kept, as a share of the
// original's: WhiteNoise keeps a variant only if it saves 5%.
const compressRatio = 0.95

// compressed returns content encoded as name ("br" or "gzip") at the
// best compression, and whether it is worth keeping.
func compressed(encoding string, content []byte) ([]byte, bool) {
	var b bytes.Buffer
	switch encoding {
	case "br":
		w := brotli.NewWriterLevel(&b, brotli.BestCompression)
		w.Write(content) //nolint:errcheck // writes to a buffer
		w.Close()
	default:
		w, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
		w.Write(content) //nolint:errcheck // writes to a buffer
		w.Close()
	}
	return b.Bytes(), float64(b.Len()) < compressRatio*float64(len(content))
}
