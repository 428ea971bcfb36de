package signing

import (
	"crypto/hmac"
	"encoding/base64"
	"hash"
	"sync"
)

// maxPooledBuf is the largest scratch buffer kept for reuse; larger ones are
// left to the garbage collector so one huge value does not pin memory.
const maxPooledBuf = 64 << 10

var bufPool = sync.Pool{New: func() any { b := make([]byte, 0, 512); return &b }}

// getBuf returns an empty scratch buffer from the pool.
func getBuf() *[]byte {
	bp := bufPool.Get().(*[]byte)
	*bp = (*bp)[:0]
	return bp
}

// putBuf returns b (which may have grown from *bp) to the pool.
func putBuf(bp *[]byte, b []byte) {
	if cap(b) > maxPooledBuf {
		return
	}
	*bp = b[:0]
	bufPool.Put(bp)
}

// macKey is one precomputed HMAC key (a derived salted_hmac key) with a pool
// of keyed hashers, so signing never derives keys or allocates a hasher.
type macKey struct {
	size int // digest size in bytes
	pool sync.Pool
}

// macState is a keyed hasher with room for its digest (a stack array would
// escape through the hash.Hash interface).
type macState struct {
	h   hash.Hash
	sum []byte
}

func newMACKey(newHash func() hash.Hash, derived []byte) *macKey {
	k := &macKey{size: newHash().Size()}
	k.pool.New = func() any {
		return &macState{h: hmac.New(newHash, derived), sum: make([]byte, 0, k.size)}
	}
	return k
}

// appendSignature appends b64url(HMAC(msg)) to dst.
func (k *macKey) appendSignature(dst, msg []byte) []byte {
	st := k.pool.Get().(*macState)
	st.h.Reset()
	st.h.Write(msg)
	st.sum = st.h.Sum(st.sum[:0])
	dst = base64.RawURLEncoding.AppendEncode(dst, st.sum)
	k.pool.Put(st)
	return dst
}

// sigLen is the length of a b64url signature made with k.
func (k *macKey) sigLen() int { return base64.RawURLEncoding.EncodedLen(k.size) }
