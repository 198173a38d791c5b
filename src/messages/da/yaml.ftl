# YAML-filer og front matter: nøgler, værdier og deres slags (src/yaml.rs, src/yaml/).

yaml-in = { $message } (i `{ $path }`)
yaml-unknown-key = ukendt nøgle `{ $key }`
yaml-unknown-value = ukendt værdi `{ $value }`
yaml-missing-key = den påkrævede nøgle `{ $key }` mangler
yaml-missing-key-hint = tilføj en linje `{ $key }: ...`
yaml-key-twice = nøglen `{ $key }` står der to gange
yaml-key-twice-hint = behold den ene af dem
yaml-out-of-range = tallet `{ $number }` er uden for det tilladte område
yaml-out-of-range-hint = skriv et helt tal fra { $min } til { $max }
yaml-not-decimal = `{ $value }` er ikke skrevet i titalssystemet
yaml-not-decimal-hint = skriv tal i titalssystemet, med cifrene 0 til 9: `{ $number }`
yaml-wrong-kind = forventede { $expected }, fandt { $found }
yaml-wrong-kind-hint = tjek værdiens form: en liste skal have `- `-punkter eller `[a, b]`, tekst kan sættes i anførselstegn
yaml-alias-bomb = YAML-teksten folder sig ud til alt for meget data (aliaser gentaget for mange gange)
yaml-alias-bomb-hint = skriv værdierne ud i stedet for at bruge `*aliaser`
yaml-too-deep = YAML-teksten er indlejret for dybt
yaml-too-deep-hint = håndbogens filer behøver kun få niveauer: tjek indrykningen og parenteserne
yaml-nested-past = YAML-teksten er indlejret mere end { $max } niveauer
yaml-nested-past-hint = håndbogens filer behøver kun få niveauer: tjek, om der mangler en `]` eller `{ "}" }`
yaml-syntax = { $detail }
yaml-syntax-hint = tjek YAML-syntaksen på denne linje: indrykning, `:` efter hver nøgle, anførselstegn om tekst med `:` eller `#`

# Forslag til et ord, der ikke er tilladt.
suggest-did-you-mean = mente du `{ $nearest }`? Tilladt her: { $allowed }
suggest-allowed = tilladt her: { $allowed }
suggest-remove = fjern den

# Slags værdier, som "forventede ..., fandt ..." nævner dem.
kind-bool = `true` eller `false`
kind-whole-number = et helt tal
kind-number = et tal
kind-text = tekst
kind-list = en liste
kind-mapping = et sæt `nøgle: værdi`-linjer
kind-nothing = ingenting
kind-other = en anden slags værdi
found-text = teksten { $text }
found-number = tallet { $number }
found-literal = `{ $value }`
