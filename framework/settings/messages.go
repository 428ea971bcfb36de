package settings

import "strings"

// Messages holds the settings of Django's messages framework
// (django.contrib.messages), with Django's names and defaults. It is
// embedded in [Settings].
type Messages struct {
	// MessageStorage is MESSAGE_STORAGE: "fallback" (the cookie, then the
	// session for what does not fit), "cookie" or "session". Django's
	// dotted class names (django.contrib.messages.storage.fallback.FallbackStorage,
	// ...) are read as these. The default is "fallback".
	MessageStorage string
	// MessageLevel is MESSAGE_LEVEL, the lowest level recorded: messages
	// below it are dropped. YAML may give a number or a level name (debug,
	// info, success, warning, error). The default is 20 (info).
	MessageLevel int
	// MessageTags is MESSAGE_TAGS: CSS tags by level, added to (or
	// replacing) the default tags debug, info, success, warning and error.
	// YAML keys are numbers or level names ({error: danger}); in the
	// environment, "error:danger,35:notice". The default is empty.
	MessageTags map[int]string
}

// MessageLevels are the message levels by name (Django's
// django.contrib.messages.constants).
var MessageLevels = map[string]int{"debug": 10, "info": 20, "success": 25, "warning": 30, "error": 40}

// messageStorages maps the MESSAGE_STORAGE values to the stored names.
var messageStorages = map[string]string{
	"fallback": "fallback",
	"cookie":   "cookie",
	"session":  "session",
	"django.contrib.messages.storage.fallback.FallbackStorage": "fallback",
	"django.contrib.messages.storage.cookie.CookieStorage":     "cookie",
	"django.contrib.messages.storage.session.SessionStorage":   "session",
}

const (
	allowedMessageLevel   = "an integer or a level name (debug, info, success, warning, error)"
	allowedMessageTags    = "a mapping of level (an integer or a level name) to tag, such as {error: danger}"
	allowedMessageStorage = "fallback, cookie or session (or Django's dotted storage class name)"
)

func defaultMessages() Messages {
	return Messages{MessageStorage: "fallback", MessageLevel: MessageLevels["info"], MessageTags: map[int]string{}}
}

func init() {
	fields = append(fields,
		field{name: "MESSAGE_STORAGE", set: func(s *Settings, v any) error {
			name, err := asString("MESSAGE_STORAGE", v)
			if short, ok := messageStorages[name]; ok {
				name = short
			}
			s.MessageStorage = name
			return err
		}},
		field{name: "MESSAGE_LEVEL", set: func(s *Settings, v any) (err error) {
			s.MessageLevel, err = asLevel("MESSAGE_LEVEL", v, v, allowedMessageLevel)
			return err
		}},
		field{name: "MESSAGE_TAGS", set: (*Settings).decodeMessageTags},
	)
}

// asLevel reads a message level: an integer or a level name. whole is the
// setting's value, shown in the error.
func asLevel(setting string, v, whole any, allowed string) (int, error) {
	if name, ok := v.(string); ok {
		if n, ok := MessageLevels[strings.ToLower(strings.TrimSpace(name))]; ok {
			return n, nil
		}
	}
	n, err := asInt(setting, v, allowed)
	if err != nil {
		return 0, badValue(setting, whole, allowed)
	}
	return n, nil
}

// decodeMessageTags reads MESSAGE_TAGS from a YAML mapping or, from the
// environment, "level:tag,level:tag".
func (s *Settings) decodeMessageTags(v any) error {
	const name = "MESSAGE_TAGS"
	m, ok := v.(map[string]any)
	if str, isStr := v.(string); isStr {
		m, ok = map[string]any{}, true
		for _, pair := range splitList(str) {
			k, tag, found := strings.Cut(pair, ":")
			if !found {
				return badValue(name, v, allowedMessageTags)
			}
			m[strings.TrimSpace(k)] = strings.TrimSpace(tag)
		}
	}
	if !ok && v != nil {
		return badValue(name, v, allowedMessageTags)
	}
	tags := make(map[int]string, len(m))
	for _, k := range sortedKeys(m) {
		level, err := asLevel(name, k, k, allowedMessageTags)
		if err != nil {
			return err
		}
		if tags[level], err = asString(name, m[k]); err != nil {
			return badValue(name, v, allowedMessageTags)
		}
	}
	s.MessageTags = tags
	return nil
}

// checkMessages validates MESSAGE_STORAGE and stores its short name.
func (s *Settings) checkMessages() *Error {
	short, ok := messageStorages[s.MessageStorage]
	if !ok {
		return badValue("MESSAGE_STORAGE", s.MessageStorage, allowedMessageStorage)
	}
	s.MessageStorage = short
	return nil
}
