package redis

import (
	"strings"
	"testing"
	"time"
)

func TestClientOptions(t *testing.T) {
	tests := []struct {
		name     string
		location string
		options  map[string]any
		check    func(o Options) bool
		wantErr  string // substring; "" = success
	}{
		{"URL address and database", "redis://127.0.0.1:6380/2", nil,
			func(o Options) bool {
				return addr(o) == "127.0.0.1:6380" && o.Client.SelectDB == 2 && o.Client.TLSConfig == nil && o.Client.ForceSingleClient
			}, ""},
		{"default port", "redis://cache.internal", nil,
			func(o Options) bool { return addr(o) == "cache.internal:6379" && o.Client.SelectDB == 0 }, ""},
		{"rediss means TLS", "rediss://cache.internal:6380/0", nil,
			func(o Options) bool {
				return o.Client.TLSConfig != nil && o.Client.TLSConfig.ServerName == "cache.internal"
			}, ""},
		{"URL credentials", "redis://app:s3cret@127.0.0.1:6379/0", nil,
			func(o Options) bool { return o.Client.Username == "app" && o.Client.Password == "s3cret" }, ""},
		{"URL query parameters", "redis://127.0.0.1:6379/0?pool_size=7&dial_timeout=2s", nil,
			func(o Options) bool {
				return o.Client.BlockingPoolSize == 7 && o.Client.Dialer.Timeout == 2*time.Second
			}, ""},
		{"go-redis pool knobs are accepted", "redis://127.0.0.1", map[string]any{"pool_size": 20, "min_idle_conns": int64(2), "dialer_retries": 5, "pool_timeout": 4},
			func(o Options) bool { return o.Client.BlockingPoolSize == 20 }, ""},
		{"max_retries -1 turns retries off", "redis://127.0.0.1", map[string]any{"max_retries": -1},
			func(o Options) bool { return o.Client.DisableRetry }, ""},
		{"max_retries 3 keeps them", "redis://127.0.0.1", map[string]any{"max_retries": 3},
			func(o Options) bool { return !o.Client.DisableRetry }, ""},
		{"Django and redis-py names", "redis://127.0.0.1", map[string]any{"max_connections": 30, "min_idle": 3, "socket_connect_timeout": 1.5, "socket_timeout": 2},
			func(o Options) bool {
				return o.Client.BlockingPoolSize == 30 && o.Client.Dialer.Timeout == 1500*time.Millisecond &&
					o.Client.ConnWriteTimeout == 2*time.Second
			}, ""},
		{"the longest of the read and write timeouts", "redis://127.0.0.1", map[string]any{"read_timeout": "250ms", "write_timeout": "0.5", "pool_size": "12"},
			func(o Options) bool {
				return o.Client.ConnWriteTimeout == 500*time.Millisecond && o.Client.BlockingPoolSize == 12
			}, ""},
		{"near cache", "redis://127.0.0.1", map[string]any{"near_cache": true, "near_cache_ttl": 30, "near_cache_size": "1048576"},
			func(o Options) bool {
				return o.NearCache && o.NearCacheTTL == 30*time.Second && o.NearCacheSize == 1<<20
			}, ""},
		{"near cache off by default", "redis://127.0.0.1", nil,
			func(o Options) bool { return !o.NearCache }, ""},
		{"WAIT for replicas", "redis://127.0.0.1", map[string]any{"wait_replicas": 1, "wait_timeout": "250ms"},
			func(o Options) bool { return o.WaitReplicas == 1 && o.WaitTimeout == 250*time.Millisecond }, ""},
		{"query parameters lose to OPTIONS", "redis://127.0.0.1/0?near_cache=true&dial_timeout=2s", map[string]any{"dial_timeout": 3},
			func(o Options) bool { return o.NearCache && o.Client.Dialer.Timeout == 3*time.Second }, ""},
		{"unix socket", "unix:///run/redis.sock", nil,
			func(o Options) bool { return addr(o) == "/run/redis.sock" && o.Client.DialCtxFn != nil }, ""},
		{"sentinel", "redis+sentinel://:pw@10.0.0.1:26379,10.0.0.2:26379/mymaster/2", map[string]any{"sentinel_password": "spw"},
			func(o Options) bool {
				return strings.Join(o.Client.InitAddress, ",") == "10.0.0.1:26379,10.0.0.2:26379" &&
					o.Client.Sentinel.MasterSet == "mymaster" && o.Client.SelectDB == 2 &&
					o.Client.Password == "pw" && o.Client.Sentinel.Password == "spw" && !o.Client.ForceSingleClient
			}, ""},
		{"cluster", "redis+cluster://10.0.0.1:7000,10.0.0.2,10.0.0.3:7002", nil,
			func(o Options) bool {
				return strings.Join(o.Client.InitAddress, ",") == "10.0.0.1:7000,10.0.0.2:6379,10.0.0.3:7002" &&
					o.Client.Sentinel.MasterSet == "" && !o.Client.ForceSingleClient
			}, ""},
		{"cluster over TLS", "rediss+cluster://cache.internal:7000", nil,
			func(o Options) bool {
				return o.Client.TLSConfig != nil && o.Client.TLSConfig.ServerName == "cache.internal"
			}, ""},
		{"OPTIONS credentials and db win over the URL", "redis://u:p@127.0.0.1/1", map[string]any{"username": "app", "password": "pw", "db": 3},
			func(o Options) bool {
				return o.Client.Username == "app" && o.Client.Password == "pw" && o.Client.SelectDB == 3
			}, ""},
		{"upper-case OPTIONS names from code", "redis://127.0.0.1", map[string]any{"POOL_SIZE": 5},
			func(o Options) bool { return o.Client.BlockingPoolSize == 5 }, ""},
		{"tls option", "redis://cache.internal:6380", map[string]any{"tls": true},
			func(o Options) bool {
				return o.Client.TLSConfig != nil && o.Client.TLSConfig.ServerName == "cache.internal"
			}, ""},
		{"tls false turns rediss off", "rediss://cache.internal", map[string]any{"tls": "false"},
			func(o Options) bool { return o.Client.TLSConfig == nil }, ""},
		{"insecure_skip_verify implies TLS", "redis://cache.internal", map[string]any{"insecure_skip_verify": true},
			func(o Options) bool { return o.Client.TLSConfig != nil && o.Client.TLSConfig.InsecureSkipVerify }, ""},
		{"tls false wins over insecure_skip_verify", "rediss://cache.internal", map[string]any{"insecure_skip_verify": true, "tls": false},
			func(o Options) bool { return o.Client.TLSConfig == nil }, ""},
		{"Django class paths are ignored", "redis://127.0.0.1", map[string]any{"client_class": "django_redis.client.DefaultClient", "parser_class": "redis.connection.HiredisParser"},
			func(Options) bool { return true }, ""},
		{"empty LOCATION", "", nil, nil, "LOCATION is empty"},
		{"wrong scheme", "http://127.0.0.1:6379", nil, nil, "invalid URL scheme"},
		{"bad database", "redis://127.0.0.1/x", nil, nil, "invalid database number"},
		{"sentinel without a master name", "redis+sentinel://10.0.0.1:26379", nil, nil, "names the master set"},
		{"cluster with a database", "redis+cluster://10.0.0.1:7000/3", nil, nil, "a cluster has only database 0"},
		{"WAIT on a cluster", "redis+cluster://10.0.0.1:7000", map[string]any{"wait_replicas": 1, "wait_timeout": 0.25},
			func(o Options) bool { return o.WaitReplicas == 1 && o.WaitTimeout == 250*time.Millisecond }, ""},
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
			o, err := parseConfig(tt.location, tt.options)
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
				t.Errorf("got options %+v (client %+v), not what %q asks", o, *o.Client, tt.name)
			}
		})
	}
}

func TestClientOptions_passwordNotInErrors(t *testing.T) {
	for _, loc := range []string{"redis://:hunter2@127.0.0.1:xx/0", "redis://:hunter2@127.0.0.1/x", "redis://u:hunter2@[::1"} {
		_, err := parseConfig(loc, nil)
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

func addr(o Options) string { return strings.Join(o.Client.InitAddress, ",") }
