package checks

import "slices"

// Silence removes the messages whose ID is in ids, Django's
// SILENCED_SYSTEM_CHECKS, and returns the others with the number removed
// (Django's CheckMessage.is_silenced). A silenced error no longer makes a
// report serious. msgs is not modified.
func Silence(msgs []Message, ids []string) (visible []Message, silenced int) {
	for _, m := range msgs {
		if m.ID != "" && slices.Contains(ids, m.ID) {
			silenced++
			continue
		}
		visible = append(visible, m)
	}
	return visible, silenced
}
