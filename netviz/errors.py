"""The one exception type the library raises for bad input."""


class NetvizError(Exception):
    """Bad input a user can fix: the message names the file, line or field and the fix.

    The CLI prints it as ``Error: <message>`` and exits with code 1; any other
    exception escaping the library is a bug.
    """
