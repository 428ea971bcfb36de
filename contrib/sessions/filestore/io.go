package filestore

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// write atomically replaces name with data, dated expiry - CookieAge.
func (s *Store) write(name, data string, expiry time.Time) error {
	tmp, err := os.CreateTemp(s.dir, filepath.Base(name)+"_out_*")
	if err != nil {
		return err
	}
	_, err = tmp.WriteString(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chtimes(tmp.Name(), time.Time{}, expiry.Add(-s.age))
	}
	if err == nil {
		err = os.Rename(tmp.Name(), name)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}

// readAll reads f, whose size was size when opened, as os.ReadFile does.
func readAll(f *os.File, size int64) (string, error) {
	b := make([]byte, 0, size+1)
	for {
		n, err := f.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return string(b), nil
		}
		if err != nil {
			return "", err
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
	}
}

// fail wraps err for op, without the file name: it holds the session key.
func fail(op string, err error) error {
	var pe *fs.PathError
	var le *os.LinkError
	switch {
	case errors.As(err, &pe):
		err = fmt.Errorf("%s session file: %w", pe.Op, pe.Err)
	case errors.As(err, &le):
		err = fmt.Errorf("%s session file: %w", le.Op, le.Err)
	}
	return fmt.Errorf("filestore: %s: %w", op, err)
}
