# Site settings: handbook.yaml (src/config.rs, src/content/checks.rs).

config-title-empty = the handbook's `title` is empty
config-title-empty-hint = write the name readers should see, e.g. `title: Kundeorientering`
config-theme-name = `theme: { $theme }` is not a theme folder name
config-theme-name-hint = use the name of a folder under themes/, e.g. `theme: default`
config-base-url = `base_url: { $url }` is not a web address
config-base-url-hint = write the address the site is published at, starting with https:// or http://, e.g. `base_url: https://intranet.example.com/handbook/`
config-require-local-not-shared = `require_local` names `{ $path }`, which is not a shared page
