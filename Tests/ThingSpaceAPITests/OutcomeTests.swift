import Testing
@testable import ThingSpaceAPI

@Suite struct OutcomeTests {
    @Test(arguments: [
        // assign
        (LicenseOperation.assign, "LicenseAssignSuccess", "Success", DeviceOutcome.success),
        (.assign, "Success", "Success", .success),                                  // v3
        (.assign, "LicenseAssignSuccess", "Device license preexisting", .alreadyLicensed),
        (.assign, "LicenseAssignFailed", "Device license preexisting", .alreadyLicensed),  // whatever the status
        (.assign, "Failure", "License already assigned to device", .alreadyLicensed),
        (.assign, "LicenseAssignFailed", "Device Not Found", .failed),
        (.assign, "LicenseAssignFailed", "No licenses available", .failed),
        (.assign, "UpgradePending", "Estimated upgrade time ...", .failed),          // unknown status kept, not success
        (.assign, "LicenseRemoveSuccess", "Success", .failed),                      // wrong operation's success
        // remove
        (.remove, "LicenseRemoveSuccess", "Success", .success),
        (.remove, "Success", "Success", .success),
        (.remove, "LicenseRemoveFailed", "No license attached to device", .notLicensed),
        (.remove, "Failure", "no license attached to device", .notLicensed),
        (.remove, "LicenseRemoveFailed", "Upgrade in progress", .failed),
        (.remove, "LicenseAssignSuccess", "Success", .failed),
        // reasons in any case, at either end, with non-ASCII text, or shorter than every fragment
        (.assign, "Failure", "DEVICE LICENSE PRE-EXISTING", .alreadyLicensed),
        (.assign, "Failure", "Déjà: Already Licensed", .alreadyLicensed),
        (.assign, "Success", "licence déjà là", .success),
        (.assign, "Failure", "preexist", .alreadyLicensed),
        (.assign, "Failure", "pre", .failed),
        (.assign, "Failure", "", .failed),
        (.remove, "Failure", "Device Does Not Have A License", .notLicensed),
        (.remove, "Failure", "ﬁ not licensed", .notLicensed),
        (.remove, "LicenseRemoveSuccess", "not licenced", .success),
    ])
    func classification(_ op: LicenseOperation, _ status: String, _ reason: String, _ expected: DeviceOutcome) {
        #expect(DeviceOutcome.classify(operation: op, status: status, reason: reason) == expected)
    }

    @Test func failedKeepsRawStatusAndReason() {
        let r = DeviceResult(operation: .assign, line: DeviceStatusLine(deviceId: "352099001761481", status: "WeirdNewStatus", reason: "Odd ‹reason›"))
        #expect(r.outcome == .failed)
        #expect(r.status == "WeirdNewStatus")
        #expect(r.reason == "Odd ‹reason›")
    }

    @Test func doneStates() {
        #expect(DeviceOutcome.allCases.filter(\.isDone) == [.success, .alreadyLicensed, .notLicensed])
    }
}
