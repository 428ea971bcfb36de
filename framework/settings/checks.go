package settings

// Checks holds the settings of the system check framework. It is embedded
// in [Settings].
type Checks struct {
	// SilencedSystemChecks is SILENCED_SYSTEM_CHECKS: the IDs of check
	// messages ("security.W020") that check and runserver count as
	// silenced instead of reporting them. Silenced errors do not stop
	// runserver. The default is empty.
	SilencedSystemChecks []string
}

func init() {
	fields = append(fields,
		listField("SILENCED_SYSTEM_CHECKS", func(s *Settings) *[]string { return &s.SilencedSystemChecks }))
}
