package commands

import (
	"fmt"
	"net"
	"regexp"
	"strconv"
)

// naiveIP is Django's runserver naiveip_re: an optional IPv4 address,
// [IPv6] address or host name and a colon, then the port.
var naiveIP = regexp.MustCompile(`^(?:((\d{1,3}(?:\.\d{1,3}){3})|(\[[a-fA-F0-9:]+\])|([a-zA-Z0-9-]+(?:\.[a-zA-Z0-9-]+)*)):)?(\d+)$`)

// Django's runserver defaults.
const (
	defaultHost = "127.0.0.1"
	defaultPort = "8000"
)

// parseAddrPort reads runserver's argument as Django does: "" is
// 127.0.0.1:8000, "8001" is 127.0.0.1:8001, "0:8000" listens on every
// interface (0.0.0.0), "[::1]:8000" on an IPv6 address.
func parseAddrPort(arg string) (string, error) {
	host, port := defaultHost, defaultPort
	if arg != "" {
		m := naiveIP.FindStringSubmatch(arg)
		if m == nil {
			return "", fmt.Errorf("%q is not a valid port number or address:port pair", arg)
		}
		if m[1] != "" {
			host = m[1]
		}
		port = m[5]
	}
	if n, err := strconv.Atoi(port); err != nil || n > 65535 {
		return "", fmt.Errorf("%q is not a valid port number", port)
	}
	switch {
	case host == "0":
		host = "0.0.0.0"
	case host[0] == '[':
		host = host[1 : len(host)-1]
		if net.ParseIP(host) == nil {
			return "", fmt.Errorf("%q is not a valid IPv6 address", host)
		}
	}
	return net.JoinHostPort(host, port), nil
}
