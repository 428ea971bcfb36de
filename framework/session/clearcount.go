package session

import "context"

// ExpiredCounter is implemented by stores that can say how many expired
// records they removed. The clearsessions command prefers it to
// [ExpiredClearer] and reports the count; a store implementing it
// implements ExpiredClearer too.
type ExpiredCounter interface {
	// ClearExpiredCount removes every record whose expiry has passed, and
	// only those, as ClearExpired does, and returns how many it removed.
	// On an error, n counts the records removed before it.
	ClearExpiredCount(ctx context.Context) (n int64, err error)
}
