package checks

import (
	"slices"
	"sync"

	"github.com/manouche-go/manouche/framework/settings"
)

var deployRegistry struct {
	mu     sync.Mutex
	checks []Check
}

// RegisterDeploy adds c to the deployment checks [Deploy] runs (Django's
// @register(deploy=True)), which `check --deploy` adds to the others. It is
// meant to be called from init; it panics if c is nil.
func RegisterDeploy(c Check) {
	if c == nil {
		panic("checks: RegisterDeploy of nil Check")
	}
	deployRegistry.mu.Lock()
	defer deployRegistry.mu.Unlock()
	deployRegistry.checks = append(deployRegistry.checks, c)
}

// Deploy runs the deployment checks against s and returns their messages,
// leaving out those whose ID one of already (the messages of the other
// checks) has: a finding is reported once.
func Deploy(s *settings.Settings, already []Message) []Message {
	deployRegistry.mu.Lock()
	all := slices.Clone(deployRegistry.checks)
	deployRegistry.mu.Unlock()
	seen := map[string]bool{}
	for _, m := range already {
		seen[m.ID] = true
	}
	var msgs []Message
	for _, c := range all {
		for _, m := range c(s) {
			if m.ID == "" || !seen[m.ID] {
				msgs = append(msgs, m)
				seen[m.ID] = true
			}
		}
	}
	return msgs
}
