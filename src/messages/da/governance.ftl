# Styring: HR's godkendelser, gennemgangsdatoer, forældede lokale afsnit, git-historikken
# (src/approvals.rs, src/review.rs, src/stale.rs, src/history.rs).

approval-not-a-division = `{ $division }` er ikke en division
approval-not-local-item = `{ $path }` er ikke et lokalt punkt i divisionen `{ $division }`
approval-not-local-item-hint = { $suggestion }; eller kør `handbook approve --division { $division }` for at registrere dens punkter igen
approval-twice = `{ $path }` i divisionen `{ $division }` er godkendt to gange
approval-twice-hint = behold den ene af de to linjer
approval-not-a-fingerprint = `{ $text }` er ikke et fingeraftryk
approval-not-a-fingerprint-hint = et fingeraftryk er de første 12 hex-cifre (0-9, a-f) af filens SHA-256; `handbook approve` skriver det
approval-date-hint = skriv godkendelsens dato som ÅÅÅÅ-MM-DD

review-overdue = `{ $page }` skulle have været gennemgået senest { $date }; den ansvarlige er { $owner }
review-overdue-hint = gennemgå siden med den ansvarlige, og sæt så `review_by` til datoen for næste gennemgang
review-overdue-no-owner = `{ $page }` skulle have været gennemgået senest { $date }; siden har ingen ansvarlig
review-overdue-no-owner-hint = angiv med `owner:`, hvem der svarer for siden, gennemgå den, og sæt så `review_by` til datoen for næste gennemgang

stale-local-section = den fælles side { $shared } blev ændret { $date }, efter at dette lokale afsnit sidst blev ændret
stale-local-section-hint = læs, hvad der er ændret i { $shared }, og bring det lokale afsnit ajour; advarslen forsvinder, når denne fil er ændret efter den

history-unreadable = git-historikken kunne ikke læses, så ændringsdatoer er filernes tidsstempler: { $detail }
history-unreadable-hint = tjek repositoriet med `git fsck`, eller byg fra en frisk klon
