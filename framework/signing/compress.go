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

type zwriter struct {
	sw sliceWriter
	zw *zlib.Writer
}

var zwPool = sync.Pool{New: func() any {
	z := &zwriter{}
	z.zw = zlib.NewWriter(&z.sw) // default level, as Python's zlib.compress
	return z
}}

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
