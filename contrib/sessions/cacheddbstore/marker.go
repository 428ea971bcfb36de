package cacheddbstore

import (
	"crypto/rand"
	"time"
)

// writeTTL is how long a write's marker lives: long enough to outlast the
// write it announces (the middleware bounds a save to 30 seconds), short
// enough that a write that failed leaves reads uncached only briefly.
const writeTTL = 2 * time.Minute

// leaseTTL is how long a reader's lease lives: a reader that takes longer
// between its lease and its fill caches nothing.
const leaseTTL = 10 * time.Second

// markerTag starts every marker. Encoded session strings are base64 and
// colons, so no session is ever taken for a marker.
const markerTag = "\x00cached_db:"

// newMarker returns a marker no other write or reader will ever use.
func newMarker() []byte {
	return []byte(markerTag + rand.Text())
}

// isMarker reports whether a cached value is a marker rather than data.
func isMarker(b []byte) bool {
	return len(b) >= len(markerTag) && string(b[:len(markerTag)]) == markerTag
}
