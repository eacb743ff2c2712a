"""Bearer-token checks for the HTTP routes and the WebSocket, in constant time."""

from __future__ import annotations

import hmac
from typing import Any
from collections.abc import Callable

from fastapi import Depends, HTTPException, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

UNAUTHORIZED = ("missing or wrong API token: send 'Authorization: Bearer TOKEN' "
                "(the token is shown by 'alyesdesk serve --show-token')")


def token_matches(given: str | None, token: str) -> bool:
    """Constant-time comparison of what the client sent with the server's token."""
    return hmac.compare_digest((given or "").encode("utf-8"), token.encode("utf-8"))


def bearer_value(header: str | None) -> str | None:
    """The token of an 'Authorization: Bearer TOKEN' header, else None."""
    if not header:
        return None
    scheme, _, value = header.strip().partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def require_token(token: str) -> Callable[..., Any]:
    """A FastAPI dependency that answers 401 unless the request carries `token`."""
    scheme = HTTPBearer(auto_error=False, description="the token shown by `alyesdesk serve --show-token`")

    async def check(credentials: HTTPAuthorizationCredentials | None = Depends(scheme)) -> None:
        given = credentials.credentials if credentials is not None else None
        if not token_matches(given, token):
            raise HTTPException(status.HTTP_401_UNAUTHORIZED, UNAUTHORIZED, headers={"WWW-Authenticate": "Bearer"})

    return check
