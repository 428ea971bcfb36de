//go:build !unix

package filestore

import "os"

// lock takes the store's mutex where flock is missing: SaveIf is then
// atomic only among the goroutines of one process.
func (s *Store) lock(*os.File) (release func(), err error) {
	s.mu.Lock()
	return s.mu.Unlock, nil
}
