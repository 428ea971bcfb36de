package checks

import "github.com/manouche-go/manouche/framework/settings"

// deployRegistry holds the checks of [RegisterDeploy].
var deployRegistry checkList

// RegisterDeploy adds c to the deployment checks [Deploy] runs (Django's
// @register(deploy=True)), which `check --deploy` adds to the others. It is
// meant to be called from init; it panics if c is nil.
func RegisterDeploy(c Check) { deployRegistry.add("RegisterDeploy", c) }

// Deploy runs the deployment checks against s and returns their messages,
// leaving out those whose ID one of already (the messages of the other
// checks) has: a finding is reported once.
func Deploy(s *settings.Settings, already []Message) []Message {
	all := deployRegistry.all()
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
