#!/usr/bin/env python3
"""A second, independent ThingSpace client (Python's standard library only) that sends the request
shapes of ../shared/api/THINGSPACE-API.md to a server and checks the answers' documented field
names and types, so a contract mistake that our Swift client and our simulator share shows up.

    python3 scripts/independent-client.py BASE_URL ACCOUNT APP_KEY APP_SECRET USERNAME PASSWORD

Prints one line per call; exit status 0 when every answer had the documented shape."""
import base64, json, sys, urllib.error, urllib.request

base, account, key, secret, user, password = sys.argv[1:7]
problems = []

def call(method, path, body=None, headers=None, form=None):
    data = None
    hdrs = {"Accept": "application/json", **(headers or {})}
    if form is not None:
        data = form.encode(); hdrs["Content-Type"] = "application/x-www-form-urlencoded"
    elif body is not None:
        data = json.dumps(body).encode(); hdrs["Content-Type"] = "application/json"
    request = urllib.request.Request(base.rstrip("/") + path, data=data, headers=hdrs, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")

def expect(what, status, value, shape):
    """shape: {field: type or (type, type)}; fields ending in '?' are optional."""
    bad = [] if status == 200 else [f"HTTP {status}"]
    for field, kind in shape.items():
        optional = field.endswith("?"); name = field.rstrip("?")
        if not isinstance(value, dict) or name not in value:
            if not optional: bad.append(f"{name} missing")
            continue
        if not isinstance(value[name], kind) or (kind is int and isinstance(value[name], bool)):
            bad.append(f"{name} is {type(value[name]).__name__}")
    print(("ok   " if not bad else "FAIL ") + what + ("" if not bad else ": " + ", ".join(bad)))
    problems.extend(f"{what}: {b}" for b in bad)

basic = base64.b64encode(f"{key}:{secret}".encode()).decode()
status, token = call("POST", "/api/ts/v1/oauth2/token", headers={"Authorization": "Basic " + basic},
                     form="grant_type=client_credentials")
expect("POST /api/ts/v1/oauth2/token", status, token, {"access_token": str, "token_type?": str, "expires_in?": int})
bearer = {"Authorization": "Bearer " + token["access_token"]}
status, login = call("POST", "/api/m2m/v1/session/login", body={"username": user, "password": password}, headers=bearer)
expect("POST /api/m2m/v1/session/login", status, login, {"sessionToken": str})
auth = {**bearer, "VZ-M2M-Token": login["sessionToken"]}
device = {"deviceId": str, "licenseAssigned": bool, "fotaEligible?": bool, "mdn?": str, "make?": str, "model?": str}

status, v1 = call("GET", f"/api/fota/v1/licenses/{account}/index/0", headers=auth)
expect("GET v1 licence summary", status, v1, {"accountName": str, "totalLicenses": int, "assignedLicenses": int,
                                              "hasMoreData": bool, "lastSeenDeviceId": int, "deviceList": list})
status, v3 = call("GET", f"/api/fota/v3/licenses/{account}", headers=auth)
expect("GET v3 licence summary", status, v3, {"accountName": str, "assignedLicenses": int, "hasMoreData": bool,
                                              "totalLicenses?": int, "lastSeenDeviceId?": str, "maxPageSize?": int})
status, d1 = call("GET", f"/api/fota/v1/devices/{account}/index/0", headers=auth)
expect("GET v1 device list", status, d1, {"accountName": str, "hasMoreData": bool, "lastSeenDeviceId": int, "deviceList": list})
for d in (d1 or {}).get("deviceList", [])[:5]: expect("  a v1 device", 200, d, {**device, "firmware": str, "upgradeTime": str})
status, d3 = call("GET", f"/api/fota/v3/devices/{account}", headers=auth)
expect("GET v3 device list", status, d3, {"accountName": str, "hasMoreData": bool, "deviceList": list, "maxPageSize?": int})
for d in (d3 or {}).get("deviceList", [])[:5]:
    expect("  a v3 device", 200, d, {**device, "protocol": str, "status?": str, "softwareList?": list})
if v1 and d1 and v1.get("assignedLicenses") != (v3 or {}).get("assignedLicenses"):
    problems.append("v1 and v3 disagree on assignedLicenses")
for version in ("v1", "v3"):
    status, sub = call("GET", f"/api/fota/{version}/subscriptions/{account}", headers=auth)
    expect(f"GET {version} subscription", status, sub, {"accountName": str, "purchaseType": str, "licenseCount": int,
                                                        "licenseUsedCount": int, "updateTime?": str})

free = [d["deviceId"] for d in (d1 or {}).get("deviceList", []) if not d["licenseAssigned"]][:2]
status, a1 = call("POST", f"/api/fota/v1/licenses/{account}/assign", body={"deviceList": free[:1]}, headers=auth)
expect("POST v1 assign", status, a1, {"accountName": str, "licCount": int, "licUsedCount": int, "deviceList": list})
for d in (a1 or {}).get("deviceList", []): expect("  a v1 result", 200, d, {"deviceId": str, "status": str, "Reason": str})
status, a3 = call("POST", f"/api/fota/v3/licenses/{account}/assign", body={"deviceList": free[1:2]}, headers=auth)
expect("POST v3 assign", status, a3, {"accountName": str, "licCount": int, "licUsedCount": int, "deviceList": list})
for d in (a3 or {}).get("deviceList", []): expect("  a v3 result", 200, d, {"deviceId": str, "status": str, "resultReason": str})
status, r3 = call("POST", f"/api/fota/v3/licenses/{account}/remove", body={"deviceList": free}, headers=auth)
expect("POST v3 remove", status, r3, {"accountName": str, "licCount": int, "licUsedCount": int, "deviceList": list})
if a1 and r3 and r3.get("licUsedCount") != a1.get("licUsedCount", 0) - 1:
    problems.append(f"after assigning 2 and removing both, licUsedCount is {r3.get('licUsedCount')}")

print(f"{len(problems)} problems")
sys.exit(1 if problems else 0)
