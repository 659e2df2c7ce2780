import Drawing
import Foundation
import ThingSpaceAPI

/// The details dialog (Enter in the list): every field the API gives for the device, in full,
/// and every attempt on it since the console started (newest first), with full reasons.
enum DetailsView {
    static func content(_ d: DeviceDetailsDialog, _ state: ConsoleState) -> DialogView.Content {
        let charset = state.context.charset
        func text(_ s: String) -> String { TextWidth.display(s, charset: charset) }
        func field(_ name: String, _ value: String, _ role: Role = .dialog) -> [Span] {
            [Span(Format.fit(name, 14), .dim), Span(value.isEmpty ? "-" : value, role)]
        }
        var lines: [[Span]] = []
        let store = state.store
        let lookup: DeviceLookup? = { if case .read(let l) = d.lookup { return l } else { return nil } }()
        if let i = store.index(of: d.deviceId) {
            let licensed = store.isLicensed(i)
            lines.append(field("IMEI", d.deviceId, .dialogTitle))
            lines.append(field("MDN", text(store.mdn(i))))
            lines.append(field("Make", text(state.extras.make(i) ?? lookup?.details?.device.make ?? "")))
            lines.append(field("Model", text(state.extras.model(i) ?? lookup?.details?.device.model ?? "")))
            lines.append(field("Firmware", text(store.firmware(i))))
            let eligible = lookup?.details?.device.fotaEligible ?? store.eligibleForFOTA(i)
            lines.append(field("FOTA eligible", eligible ? "yes" : "no (upgrades and licences are refused)", eligible ? .dialog : .statusWarn))
            lines.append(field("Licence", licensed ? "assigned" + assignment(d, lookup, text) : "none", licensed ? .licensed : .unlicensed))
            lines.append(field("Last upgrade", upgrade(text(state.extras.upgradeTime(i) ?? lookup?.details?.device.upgradeTime ?? ""))))
        } else {
            lines.append(field("IMEI", d.deviceId, .dialogTitle))
            lines.append([Span("The device is no longer in the list (it was read again).", .statusWarn)])
        }
        if let details = lookup?.details {
            if let status = details.status { lines.append(field("Status", text(status))) }
            if let proto = details.protocol { lines.append(field("Protocol", text(proto))) }
            for sw in details.software {
                let when = sw.upgradeTime.map { ", upgraded \(text($0))" } ?? ""
                lines.append(field("Software", text("\(sw.name) \(sw.version)") + when))
            }
            if let created = details.createTime { lines.append(field("Created", text(created))) }
            if let updated = details.updateTime { lines.append(field("Updated", text(updated))) }
        }
        if case .failed(let message) = d.lookup {
            lines.append([Span("Reading more about the device failed: \(text(message))", .error)])
        }

        let attempts = state.history.attempts(for: d.deviceId)
        lines.append([])
        if attempts.isEmpty {
            lines.append([Span("No attempt on this device since the console started.", .dim)])
        } else {
            lines.append([Span("Attempts since the console started (newest first):", .dialogTitle)])
            for a in attempts.reversed() { lines.append(attemptLine(a, state, text)) }
        }
        // Earlier runs, once a run journal provides them.
        if let earlier = lookup?.earlierAttempts, !earlier.isEmpty {
            lines.append([Span("Earlier runs (newest first):", .dialogTitle)])
            for a in earlier.reversed() { lines.append(attemptLine(a, state, text)) }
        }
        return DialogView.Content(title: "Device \(d.deviceId)", titleRole: .dialogTitle, lines: lines,
                                  keys: DialogView.closeKeys(state.registry), maxWidth: Int.max)
    }

    /// `16:00:03  assign  failed  LicenseAssignFailed: the full reason  (sent 2 times)`.
    static func attemptLine(_ a: DeviceAttempt, _ state: ConsoleState, _ text: (String) -> String) -> [Span] {
        let time = Format.clock(a.time, timeZone: state.context.timeZone)
        var spans = [Span("  \(time)  \(a.operation.rawValue)  ", .dialog),
                     Span(LastOutcome.words(a.outcome, a.operation), PickerView.outcomeRole(a.outcome)),
                     Span("  \(text(a.status))", .dim)]
        if !a.reason.isEmpty { spans.append(Span(": " + text(a.reason), .dialog)) }
        if a.attempts > 1 { spans.append(Span("  (sent \(a.attempts) times)", .dim)) }
        return spans
    }

    private static func assignment(_ d: DeviceDetailsDialog, _ lookup: DeviceLookup?, _ text: (String) -> String) -> String {
        switch d.lookup {
        case .reading: return " (reading when...)"
        case .failed: return ""
        case .read(let l):
            if let t = l.assignmentTime, !t.isEmpty { return " " + text(t) }
            return l.assignmentSearched ? " (time not in the licence list)" : ""
        }
    }

    /// v1 lists `01/01/1900 0:0:0` for a device never upgraded.
    private static func upgrade(_ value: String) -> String {
        if value.isEmpty { return "none" }
        if value.hasPrefix("01/01/1900") { return "never (\(value))" }
        return value
    }
}
