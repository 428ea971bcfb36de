package messages

import (
	"context"

	"github.com/manouche-go/manouche/framework/messages"
	"github.com/manouche-go/manouche/framework/session"
)

// SessionKey is the session key of Django's SessionStorage.
const SessionKey = "_messages"

// sessionGet reads the session's messages (Django's SessionStorage._get):
// a JSON string, as Django stores it (or a list). Undecodable data reads as
// no messages.
func sessionGet(ctx context.Context) []messages.Message {
	s, ok := session.FromContext(ctx)
	if !ok {
		return nil
	}
	v, ok := s.Get(SessionKey)
	if !ok {
		return nil
	}
	var msgs []messages.Message
	var err error
	if str, isStr := v.(string); isStr {
		msgs, _, err = decodeList([]byte(str))
	} else {
		msgs, _, err = decodeValue(v)
	}
	if err != nil {
		return nil
	}
	return msgs
}

// sessionStore stores msgs in the session as Django does, a JSON string
// with Python's default separators, or removes the key when msgs is empty.
func sessionStore(ctx context.Context, msgs []messages.Message) error {
	s, ok := session.FromContext(ctx)
	if !ok {
		return errNoSession
	}
	if len(msgs) == 0 {
		s.Delete(SessionKey)
		return s.Err()
	}
	return s.Set(SessionKey, string(appendList(nil, msgs, false, pythonSep)))
}
