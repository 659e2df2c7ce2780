import Drawing
import ThingSpaceAPI

/// Confirm, quit-during-run and information dialogs: a centred box.
enum DialogView {
    struct Content {
        var title: String
        var titleRole: Role
        var lines: [[Span]]
        var keys: [Span]
        /// Widest the box gets (the details dialog uses more of a wide screen).
        var maxWidth = 78
    }

    static func draw(_ state: ConsoleState, into grid: inout CellGrid) {
        guard let content = content(state) else { return }
        drawBox(content, glyphs: state.glyphs, into: &grid)
    }

    static func content(_ state: ConsoleState) -> Content? {
        switch state.modal {
        case .confirm(let d): return confirmContent(d, state)
        case .quitDuringRun: return quitContent(state)
        case .hostUnreachable(let d): return hostContent(d, state)
        case .info(let info):
            return Content(title: info.title, titleRole: info.isError ? .dialogDanger : .dialogTitle,
                           lines: info.lines.map { [Span($0, .dialog)] },
                           keys: closeKeys(state.registry))
        case .details(let d): return DetailsView.content(d, state)
        default: return nil
        }
    }

    static func confirmContent(_ d: ConfirmDialog, _ state: ConsoleState) -> Content {
        let g = state.glyphs
        let ctx = state.context
        let assign = d.operation == .assign
        let verb = assign ? "Assign" : "Remove"
        var lines: [[Span]] = []
        var target: [Span] = []
        if let profile = ctx.profileName { target = [Span("Profile ", .dialog), Span(profile, .headerAccount), Span(g.sep, .dialog)] }
        lines.append(target + [Span("Account ", .dialog), Span(ctx.account, .headerAccount), Span(" on ", .dialog), Span(ctx.host, .headerAccount)])
        if assign && state.billing == .event {
            lines.append([Span("This account is event-based: its upgrades are billed per event and need no licence.", .statusWarn)])
            lines.append([Span("Assigning is allowed but not needed; confirm only to assign anyway.", .statusWarn)])
        }
        let total = d.allIds.count
        let what = followUpWhat(d, total: total) ?? (d.isRetry ? Format.count(total, "device left by the last run", plural: "devices left by the last run")
            : Format.count(total, "selected device"))
        // Devices already in the wanted state are named only when there are some.
        let changing = assign ? Format.count(d.changing, "needs a licence", plural: "need a licence")
            : Format.count(d.changing, "holds a licence", plural: "hold a licence")
        let already = d.alreadyInState == 0 ? "."
            : assign ? ", \(Format.count(d.alreadyInState)) already licensed (reported as already licensed)."
            : ", \(Format.count(d.alreadyInState)) \(d.alreadyInState == 1 ? "has" : "have") none (reported as not licensed)."
        lines.append([Span("\(what): \(changing)\(already)", .dialog)])
        if !d.permanent.isEmpty { lines += permanentLines(d, state) }
        lines += followUpLines(d, state)
        if d.hiddenByFilter > 0 {
            lines.append([Span("\(Format.count(d.hiddenByFilter)) of them are hidden by the filter and are sent too.", .statusWarn)])
        }
        if let counts = d.counts, let after = d.usedAfter {
            lines.append([Span("Licences used after: ", .dialog),
                          Span("\(Format.count(after)) / \(Format.count(counts.total))", .dialogTitle),
                          Span(" (now \(Format.count(counts.used)) / \(Format.count(counts.total)), \(Format.count(counts.free)) free).", .dialog)])
        } else {
            lines.append([Span("Licence counts have not been read yet.", .dialog)])
        }
        if d.excess > 0, let counts = d.counts, let fit = d.fitIds {
            lines.append([Span("! \(Format.count(d.changing)) need a licence but only \(Format.count(counts.free)) are free: "
                               + "\(Format.count(d.excess)) exceed the free licences.", .gaugeOver)])
            let fitChosen = d.choice == .onlyFit
            lines.append([Span(fitChosen ? "(*) " : "( ) ", fitChosen ? .dialogTitle : .dialog),
                          Span("only as many as fit: send \(Format.count(fit.count)), \(Format.count(d.excess)) not sent", fitChosen ? .dialogTitle : .dialog)])
            lines.append([Span(!fitChosen ? "(*) " : "( ) ", !fitChosen ? .dialogTitle : .dialog),
                          Span("send all \(Format.count(total)) (the excess \(Format.count(d.excess)) fail)", !fitChosen ? .dialogTitle : .dialog)])
        }
        if !assign {
            var text = "Removing a licence cancels a firmware upgrade scheduled but not started"
            text += d.upgradesScheduled > 0 ? " (\(Format.count(d.upgradesScheduled)) of these devices \(d.upgradesScheduled == 1 ? "has" : "have") one scheduled)." : "."
            lines.append([Span(text, .dialogDanger)])
        }
        let count = d.deviceIds.count
        let registry = state.registry
        let no = registry[.cancel].keys
        var keys: [Span]
        if ctx.runPolicy.needsTypedCount(count) {
            // Typing the count is the stronger guard: Enter confirms it, y is not offered.
            lines.append([Span("Type \(Format.count(count)) and press Enter to \(assign ? "send" : "remove"): ", .dialog),
                          Span(d.typed + "_", .input)])
            if d.typedMismatch {
                lines.append([Span("That is not \(Format.count(count)): type the number of devices, then Enter.", .error)])
            }
            keys = [Span("[Enter] ", .dialogKey),
                    Span((assign ? "sends \(Format.count(count))" : "removes from \(Format.count(count))") + " once the count is typed\(g.sep)", .dialog)]
        } else {
            let yes = registry[.confirm].keys
            keys = [Span("[\(yes.first?.description ?? "?")/\(no.first?.description ?? "?")] ", .dialogKey)]
            if assign {
                keys += keyList(yes) + [Span(" sends \(Format.count(count))\(g.sep)", .dialog)]
            } else {
                let removing = yes.filter { $0 != .enter }
                keys += keyList(removing) + [Span(" removes from \(Format.count(count))" + (yes.contains(.enter) ? " (Enter does not)" : "") + g.sep, .dialog)]
            }
        }
        keys += keyList(no) + [Span(" cancels", .dialog)]
        if d.fitIds != nil { keys += [Span(g.sep, .dialog)] + keyList(Array(registry[.switchChoice].keys.prefix(1))) + [Span(" switches", .dialog)] }
        if d.isRetry && !d.permanent.isEmpty {
            keys += [Span(g.sep, .dialog)] + keyList(Array(registry[.includePermanent].keys.prefix(1)))
                + [Span(d.includePermanent ? " leaves the permanent failures out" : " includes the permanent failures", .dialog)]
        }
        keys += followUpKeys(d, state)
        let title = (ctx.production ? "PRODUCTION\(g.sep)" : "") + (d.isRetry ? "Retry: " : "") + followUpTitle(d) + "\(verb) FOTA licences"
        return Content(title: title, titleRole: assign ? .dialogTitle : .dialogDanger, lines: lines, keys: keys)
    }

