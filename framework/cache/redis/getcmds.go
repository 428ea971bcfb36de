package redis

import (
	"hash/maphash"
	"sync/atomic"

	"github.com/redis/rueidis"
)

// getCmdSlots is the size of a cache's table of near-cache GET commands.
const getCmdSlots = 1 << 12

// getCmds remembers the near cache's GET commands of recently read keys,
// each built once and pinned, so that it can be sent again and again:
// building one (the key's prefix, its cluster slot, a buffer from
// rueidis's pool) cost a fifth of a near-cache read. Each key has one
// slot, chosen by its hash; a key whose slot holds another key builds
// its command and takes the slot. It is safe for concurrent use.
type getCmds struct {
	seed  maphash.Seed
	slots [getCmdSlots]atomic.Pointer[getCmd]
}

type getCmd struct {
	key string // without the prefix
	cmd rueidis.Cacheable
}

func newGetCmds() *getCmds { return &getCmds{seed: maphash.MakeSeed()} }

// get returns the pinned GET command of prefix+key, built by cl.
func (g *getCmds) get(cl rueidis.Client, prefix, key string) rueidis.Cacheable {
	slot := &g.slots[maphash.String(g.seed, key)&(getCmdSlots-1)]
	if e := slot.Load(); e != nil && e.key == key {
		return e.cmd
	}
	e := &getCmd{key: key, cmd: cl.B().Get().Key(prefix + key).Cache().Pin()}
	slot.Store(e)
	return e.cmd
}
