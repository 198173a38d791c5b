# Translations of the shared content: their files, stamps and what they name
# (src/content/translation/, src/content/mod.rs).

translation-stamp-invalid = `translated_from: { $text }` is not a source hash
translation-stamp-invalid-hint = it is the first { $digits } hex digits of the SHA-256 of the original file; `handbook translations --stamp` writes it once the translation matches the original
translation-stamp-missing = this translation does not say which version of the original it translates (`translated_from`)
translation-stamp-missing-hint = until it does, readers are told the original may have changed; `handbook translations --stamp` writes it once the translation matches the original
translation-fact-module-only = `{ $key }` is only translated on module pages
translation-fact-module-only-hint = remove the line: the original has no such fact to translate
translation-unknown-key = unknown key `{ $key }` in a translation
translation-source-key-hint = `{ $key }` comes from the original, content/{ $source }: a translation has only the texts a reader sees ({ $allowed })
translation-own-language = this is a translation into `{ $language }`, the handbook's own language
translation-own-language-hint = divisions in the handbook's language read the original; delete this file, or rename it if it is a page of its own
translation-no-original = this translation into `{ $language }` has no original: there is no content/{ $source }
translation-no-original-hint = A translation sits beside its original and adds the language before the extension; a page of its own must not end in `.<language>.md`
translation-no-original-nearest-hint = did you mean to translate `{ $path }`? Name it `{ $name }`. A translation sits beside its original and adds the language before the extension; a page of its own must not end in `.<language>.md`
translation-no-week = the original follow-up has no week { $week }
translation-no-week-hint = translate the weeks of { $file }: they are numbered 1 to { $last }
translation-week-twice = week { $week } is translated twice
translation-week-twice-hint = keep one translation of each week
translation-no-activity = no shared activity has the id `{ $id }`
translation-activity-no-ids-hint = give the shared activity an `id:` in { $file } and use it here
translation-activity-ids-hint = { $suggestion } (the `id`s of { $file })
translation-activity-twice = the activity `{ $id }` is translated twice
translation-activity-twice-hint = keep one translation of each activity
translation-segments-past = the original business case has { $count ->
        [one] { $count } segment
       *[other] { $count } segments
    }; this translation names more
translation-segments-past-hint = translate the names of { $file }'s segments, in the same order
translation-activity-id-twice = the activity id `{ $id }` is used twice (also on line { $line })
translation-activity-id-twice-hint = give each activity an id of its own: translations find their activity by it
translation-division-own = a division's own files are not translated
translation-division-own-hint = write the division's text in its own language as `{ $source }`; translations of shared files sit beside them in content/, e.g. content/{ $path }
