"""The six official languages of the United Nations.

`languages` names them, `dates` writes a moment in one of them, `words` holds the translating
functions every feature uses (pure enough for `rules` modules: no Flask import of its own),
`catalogues` compiles the translations, `setup` decides the language of each request.
"""
