# Sitets indstillinger: handbook.yaml (src/config.rs, src/content/checks.rs).

config-title-empty = håndbogens `title` er tom
config-title-empty-hint = skriv det navn, læserne skal se, fx `title: Kundeorientering`
config-theme-name = `theme: { $theme }` er ikke navnet på en temamappe
config-theme-name-hint = brug navnet på en mappe under themes/, fx `theme: default`
config-base-url = `base_url: { $url }` er ikke en webadresse
config-base-url-hint = skriv den adresse, sitet udgives på, så den begynder med https:// eller http://, fx `base_url: https://intranet.example.com/handbook/`
config-require-local-not-shared = `require_local` nævner `{ $path }`, som ikke er en fælles side
