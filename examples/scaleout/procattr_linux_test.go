package scaleout

import "syscall"

// On Linux the kernel kills the servers when the test process dies without
// running its cleanups (a go test -timeout panic, a SIGKILL).
func init() { sysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL} }
