"""Who is looking: the public view, or the Secretariat's once a member has signed in."""

from __future__ import annotations

import os

import streamlit as st

from mande import auth, ingest, roles
from mande.i18n import _
from mande.tables import escape

SIGNED_IN = "secretariat_user"  # Session State key: the signed-in Secretariat member's name (server-side only)


def _secrets() -> dict:
    try:
        return st.secrets.to_dict()
    except FileNotFoundError:  # no secrets file: no sign-in configured in it
        return {}


def _oidc() -> bool:
    """Whether sign-in goes through an identity provider (an [auth] section in the secrets, for st.login)."""
    return "auth" in _secrets()


def secretariat_user() -> str | None:
    """The signed-in Secretariat member (their e-mail or name), or None in the public view.

    With an identity provider, only the addresses listed in [secretariat] emails are the Secretariat; with a
    password, whoever signed in with it on this session. Always None on a public replica.
    """
    if roles.public_only():
        return None
    if _oidc():
        allowed = {e.lower() for e in _secrets().get("secretariat", {}).get("emails", [])}
        if st.user.is_logged_in and str(st.user.get("email", "")).lower() in allowed:
            return str(st.user.email)
        return None
    return st.session_state.get(SIGNED_IN)


def sign_in() -> None:
    """The Secretariat's sign-in: the identity provider's button, or a password form with a growing wait after
    failed attempts. Says how to set it up when neither is configured."""
    if roles.public_only():  # a public replica has no Secretariat page; this guards any other way in
        st.info(_("This is the public dashboard: the Secretariat signs in on its own address."))
        return
    if _oidc():
        if st.user.is_logged_in:
            st.warning(_("{account} is not on the Secretariat's list.").format(
                account=escape(st.user.get("email") or _("This account"))))
            st.button(_("Sign out"), on_click=st.logout)
        else:
            st.button(_("Sign in"), type="primary", on_click=st.login)
        return
    stored = _secrets().get("secretariat", {}).get("password_hash") or os.environ.get(auth.ENV_HASH)
    if not stored:
        st.info(_("Sign-in is not set up on this server. See the README, “Setting up the Secretariat's sign-in”."))
        return
    with st.form("sign_in"):
        name = st.text_input(_("Your name (recorded with your updates)"), max_chars=80)
        password = st.text_input(_("Password"), type="password", max_chars=200)
        submitted = st.form_submit_button(_("Sign in"), type="primary")
    if not submitted:
        return
    if not name.strip():
        st.error(_("Give your name: it is recorded with every update you make."))
        return
    if not ingest.is_plain(name):
        st.error(_("Give your name as plain text: it holds a control character."))
        return
    address = auth.client_address(st.context.ip_address, st.context.headers.get("X-Forwarded-For"))
    wait = auth.THROTTLE.attempt(name, address)
    if wait > 0:
        st.error(_("Too many failed attempts: wait {wait}, then try again.").format(wait=auth.wait_words(wait)))
    elif auth.check_password(password, stored):
        auth.THROTTLE.succeeded(name, address)
        st.session_state[SIGNED_IN] = name.strip()
        st.rerun()
    else:
        st.error(_("That password is not right."))


def sign_out() -> None:
    if _oidc():
        st.logout()
    st.session_state.pop(SIGNED_IN, None)
