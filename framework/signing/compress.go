package signing

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"sync"
)

// sliceWriter is an io.Writer appending to a byte slice.
type sliceWriter struct{ b []byte }

func (w *sliceWriter) Write(p []byte) (int, error) {
	w.b = append(w.b, p...)
	return len(p), nil
}

// minCompressSize is the shortest JSON that compression is tried on.
// Django (compress=True) tries every payload and keeps the compressed form
// when it saves more than one byte; any payload, compressed or not, reads
// the same in Django. Below 1 KiB the gain is small (a session this size
// fits any store and any cookie), while the cost is not: compress/flate
// clears 640 KB of match tables on each reset (about 20 µs), and every
// later read of the session pays for inflating it again (about 4 µs).
const minCompressSize = 1 << 10

type zwriter struct {
	sw sliceWriter
	zw *zlib.Writer
}

var zwPool = sync.Pool{New: func() any {
	z := &zwriter{}
	z.zw = zlib.NewWriter(&z.sw) // default level, as Python's zlib.compress
	return z
}}

// worthCompressing reports whether compressing data is worth trying.
func worthCompressing(data []byte) bool { return len(data) >= minCompressSize }

// appendCompressed appends the zlib stream of data to dst.
func appendCompressed(dst, data []byte) []byte {
	z := zwPool.Get().(*zwriter)
	z.sw.b = dst
	z.zw.Reset(&z.sw)
	z.zw.Write(data) // writes to a sliceWriter cannot fail
	z.zw.Close()
	out := z.sw.b
	z.sw.b = nil
	zwPool.Put(z)
	return out
}

type zreader struct {
	br bytes.Reader
	zr io.ReadCloser
}

var zrPool sync.Pool // *zreader

// appendDecompressed appends the decompressed zlib stream in data to dst.
func appendDecompressed(dst, data []byte) ([]byte, error) {
	z, _ := zrPool.Get().(*zreader)
	if z == nil {
		z = &zreader{}
	}
	z.br.Reset(data)
	var err error
	if z.zr == nil {
		z.zr, err = zlib.NewReader(&z.br)
	} else {
		err = z.zr.(zlib.Resetter).Reset(&z.br, nil)
	}
	if err == nil {
		dst, err = readAll(dst, z.zr)
	}
	z.br.Reset(nil)
	if z.zr != nil {
		zrPool.Put(z)
	}
	if err != nil {
		return dst, fmt.Errorf("signing: zlib decompress: %w", err)
	}
	return dst, nil
}

// readAll is io.ReadAll appending to dst.
func readAll(dst []byte, r io.Reader) ([]byte, error) {
	for {
		if len(dst) == cap(dst) {
			dst = append(dst, 0)[:len(dst)]
		}
		n, err := r.Read(dst[len(dst):cap(dst)])
		dst = dst[:len(dst)+n]
		if err == io.EOF {
			return dst, nil
		}
		if err != nil {
			return dst, err
		}
	}
}