    /// The retry dialog's list of devices that failed for a permanent reason, with reasons.
    static func permanentLines(_ d: ConfirmDialog, _ state: ConsoleState) -> [[Span]] {
        let n = d.permanent.count
        let key = state.registry.keyName(.includePermanent)
        var lines: [[Span]] = [[Span(Format.count(n, "device") + " failed for a reason a retry cannot change; "
                                     + (d.includePermanent ? "they are sent too (\(key) leaves them out):" : "left out (\(key) includes them):"),
                                     .statusWarn)]]
        let shown = 4
        for r in d.permanent.prefix(shown) {
            lines.append([Span("  \(r.deviceId) ", .dialog), Span(TextWidth.display(r.reason, charset: state.context.charset), .statusFailed)])
        }
        if n > shown { lines.append([Span("  and \(Format.count(n - shown)) more (Enter on a device in the list shows its reason)", .dim)]) }
        return lines
    }

    static func quitContent(_ state: ConsoleState) -> Content {
        var lines: [[Span]] = []
        if let run = state.run {
            let left = max(0, run.total - run.done)
            lines.append([Span("The \(run.operation.rawValue) run has \(Format.count(left)) of \(Format.count(run.total, "device")) left.", .dialog)])
        }
        let yes = state.registry[.confirm].keys, no = state.registry[.cancel].keys
        lines.append(keyList(yes) + [Span(": stop after the batches in flight, then quit.", .dialog)])
        lines.append(keyList(no) + [Span(": keep running.", .dialog)])
        return Content(title: "Quit during a run?", titleRole: .dialogDanger, lines: lines,
                       keys: [Span("[\(yes.first?.description ?? "?")/\(no.first?.description ?? "?")]", .dialogKey)])
    }

