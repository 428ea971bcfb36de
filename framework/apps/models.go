package apps

// ModelsProvider is implemented by an app that declares GORM models
// (Django's models.py). makemigrations compares them with the schema the
// app's migrations create and writes the next migration into the app's
// migrations package, the directory migrations/ of the app's package,
// whose All function the app's Migrations method returns.
//
// Models returns one pointer to a zero value per model, e.g.
// []any{&Question{}, &Choice{}}.
type ModelsProvider interface {
	Models() []any
}
