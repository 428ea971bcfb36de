package redistest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// MasterSet is the name under which [Sentinel] watches its master.
const MasterSet = "mymaster"

// Sentinel is a master, one replica of it and one sentinel watching them
// (quorum 1, master down after 1 s), each a redis-server of the test's
// own on a free port of 127.0.0.1. Everything is killed when the test
// ends.
type Sentinel struct {
	// URL is the LOCATION of the master through the sentinel:
	// redis+sentinel://127.0.0.1:PORT/mymaster/0.
	URL string
	// SentinelAddr is the sentinel's host:port.
	SentinelAddr string
	// Master and Replica are the two data servers as started; after a
	// failover Replica is the master (see [Sentinel.MasterAddr]).
	Master, Replica *Server
}

// StartSentinel starts a master, its replica and a sentinel, and waits
// until the replica is in sync and the sentinel knows it (at most 20 s).
func StartSentinel(t testing.TB) *Sentinel {
	t.Helper()
	master := StartServer(t)
	replica := startServer(t, freePort(t), "--replicaof", "127.0.0.1", strconv.Itoa(master.port))
	port := freePort(t)
	conf := filepath.Join(t.TempDir(), "sentinel.conf")
	cfg := fmt.Sprintf("port %d\nbind 127.0.0.1\ndir %s\n"+
		"sentinel monitor %s 127.0.0.1 %d 1\n"+
		"sentinel down-after-milliseconds %[3]s 1000\nsentinel failover-timeout %[3]s 10000\n",
		port, filepath.Dir(conf), MasterSet, master.port)
	if err := os.WriteFile(conf, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	logFile := filepath.Join(filepath.Dir(conf), "sentinel.log")
	cmd := exec.Command(redisServer(t), conf, "--sentinel", "--logfile", logFile)
	if err := cmd.Start(); err != nil {
		t.Fatalf("redistest: start redis sentinel: %v", err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
		if !t.Failed() {
			return
		}
		if log, err := os.ReadFile(logFile); err == nil {
			t.Logf("redistest: the sentinel's log:\n%s", log) // its failovers, for the test that failed
		}
	})
	s := &Sentinel{
		URL:          fmt.Sprintf("redis+sentinel://127.0.0.1:%d/%s/0", port, MasterSet),
		SentinelAddr: "127.0.0.1:" + strconv.Itoa(port),
		Master:       master, Replica: replica,
	}
	if err := s.waitReplica(20 * time.Second); err != nil {
		t.Fatalf("redistest: sentinel: %v", err)
	}
	return s
}

// MasterAddr asks the sentinel which server is the master now.
func (s *Sentinel) MasterAddr(ctx context.Context) (string, error) {
	cl, err := dial("redis://" + s.SentinelAddr)
	if err != nil {
		return "", err
	}
	defer cl.Close()
	hp, err := cl.Do(ctx, cl.B().SentinelGetMasterAddrByName().Master(MasterSet).Build()).AsStrSlice()
	if err != nil {
		return "", err
	}
	if len(hp) != 2 {
		return "", fmt.Errorf("sentinel: got %q for the master's address", hp)
	}
	return hp[0] + ":" + hp[1], nil
}

// FailedOver reports whether the sentinel has ended a failover to the
// replica: it names the replica as the master and no failover is in
// progress. Before that the sentinel may still go back to the old master
// if it returns (the sentinel names the promoted replica as soon as it
// reconfigures the others), and a master without persistence that
// returns then wipes the promoted replica with its empty data set: start
// a killed master again only once this is true, as Redis's documentation
// advises for instances without persistence.
func (s *Sentinel) FailedOver(ctx context.Context) (bool, error) {
	cl, err := dial("redis://" + s.SentinelAddr)
	if err != nil {
		return false, err
	}
	defer cl.Close()
	m, err := cl.Do(ctx, cl.B().Arbitrary("SENTINEL", "MASTER").Args(MasterSet).Build()).AsStrMap()
	if err != nil {
		return false, err
	}
	return m["port"] == strconv.Itoa(s.Replica.port) && !strings.Contains(m["flags"], "failover"), nil
}

// waitReplica waits until the replica has synced and the sentinel lists
// it, so that a failover can promote it.
func (s *Sentinel) waitReplica(limit time.Duration) error {
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	for {
		err := s.replicaReady(ctx)
		if err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("replica not ready after %v: %w", limit, err)
		case <-time.After(100 * time.Millisecond):
		}
	}
}

func (s *Sentinel) replicaReady(ctx context.Context) error {
	cl, err := dial("redis://" + s.SentinelAddr)
	if err != nil {
		return err
	}
	defer cl.Close()
	replicas, err := cl.Do(ctx, cl.B().SentinelReplicas().Master(MasterSet).Build()).ToArray()
	if err != nil {
		return err
	}
	for _, r := range replicas {
		m, err := r.AsStrMap()
		if err == nil && m["port"] == strconv.Itoa(s.Replica.port) && m["master-link-status"] == "ok" && m["flags"] == "slave" {
			return nil
		}
	}
	return fmt.Errorf("the sentinel lists no synced replica on port %d", s.Replica.port)
}
