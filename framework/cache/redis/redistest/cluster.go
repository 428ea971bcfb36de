package redistest

import (
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Cluster is a Redis Cluster of three masters without replicas, each a
// redis-server of the test's own on free ports of 127.0.0.1, made with
// redis-cli --cluster create. Everything is killed when the test ends.
type Cluster struct {
	// URL is the LOCATION of the cluster:
	// redis+cluster://127.0.0.1:P1,127.0.0.1:P2,127.0.0.1:P3.
	URL string
	// Nodes are the three masters.
	Nodes []*Server
}

// StartCluster starts the three masters, joins them and waits until the
// cluster's state is ok on each (at most 20 s). Without redis-cli it
// skips t, or fails it when MANOUCHE_REQUIRE_SERVICES=1.
func StartCluster(t testing.TB) *Cluster {
	t.Helper()
	cli, err := exec.LookPath("redis-cli")
	if err != nil {
		skipOrFail(t, "install redis-tools (redis-cli) to run the Redis Cluster tests")
	}
	dir := t.TempDir()
	c := &Cluster{}
	var addrs []string
	for range 3 {
		port := freePort(t)
		c.Nodes = append(c.Nodes, startServer(t, port, "--cluster-enabled", "yes",
			"--cluster-port", strconv.Itoa(freePort(t)), "--cluster-node-timeout", "2000",
			"--cluster-config-file", filepath.Join(dir, "nodes-"+strconv.Itoa(port)+".conf")))
		addrs = append(addrs, "127.0.0.1:"+strconv.Itoa(port))
	}
	out, err := exec.Command(cli, append(append([]string{"--cluster", "create"}, addrs...), "--cluster-yes")...).CombinedOutput()
	if err != nil {
		t.Fatalf("redistest: redis-cli --cluster create: %v\n%s", err, out)
	}
	c.URL = "redis+cluster://" + strings.Join(addrs, ",")
	if err := c.waitOK(20 * time.Second); err != nil {
		t.Fatalf("redistest: cluster: %v", err)
	}
	return c
}

// waitOK waits until every node says cluster_state:ok.
func (c *Cluster) waitOK(limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for _, n := range c.Nodes {
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
	return nil
}