    /// `[Enter] or [Esc] closes`, with the keys in force.
    static func closeKeys(_ registry: ActionRegistry) -> [Span] {
        let yes = registry[.confirm].keys, no = registry[.cancel].keys
        let open = yes.contains(.enter) ? Key.enter : yes.first
        let close = no.contains(.escape) ? Key.escape : no.first
        return [Span("[\(open?.description ?? "?")]", .dialogKey), Span(" or ", .dialog),
                Span("[\(close?.description ?? "?")]", .dialogKey), Span(" closes", .dialog)]
    }

    /// `y or Enter`: the keys in force, each in the key role.
    static func keyList(_ keys: [Key]) -> [Span] {
        var spans: [Span] = []
        for (n, key) in keys.enumerated() {
            if n > 0 { spans.append(Span(" or ", .dialog)) }
            spans.append(Span(key.description, .dialogKey))
        }
        return spans
    }

    static func hostContent(_ d: HostUnreachableDialog, _ state: ConsoleState) -> Content {
        var lines: [[Span]] = []
        lines.append([Span("The host \(d.failure.host) stopped answering; the run stopped.", .dialog)])
        lines.append([Span(d.failure.description, .error)])
        lines.append([Span("\(Format.count(d.retryIds.count, "device")) \(d.retryIds.count == 1 ? "is" : "are") not done", .dialog),
                      Span(d.unknown > 0 ? " (\(Format.count(d.unknown)) sent without an answer: they may have been applied)." : ".",
                           .dialog)])
        lines.append([Span("The licence counts shown are the last read and may not be current.", .statusWarn)])
        let verb = d.operation == .assign ? "assign" : "remove"
        let keys: [Span] = [Span("[y/n] ", .dialogKey), Span("y", .dialogKey),
                            Span(" tries again (\(verb) the \(Format.count(d.retryIds.count)) not done) · ", .dialog),
                            Span("n", .dialogKey), Span(" or ", .dialog), Span("Esc", .dialogKey), Span(" leaves them", .dialog)]
        return Content(title: "Host unreachable", titleRole: .dialogDanger, lines: lines, keys: keys)
    }

    static func drawBox(_ content: Content, glyphs: Glyphs, into grid: inout CellGrid) {
        let boxWidth = min(grid.width - 4, content.maxWidth)
        let inner = boxWidth - 4
        var body: [[Span]] = []
        for line in content.lines { body += wrapSpans(line, width: inner) }
        let keys = wrapSpans(content.keys, width: inner)
        // border, title, blank, body, blank, keys, border
        let maxBody = max(1, grid.height - 2 - 5 - keys.count)
        if body.count > maxBody { body = Array(body.prefix(maxBody)) }
        let boxHeight = body.count + keys.count + 5
        let x0 = (grid.width - boxWidth) / 2
        let y0 = max(0, (grid.height - boxHeight) / 2)
        grid.fill(x: x0, y: y0, width: boxWidth, height: boxHeight, role: .dialog)
        drawBorder(x: x0, y: y0, width: boxWidth, height: boxHeight, glyphs: glyphs, into: &grid)
        grid.put(" " + content.title + " ", x: x0 + 2, y: y0, role: content.titleRole, maxWidth: inner)
        var y = y0 + 2
        for line in body {
            grid.put(line, x: x0 + 2, y: y, maxWidth: inner)
            y += 1
        }
        y += 1
        for line in keys {
            grid.put(line, x: x0 + 2, y: y, maxWidth: inner)
            y += 1
        }
    }

    static func drawBorder(x: Int, y: Int, width: Int, height: Int, glyphs g: Glyphs, into grid: inout CellGrid) {
        guard width >= 2, height >= 2 else { return }
        let line = String(repeating: g.horizontal, count: width - 2)
        grid.put("\(g.topLeft)\(line)\(g.topRight)", x: x, y: y, role: .border)
        grid.put("\(g.bottomLeft)\(line)\(g.bottomRight)", x: x, y: y + height - 1, role: .border)
        for row in (y + 1)..<(y + height - 1) {
            grid.put(String(g.vertical), x: x, y: row, role: .border)
            grid.put(String(g.vertical), x: x + width - 1, y: row, role: .border)
        }
    }
}
