"""The school-support-profile site as a package: a school's repository holds its content and pins a version."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("schoolondersteuningsprofiel")
except PackageNotFoundError:  # a copy of the code that was not installed (some tests)
    __version__ = "0+onbekend"
