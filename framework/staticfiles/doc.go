// Package staticfiles is Django's django.contrib.staticfiles with
// ManifestStaticFilesStorage, and WhiteNoise's serving, for manouche:
// CSS, JavaScript and images found in STATICFILES_DIRS and in each
// installed app's static/ directory, served under STATIC_URL.
//
// A [Finder] searches its [Source]s in order: the STATICFILES_DIRS
// directories, then the installed apps' static trees, in INSTALLED_APPS
// order; the first that holds a name wins, as Django's finders do. Apps
// embed their files, so that a site's binary carries them:
//
//	//go:embed static
//	var staticFiles embed.FS
//
//	func (app) Static() fs.FS { return apps.MustSub(staticFiles, "static") }
//
// Under DEBUG, [FinderHandler] serves the files where they are, as
// Django's runserver does. For production, [Collect] (the collectstatic
// command) copies them into STATIC_ROOT, each also under a name holding a
// hash of its content ([HashedName]: css/site.css becomes
// css/site.5e0ac1ac7b3a.css, with the url() references of CSS files
// rewritten to hashed names), writes Django's staticfiles.json
// [Manifest], and .br and .gz variants of whatever compresses well.
// [RootHandler] then serves STATIC_ROOT from the site's own process, as
// WhiteNoise does: hashed names cached for ten years, ETags and 304s, the
// compressed variant the client accepts. No separate web server is needed
// for static files.
//
// Templates name static files with the static function, which a [Storage]
// implements: << static "css/site.css" >> writes /static/css/site.css
// under DEBUG and /static/css/site.5e0ac1ac7b3a.css otherwise; a file the
// manifest does not list is then an error, as in Django.
//
// The hashed names, the rewritten CSS and the manifest are those Django
// 3.2's collectstatic writes for the same files (the tests compare them
// with Django's), so a STATIC_ROOT can be shared with a Django site.
package staticfiles
