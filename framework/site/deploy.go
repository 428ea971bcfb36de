package site

import "github.com/manouche-go/manouche/framework/checks"

// DeployChecks runs [Site.Checks] and then the deployment checks (Django's
// check --deploy): HSTS, the HTTPS redirect, secure cookies, DEBUG, the
// security middleware... A finding the other checks already reported is
// not repeated.
func (s *Site) DeployChecks() []checks.Message {
	msgs := s.Checks()
	return append(msgs, checks.Deploy(s.Settings, msgs)...)
}
