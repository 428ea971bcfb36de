package settings

import "fmt"

// Error reports one bad setting, like Django's ImproperlyConfigured. Its
// message is a single line that names the setting, the bad value and what
// is allowed:
//
//	settings: SESSION_COOKIE_AGE = "-5": must be a non-negative integer (seconds)
//
// Match it with errors.As. A secret value is never stored: Value holds
// [Redacted] instead.
type Error struct {
	// Setting is the Django name of the setting, with nested keys joined by
	// dots: "SESSION_COOKIE_AGE", "DATABASES.default.ENGINE".
	Setting string
	// Value is the rejected value as text ("null" for YAML null).
	Value string
	// Allowed describes the accepted values; the message reads
	// "must be <Allowed>".
	Allowed string
}

// Redacted stands in for a secret value in an [Error].
const Redacted = "[redacted]"

// Error returns the one-line message.
func (e *Error) Error() string {
	return fmt.Sprintf("settings: %s = %q: must be %s", e.Setting, e.Value, e.Allowed)
}
