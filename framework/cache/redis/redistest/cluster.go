package redistest

import (
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Cluster is a Redis Cluster of three masters, with or without a replica
// each, every node a redis-server of the test's own on free ports of
// 127.0.0.1, made with redis-cli --cluster create. Everything is killed
// when the test ends.
type Cluster struct {
	// URL is the LOCATION of the cluster: redis+cluster://H:P1,H:P2,...,
	// every node.
	URL string
	// Nodes are the three masters as started.
	Nodes []*Server
	// Replicas are empty without replicas; else Replicas[i] is the
	// replica of Nodes[i] as started.
	Replicas []*Server
}

// StartCluster starts three masters without replicas, joins them and
// waits until the cluster's state is ok on each (at most 20 s). Without
// redis-cli it skips t, or fails it when MANOUCHE_REQUIRE_SERVICES=1.
func StartCluster(t testing.TB) *Cluster {
	t.Helper()
	return startCluster(t, false)
}

// StartReplicatedCluster starts three masters with one replica each, and
// waits until the cluster's state is ok on every node and each replica is
// in sync with its master (at most 20 s), so that a master's death
// promotes its replica (cluster-node-timeout 2 s).
func StartReplicatedCluster(t testing.TB) *Cluster {
	t.Helper()
	return startCluster(t, true)
}

func startCluster(t testing.TB, replicated bool) *Cluster {
	t.Helper()
	cli, err := exec.LookPath("redis-cli")
	if err != nil {
		skipOrFail(t, "install redis-tools (redis-cli) to run the Redis Cluster tests")
	}
	dir := t.TempDir()
	n := 3
	if replicated {
		n = 6
	}
	var nodes []*Server
	var addrs []string
	for range n {
		port := freePort(t)
		nodes = append(nodes, startServer(t, port, "--cluster-enabled", "yes",
			"--cluster-port", strconv.Itoa(freePort(t)), "--cluster-node-timeout", "2000",
			"--cluster-config-file", filepath.Join(dir, "nodes-"+strconv.Itoa(port)+".conf")))
		addrs = append(addrs, "127.0.0.1:"+strconv.Itoa(port))
	}
	args := append([]string{"--cluster", "create"}, addrs...)
	if replicated {
		args = append(args, "--cluster-replicas", "1")
	}
	out, err := exec.Command(cli, append(args, "--cluster-yes")...).CombinedOutput()
	if err != nil {
		t.Fatalf("redistest: redis-cli --cluster create: %v\n%s", err, out)
	}
	c := &Cluster{URL: "redis+cluster://" + strings.Join(addrs, ",")}
	if c.Nodes, c.Replicas, err = roles(nodes); err != nil {
		t.Fatalf("redistest: cluster: %v", err)
	}
	if err := c.waitOK(20 * time.Second); err != nil {
		t.Fatalf("redistest: cluster: %v", err)
	}
	return c
}

// roles sorts the nodes redis-cli made into masters and the replica of
// each, in the masters' order (which redis-cli chooses).
func roles(nodes []*Server) (masters, replicas []*Server, err error) {
	of := map[string]*Server{} // master's address → its replica
	for _, n := range nodes {
		role, master, err := Role(n)
		if err != nil {
			return nil, nil, err
		}
		if role == "master" {
			masters = append(masters, n)
		} else {
			of[master] = n
		}
	}
	if len(of) == 0 {
		return masters, nil, nil
	}
	for _, m := range masters {
		r, ok := of[m.Addr()]
		if !ok {
			return nil, nil, fmt.Errorf("master %s has no replica", m.Addr())
		}
		replicas = append(replicas, r)
	}
	return masters, replicas, nil
}

// Role asks s for its ROLE: "master", or "slave" with the address of its
// master.
func Role(s *Server) (role, master string, err error) {
	cl, err := dial(s.URL)
	if err != nil {
		return "", "", err
	}
	defer cl.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	r, err := cl.Do(ctx, cl.B().Role().Build()).ToArray()
	if err != nil || len(r) == 0 {
		return "", "", fmt.Errorf("%s: ROLE: %v", s.Addr(), err)
	}
	if role, err = r[0].ToString(); err != nil || role != "slave" || len(r) < 3 {
		return role, "", err
	}
	host, _ := r[1].ToString()
	port, _ := r[2].AsInt64()
	return role, host + ":" + strconv.FormatInt(port, 10), nil
}

// waitOK waits until every node says cluster_state:ok and every replica
// is in sync with its master.
func (c *Cluster) waitOK(limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for _, n := range slices.Concat(c.Nodes, c.Replicas) {
		for {
			err := clusterOK(n.URL)
			if err == nil {
				break
			}
			if time.Now().After(deadline) {
				return fmt.Errorf("after %v: %w", limit, err)
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	return nil
}

func clusterOK(url string) error {
	cl, err := dial(url)
	if err != nil {
		return err
	}
	defer cl.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	info, err := cl.Do(ctx, cl.B().ClusterInfo().Build()).ToString()
	if err != nil {
		return err
	}
	if !strings.Contains(info, "cluster_state:ok") {
		return fmt.Errorf("%s: cluster_state is not ok", url)
	}
	repl, err := cl.Do(ctx, cl.B().Info().Section("replication").Build()).ToString()
	if err != nil {
		return err
	}
	if strings.Contains(repl, "role:slave") && !strings.Contains(repl, "master_link_status:up") {
		return fmt.Errorf("%s: replica not in sync with its master", url)
	}
	return nil
}
