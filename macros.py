# The pages' macros ({{ aantallen() }} …) come from the installed package.
from sop.site.macros import define_env, on_pre_page_macros  # noqa: F401
