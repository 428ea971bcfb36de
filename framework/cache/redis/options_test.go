package redis

import (
	"strings"
	"testing"
	"time"

	goredis "github.com/redis/go-redis/v9"
)

func TestClientOptions(t *testing.T) {
	tests := []struct {
		name     string
		location string
		options  map[string]any
		check    func(o *goredis.Options) bool
		wantErr  string // substring; "" = success
	}{
		{"URL address and database", "redis://127.0.0.1:6380/2", nil,
			func(o *goredis.Options) bool { return o.Addr == "127.0.0.1:6380" && o.DB == 2 && o.TLSConfig == nil }, ""},
		{"default port", "redis://cache.internal", nil,
			func(o *goredis.Options) bool { return o.Addr == "cache.internal:6379" && o.DB == 0 }, ""},
		{"rediss means TLS", "rediss://cache.internal:6380/0", nil,
			func(o *goredis.Options) bool { return o.TLSConfig != nil && o.TLSConfig.ServerName == "cache.internal" }, ""},
		{"URL credentials", "redis://app:s3cret@127.0.0.1:6379/0", nil,
			func(o *goredis.Options) bool { return o.Username == "app" && o.Password == "s3cret" }, ""},
		{"URL query parameters", "redis://127.0.0.1:6379/0?pool_size=7&dial_timeout=2s", nil,
			func(o *goredis.Options) bool { return o.PoolSize == 7 && o.DialTimeout == 2*time.Second }, ""},
		{"caller deadlines are honoured and a refused dial fails fast", "redis://127.0.0.1", nil,
			func(o *goredis.Options) bool { return o.ContextTimeoutEnabled && o.DialerRetries == 1 }, ""},
		{"dialer_retries", "redis://127.0.0.1", map[string]any{"dialer_retries": 5},
			func(o *goredis.Options) bool { return o.DialerRetries == 5 }, ""},
		{"pool options", "redis://127.0.0.1", map[string]any{"pool_size": 20, "min_idle_conns": int64(2), "max_retries": -1},
			func(o *goredis.Options) bool { return o.PoolSize == 20 && o.MinIdleConns == 2 && o.MaxRetries == -1 }, ""},
		{"Django and redis-py names", "redis://127.0.0.1", map[string]any{"max_connections": 30, "min_idle": 3, "socket_connect_timeout": 1.5, "socket_timeout": 2},
			func(o *goredis.Options) bool {
				return o.PoolSize == 30 && o.MinIdleConns == 3 && o.DialTimeout == 1500*time.Millisecond &&
					o.ReadTimeout == 2*time.Second && o.WriteTimeout == 2*time.Second
			}, ""},
		{"timeouts as durations and strings from the environment", "redis://127.0.0.1", map[string]any{"read_timeout": "250ms", "write_timeout": "0.5", "pool_timeout": float64(4), "pool_size": "12"},
			func(o *goredis.Options) bool {
				return o.ReadTimeout == 250*time.Millisecond && o.WriteTimeout == 500*time.Millisecond &&
					o.PoolTimeout == 4*time.Second && o.PoolSize == 12
			}, ""},
		{"OPTIONS credentials and db win over the URL", "redis://u:p@127.0.0.1/1", map[string]any{"username": "app", "password": "pw", "db": 3},
			func(o *goredis.Options) bool { return o.Username == "app" && o.Password == "pw" && o.DB == 3 }, ""},
		{"upper-case OPTIONS names from code", "redis://127.0.0.1", map[string]any{"POOL_SIZE": 5},
			func(o *goredis.Options) bool { return o.PoolSize == 5 }, ""},
		{"tls option", "redis://cache.internal:6380", map[string]any{"tls": true},
			func(o *goredis.Options) bool { return o.TLSConfig != nil && o.TLSConfig.ServerName == "cache.internal" }, ""},
		{"tls false turns rediss off", "rediss://cache.internal", map[string]any{"tls": "false"},
			func(o *goredis.Options) bool { return o.TLSConfig == nil }, ""},
		{"insecure_skip_verify implies TLS", "redis://cache.internal", map[string]any{"insecure_skip_verify": true},
			func(o *goredis.Options) bool { return o.TLSConfig != nil && o.TLSConfig.InsecureSkipVerify }, ""},
		{"tls false wins over insecure_skip_verify", "rediss://cache.internal", map[string]any{"insecure_skip_verify": true, "tls": false},
			func(o *goredis.Options) bool { return o.TLSConfig == nil }, ""},
		{"Django class paths are ignored", "redis://127.0.0.1", map[string]any{"client_class": "django_redis.client.DefaultClient", "parser_class": "redis.connection.HiredisParser"},
			func(*goredis.Options) bool { return true }, ""},
		{"empty LOCATION", "", nil, nil, "LOCATION is empty"},
		{"wrong scheme", "http://127.0.0.1:6379", nil, nil, "invalid URL scheme"},
		{"bad database", "redis://127.0.0.1/x", nil, nil, "invalid database number"},
		{"unknown option", "redis://127.0.0.1", map[string]any{"serializer": "x"}, nil, `unknown OPTIONS key "serializer" (accepted: client_class, db,`},
		{"fractional pool size", "redis://127.0.0.1", map[string]any{"pool_size": 1.5}, nil, "OPTIONS pool_size: got float64 1.5, want an integer of at least 1"},
		{"zero pool size", "redis://127.0.0.1", map[string]any{"pool_size": 0}, nil, "want an integer of at least 1"},
		{"negative timeout", "redis://127.0.0.1", map[string]any{"dial_timeout": -1}, nil, "OPTIONS dial_timeout: got int -1, want seconds"},
		{"bad duration", "redis://127.0.0.1", map[string]any{"read_timeout": "soon"}, nil, "want seconds (such as 0.5) or a duration"},
		{"bad bool", "redis://127.0.0.1", map[string]any{"tls": "maybe"}, nil, "OPTIONS tls: got string maybe, want true or false"},
		{"password not a string", "redis://127.0.0.1", map[string]any{"password": 12345}, nil, "OPTIONS password: got int, want a string"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, err := clientOptions(tt.location, tt.options)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("got error %v, want one containing %q", err, tt.wantErr)
				}
				if strings.Contains(err.Error(), "12345") {
					t.Errorf("got error %q, which repeats the password", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("got error %v, want nil", err)
			}
			if !tt.check(o) {
				t.Errorf("got options %+v, not what %q asks", *o, tt.name)
			}
		})
	}
}

func TestClientOptions_passwordNotInErrors(t *testing.T) {
	for _, loc := range []string{"redis://:hunter2@127.0.0.1:xx/0", "redis://:hunter2@127.0.0.1/x", "redis://u:hunter2@[::1"} {
		_, err := clientOptions(loc, nil)
		if err == nil || strings.Contains(err.Error(), "hunter2") {
			t.Errorf("LOCATION %q: got error %v, want one without the password", loc, err)
		}
	}
}

func TestMilliseconds(t *testing.T) {
	tests := []struct {
		ttl  time.Duration
		want int64
	}{
		{time.Nanosecond, 1},
		{time.Millisecond, 1},
		{time.Millisecond + 1, 2},
		{1500 * time.Millisecond, 1500},
		{1209600 * time.Second, 1209600000},
		{time.Duration(1<<63 - 1), 9223372036855},
	}
	for _, tt := range tests {
		if got := milliseconds(tt.ttl); got != tt.want {
			t.Errorf("milliseconds(%v): got %d, want %d", tt.ttl, got, tt.want)
		}
	}
}
