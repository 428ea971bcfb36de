package commands

import "testing"

// TestParseAddrPort: runserver's argument as Django reads it.
func TestParseAddrPort(t *testing.T) {
	tests := []struct {
		arg, want, wantErr string
	}{
		{"", "127.0.0.1:8000", ""},
		{"8001", "127.0.0.1:8001", ""},
		{"0:8000", "0.0.0.0:8000", ""},
		{"0.0.0.0:80", "0.0.0.0:80", ""},
		{"192.168.1.5:9000", "192.168.1.5:9000", ""},
		{"localhost:8000", "localhost:8000", ""},
		{"[::1]:8000", "[::1]:8000", ""},
		{"127.0.0.1:0", "127.0.0.1:0", ""},
		{"abc", "", `"abc" is not a valid port number or address:port pair`},
		{"127.0.0.1:", "", `"127.0.0.1:" is not a valid port number or address:port pair`},
		{"70000", "", `"70000" is not a valid port number`},
		{"[zz]:80", "", `"[zz]:80" is not a valid port number or address:port pair`},
		{"[::g]:80", "", `"[::g]:80" is not a valid port number or address:port pair`},
	}
	for _, tt := range tests {
		t.Run(tt.arg, func(t *testing.T) {
			got, err := parseAddrPort(tt.arg)
			if got != tt.want || (err == nil) != (tt.wantErr == "") || (err != nil && err.Error() != tt.wantErr) {
				t.Errorf("got %q, %v; want %q, %q", got, err, tt.want, tt.wantErr)
			}
		})
	}
}
