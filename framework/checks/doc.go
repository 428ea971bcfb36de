// Package checks is the system check framework: the Go form of Django's
// django.core.checks and of the messages "manage check" prints.
//
// A [Check] is a function of the site's settings that returns [Message]
// values. Packages register checks in init with [Register]; apps contribute
// more through apps.ChecksProvider, which the check command passes to [Run]
// as extra checks. [Format] renders one message as Django does and [Report]
// writes the whole report of the check command. [Silence] drops the
// messages whose IDs SILENCED_SYSTEM_CHECKS lists, and [ReportSilenced]
// counts them in the summary ("(1 silenced)"), as check and runserver do.
//
// # Built-in checks
//
// This package registers the checks below. Where Django has the same check
// its ID is kept; manouche.* IDs are the stricter forms manouche adds (an
// error instead of Django's deploy-only warning, because a weak key with
// DEBUG off is a broken deployment, not a style issue).
//
//   - manouche.E003 (Error): SECRET_KEY is empty (Django raises
//     ImproperlyConfigured on first use).
//   - security.W009 (Warning, DEBUG on) and manouche.E001 (Error, DEBUG
//     off): SECRET_KEY has fewer than 50 characters, fewer than 5 unique
//     characters, or starts with "django-insecure-".
//   - security.W025 (Warning, DEBUG on) and manouche.E002 (Error, DEBUG
//     off): the same test for each entry of SECRET_KEY_FALLBACKS, which
//     signatures are still accepted with.
//   - security.W020 (Warning, DEBUG off): ALLOWED_HOSTS is empty.
//
// Session cookie checks (security.W010, security.W013) belong to the
// contrib.sessions app.
package checks
