#!/usr/bin/env python3
"""Runs Verizon's own Python SDK (sdksio-verizon-apis-sdk 2.0.0) against `tslicense simulator` and
says which calls it made and how each went. Not part of `swift test`: it needs the SDK from PyPI.

    python3 -m venv /tmp/sdkvenv && /tmp/sdkvenv/bin/pip install sdksio-verizon-apis-sdk==2.0.0
    swift build && /tmp/sdkvenv/bin/python scripts/sdk-against-simulator.py [.build/debug/tslicense]

Exit status 0 when every call succeeded and its answer parsed into the SDK's models."""
import os, re, subprocess, sys, traceback

try:
    from verizon.configuration import Configuration, Environment, Server
    from verizon.verizon_client import VerizonClient
    from verizon.http.auth.thingspace_oauth import ThingspaceOauthCredentials
    from verizon.http.auth.vz_m2m_token import VZM2mTokenCredentials
    from verizon.models.log_in_request import LogInRequest
    from verizon.models.v3_license_imei import V3LicenseIMEI
except ImportError as error:
    sys.exit(f"the SDK is not installed here ({error}); see the header of this script")

binary = sys.argv[1] if len(sys.argv) > 1 else ".build/debug/tslicense"
sim = subprocess.Popen([binary, "simulator", "--port", "0", "--devices", "300", "--used", "40", "--page-size", "100"],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
results = []
try:
    base = None
    env = {}
    for line in sim.stdout:
        m = re.search(r"listening on (http://\S+)", line)
        if m: base = m.group(1).rstrip("/")
        m = re.match(r"(?:export )?(THINGSPACE_\w+)=(\S+)", line.strip())
        if m: env[m.group(1)] = m.group(2).strip("'\"")
        if base and "THINGSPACE_PASSWORD" in env: break
    if not base:
        sys.exit("the simulator did not say where it listens")
    account = env["THINGSPACE_ACCOUNT"]

    # Point every software-management server of the SDK's production environment at the simulator.
    servers = Configuration.environments[Environment.PRODUCTION]
    servers[Server.THINGSPACE] = base + "/api"
    servers[Server.OAUTH_SERVER] = base + "/api/ts/v1"
    servers[Server.M2M] = base + "/api/m2m"
    for version in ("1", "2", "3"):
        servers[getattr(Server, f"SOFTWARE_MANAGEMENT_V{version}")] = f"{base}/api/fota/v{version}"

    oauth = ThingspaceOauthCredentials(oauth_client_id=env["THINGSPACE_APP_KEY"],
                                       oauth_client_secret=env["THINGSPACE_APP_SECRET"])
    client = VerizonClient(thingspace_oauth_credentials=oauth)
    login = client.session_management.start_connectivity_management_session(
        LogInRequest(username=env["THINGSPACE_USERNAME"], password=env["THINGSPACE_PASSWORD"]))
    results.append(("POST /m2m/v1/session/login (session_management)", login.status_code, login.is_success()))
    session = login.body.session_token
    client = VerizonClient(thingspace_oauth_credentials=oauth, vz_m2m_token_credentials=VZM2mTokenCredentials(session))

    def call(name, fn, check=lambda body: True):
        try:
            response = fn()
            ok = response.is_success() and check(response.body)
            results.append((name, response.status_code, ok))
            return response.body
        except Exception as error:   # the SDK raises on a body it cannot parse
            results.append((name, "raised", False))
            traceback.print_exc(limit=2)
            return None

    status = call("GET /fota/v1/licenses/{account}/index/0 (software_management_subscriptions_v1)",
                  lambda: client.software_management_subscriptions_v1.get_account_license_status(account, "0"),
                  lambda b: b.assigned_licenses == 40)
    v3 = call("GET /fota/v3/licenses/{acc} (software_management_licenses_v3)",
              lambda: client.software_management_licenses_v3.get_account_licenses_status(account),
              lambda b: b.assigned_licenses == 40)
    call("GET /fota/v1/subscriptions/{account} (software_management_subscriptions_v1)",
         lambda: client.software_management_subscriptions_v1.get_account_subscription_status(account),
         lambda b: "TS-HFOTA-MRC" in (b.purchase_type or ""))
    call("GET /fota/v3/subscriptions/{acc} (software_management_subscriptions_v3)",
         lambda: client.software_management_subscriptions_v3.get_account_subscription_status(account),
         lambda b: "TS-HFOTA-MRC" in (b.purchase_type or ""))
    devices = call("GET /fota/v3/devices/{acc}?protocol=LWM2M (account_devices, the SDK's default protocol)",
                   lambda: client.account_devices.get_account_device_information(account),
                   lambda b: len(b.device_list or []) > 0)
    unlicensed = [d.device_id for d in (devices.device_list if devices else []) if not d.license_assigned][:3]
    call("POST /fota/v3/licenses/{acc}/assign (software_management_licenses_v3)",
         lambda: client.software_management_licenses_v3.assign_licenses_to_devices(account, V3LicenseIMEI(device_list=unlicensed)),
         lambda b: b.lic_used_count == 40 + len(unlicensed))
    call("POST /fota/v3/licenses/{acc}/remove (software_management_licenses_v3)",
         lambda: client.software_management_licenses_v3.remove_licenses_from_devices(account, V3LicenseIMEI(device_list=unlicensed)),
         lambda b: b.lic_used_count == 40)
finally:
    sim.terminate()
    sim.wait(timeout=10)

failed = 0
for name, code, ok in results:
    print(f"{'ok  ' if ok else 'FAIL'} {code}  {name}")
    failed += 0 if ok else 1
print(f"{len(results)} calls, {failed} failed")
sys.exit(1 if failed or not results else 0)
