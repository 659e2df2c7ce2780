extension ConsoleState {
    /// Selects the IMEIs read from a file (added to the selection) and reports the ones not
    /// found and the malformed lines. While devices are still loading, IMEIs not loaded yet
    /// are selected when they arrive; the rest are reported when loading ends.
    mutating func applyFile(path: String, imeis: [String], problems: [String], warnings: [String]) {
        var seen = Set<String>()
        var newlySelected = 0, alreadySelected = 0, duplicates = 0
        var notFound: [String] = []
        for imei in imeis {
            guard seen.insert(imei).inserted else { duplicates += 1; continue }
            if let i = store.index(of: imei) {
                if store.isSelected(i) { alreadySelected += 1 } else { store.setSelected(i, true); newlySelected += 1 }
            } else {
                notFound.append(imei)
            }
        }
        pendingFilePath = path
        var lines: [String] = [path]
        lines.append("\(Format.count(imeis.count)) IMEIs read: \(Format.count(newlySelected)) selected, "
                     + "\(Format.count(alreadySelected)) already selected, \(Format.count(notFound.count)) not found"
                     + (duplicates > 0 ? ", \(Format.count(duplicates, "duplicate"))" : ""))
        if !notFound.isEmpty {
            if load.done || load.error != nil {
                lines.append("Not in the account: " + sample(notFound))
            } else {
                pendingFileSelect.formUnion(notFound)
                lines.append("Not loaded yet (selected if they appear while loading goes on): " + sample(notFound))
            }
        }
        if !problems.isEmpty {
            lines.append("\(Format.count(problems.count, "malformed line")):")
            lines.append(contentsOf: problems.prefix(3).map { "  " + $0 })
            if problems.count > 3 { lines.append("  ...") }
        }
        if !warnings.isEmpty {
            lines.append("\(Format.count(warnings.count, "warning")) (still selected): " + warnings[0])
        }
        lines.append("\(Format.count(store.selectedCount, "device")) selected in all.")
        let trouble = !notFound.isEmpty || !problems.isEmpty
        status = StatusMessage("\(path): \(Format.count(newlySelected)) selected, \(Format.count(notFound.count)) not found, "
                               + "\(Format.count(problems.count)) malformed", trouble ? .warning : .ok)
        modal = .info(InfoDialog(title: "IMEI file loaded", lines: lines, isError: false))
    }

    private func sample(_ ids: [String]) -> String {
        ids.prefix(5).joined(separator: ", ") + (ids.count > 5 ? ", ... (\(Format.count(ids.count)) in all)" : "")
    }
}
