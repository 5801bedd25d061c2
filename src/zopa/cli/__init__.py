"""The ``zopa`` command: parses, calls the library, prints."""
