"""Loaded by every Python process started with this folder on PYTHONPATH (the notebook
tests put it there for the kernels they start). It refuses any network connection that is
not to this machine and records the attempt, so a notebook that fetches anything at run
time fails the tests even if it catches the error itself."""

import ipaddress
import os
import socket

_LOG = os.environ.get("PRAXISLAB_NETLOG")
_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex
_real_sendto = socket.socket.sendto
_real_sendmsg = socket.socket.sendmsg
_real_getaddrinfo = socket.getaddrinfo
_real_gethostbyname = socket.gethostbyname
_real_gethostbyname_ex = socket.gethostbyname_ex


def _is_local(host):
    if host in (None, "", "localhost", "localhost.localdomain", "ip6-localhost"):
        return True
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return False


def _refuse(what):
    if _LOG:
        with open(_LOG, "a", encoding="utf-8") as handle:
            handle.write(f"{os.getpid()} {what}\n")
    raise OSError(f"network access blocked by the Praxis Lab tests: {what}")


def _check(sock, address):
    if sock.family in (socket.AF_INET, socket.AF_INET6) and not _is_local(address[0]):
        _refuse(f"connect to {address[0]}:{address[1]}")


def connect(self, address):
    _check(self, address)
    return _real_connect(self, address)


def connect_ex(self, address):
    _check(self, address)
    return _real_connect_ex(self, address)


def sendto(self, data, *args):
    # sendto(data, address) or sendto(data, flags, address): UDP needs no connect.
    if args:
        _check(self, args[-1])
    return _real_sendto(self, data, *args)


def sendmsg(self, buffers, *args):
    if len(args) >= 3 and args[2] is not None:
        _check(self, args[2])
    return _real_sendmsg(self, buffers, *args)


def _check_name(host):
    if not _is_local(host if not isinstance(host, bytes) else host.decode()):
        _refuse(f"look up {host}")


def getaddrinfo(host, *args, **kwargs):
    _check_name(host)
    return _real_getaddrinfo(host, *args, **kwargs)


def gethostbyname(host):
    _check_name(host)
    return _real_gethostbyname(host)


def gethostbyname_ex(host):
    _check_name(host)
    return _real_gethostbyname_ex(host)


socket.socket.connect = connect
socket.socket.connect_ex = connect_ex
socket.socket.sendto = sendto
socket.socket.sendmsg = sendmsg
socket.getaddrinfo = getaddrinfo
socket.gethostbyname = gethostbyname
socket.gethostbyname_ex = gethostbyname_ex
