# YAML files and front matter: keys, values and their kinds (src/yaml.rs, src/yaml/).

yaml-in = { $message } (in `{ $path }`)
yaml-unknown-key = unknown key `{ $key }`
yaml-unknown-value = unknown value `{ $value }`
yaml-missing-key = missing required key `{ $key }`
yaml-missing-key-hint = add a line `{ $key }: ...`
yaml-key-twice = the key `{ $key }` is given twice
yaml-key-twice-hint = keep one of them
yaml-out-of-range = the number `{ $number }` is out of range
yaml-out-of-range-hint = give a whole number from { $min } to { $max }
yaml-not-decimal = `{ $value }` is not a decimal number
yaml-not-decimal-hint = write numbers in decimal, with the digits 0 to 9: `{ $number }`
yaml-wrong-kind = expected { $expected }, found { $found }
yaml-wrong-kind-hint = check the value's form: a list needs `- ` items or `[a, b]`, text can be quoted
yaml-alias-bomb = the YAML expands into too much data (aliases repeated too often)
yaml-alias-bomb-hint = write the values out instead of using `*aliases`
yaml-too-deep = the YAML is nested too deep
yaml-too-deep-hint = handbook files need only a few levels: check the indentation and the brackets
yaml-nested-past = the YAML is nested more than { $max } levels deep
yaml-nested-past-hint = handbook files need only a few levels: check for a missing `]` or `{ "}" }`
yaml-syntax = { $detail }
yaml-syntax-hint = check the YAML syntax on this line: indentation, a `:` after each key, quotes around text with `:` or `#`

# Suggestions for a word that is not allowed.
suggest-did-you-mean = did you mean `{ $nearest }`? Allowed here: { $allowed }
suggest-allowed = allowed here: { $allowed }
suggest-remove = remove it

# Kinds of values, as "expected ..., found ..." names them.
kind-bool = `true` or `false`
kind-whole-number = a whole number
kind-number = a number
kind-text = text
kind-list = a list
kind-mapping = a set of `key: value` lines
kind-nothing = nothing
kind-other = another kind of value
found-text = the text { $text }
found-number = the number { $number }
found-literal = `{ $value }`
