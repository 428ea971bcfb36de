package redis_test

import (
	"fmt"

	"github.com/manouche-go/manouche/framework/cache"
	"github.com/manouche-go/manouche/framework/cache/redis"
)

// A CACHES entry opens a Redis cache without connecting: connections are
// made on first use. Keys are stored the way Django names them.
func Example() {
	c, err := cache.Open(cache.Config{
		Backend:   "django.core.cache.backends.redis.RedisCache",
		Location:  "redis://127.0.0.1:6379/0",
		KeyPrefix: "site",
		Options:   map[string]any{"pool_size": 20, "socket_timeout": 0.5},
	})
	if err != nil {
		panic(err)
	}
	rc := c.(*redis.Cache)
	defer rc.Close()
	fmt.Println(rc.Key("django.contrib.sessions.cache" + "2b1189a188b44ad18c35e113ac6ceead"))
	// Output: site:1:django.contrib.sessions.cache2b1189a188b44ad18c35e113ac6ceead
}
