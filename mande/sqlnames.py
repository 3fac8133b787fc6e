"""Table and column names written into SQL: quoted one way, here, wherever a query names them."""


def quoted(name: str) -> str:
    """The name as a SQL identifier: in double quotes, with a double quote inside it doubled."""
    return '"' + name.replace('"', '""') + '"'
