//go:build unix

package filestore

import (
	"errors"
	"os"
	"syscall"
)

// lock takes an exclusive advisory lock (flock) on f, which closing f
// releases. Locks on separate opens of one file exclude each other, in
// one process or in several sharing the directory. release does nothing.
func (s *Store) lock(f *os.File) (release func(), err error) {
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX)
		if !errors.Is(err, syscall.EINTR) {
			return func() {}, err
		}
	}
}
