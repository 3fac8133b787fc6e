"""What this process of the dashboard is for, set by the environment variable MANDE_ROLE.

- `public`: a replica serving the Group of Friends' link. No Secretariat page and no sign-in at all, so never a
  confidential record. It does not write: it reads the database that the Secretariat's instance (or `mande`)
  builds in the shared data folder, and takes up a new one at the next page load; only on a machine with no
  database at all (Streamlit Community Cloud) does it build one from the data folder first.
- `secretariat`: the Secretariat's instance: sign-in, updates, and the database's (re)builds.
- `all` (or unset): both in one process, as `streamlit run app.py` gives on one machine.
"""

from __future__ import annotations

import os

ROLES = ("all", "public", "secretariat")
ENV = "MANDE_ROLE"


def role() -> str:
    """This process's role; ValueError naming the variable for anything else."""
    value = os.environ.get(ENV, "").strip().lower() or "all"
    if value not in ROLES:
        raise ValueError(f"{ENV} is {value!r}; expected one of: {', '.join(ROLES)}")
    return value


def public_only() -> bool:
    """Whether this process is a public replica: read-only, with no way to the Secretariat's view."""
    return role() == "public"
